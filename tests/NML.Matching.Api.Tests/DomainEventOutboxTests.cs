using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The outbox rows come from the events the match raises, collected when the unit of work saves: every use case that
/// changes a match's state writes exactly its one row, of the type docs/webhooks.md lists for it, with the thin payload
/// shown there (<c>matchId</c>, <c>unitId</c>, <c>status</c>, <c>dueAt</c>). The types are written here as the document
/// spells them. Read from <c>outbox_events</c> with SQL on a database of the test's own (it moves the clock).
/// </summary>
public sealed class DomainEventOutboxTests
{
    private sealed record Row(long Sequence, string Type, JsonElement Data);

    private static async Task<List<Row>> RowsAboutAsync(World w, Guid matchId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(w.Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT sequence, type, payload::text FROM outbox_events WHERE payload->'data'->>'matchId' = @id ORDER BY sequence", connection);
        command.Parameters.AddWithValue("id", matchId.ToString());
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), JsonDocument.Parse(reader.GetString(2)).RootElement.GetProperty("data").Clone()));
        return rows;
    }

    /// <summary>
    /// Runs <paramref name="step"/> and returns the one outbox row about the match that it added (failing on none or
    /// more). A step of the deadline service may be taken by the hosted service first, so the row is waited for.
    /// </summary>
    private static async Task<Row> TheRowWrittenByAsync(World w, Guid matchId, Func<Task> step)
    {
        var before = await RowsAboutAsync(w, matchId);
        await step();
        await Eventually.WaitUntilAsync(async () => (await RowsAboutAsync(w, matchId)).Count > before.Count, TimeSpan.FromSeconds(10), "the step's outbox row");
        var added = (await RowsAboutAsync(w, matchId)).Where(r => before.All(b => b.Sequence != r.Sequence)).ToList();
        return Assert.Single(added);
    }

    private static async Task<MatchDto> MatchAsync(World w, Guid id) =>
        (await w.Api.Admin().GetFromJsonAsync<MatchDto>($"/api/v1/matches/{id}", Json.Options))!;

    /// <summary>The row reports the match as the API shows it after the step.</summary>
    private static async Task AssertReportsAsync(World w, Row row, string type, Guid matchId, MatchStatus status)
    {
        var match = await MatchAsync(w, matchId);
        Assert.Equal(type, row.Type);
        Assert.Equal(status, match.Status);
        Assert.Equal(matchId, row.Data.GetProperty("matchId").GetGuid());
        Assert.Equal(match.UnitId, row.Data.GetProperty("unitId").GetGuid());
        Assert.Equal(status.ToString(), row.Data.GetProperty("status").GetString());
        var dueAt = row.Data.GetProperty("dueAt");
        Assert.Equal(match.DueAt, dueAt.ValueKind == JsonValueKind.Null ? null : dueAt.GetDateTimeOffset());
    }

    private static async Task<(Guid UnitId, Guid CandidateId)> PairAsync(World w, string group)
    {
        var unit = await w.Api.WithKey(w.Cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("targetGroups", new JsonArray(group)).With("supportOnSite", "TwentyFourSeven"));
        var candidate = await w.Api.WithKey(w.Cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("targetGroups", new JsonArray(group)).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        return (unit.Id, candidate.Id);
    }

    private static async Task<MatchDto> ProposeByHandAsync(World w)
    {
        var (unitId, candidateId) = await PairAsync(w, "ExGedetineerde");
        var response = await w.Api.WithKey(w.Cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId, candidateId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
    }

    private static async Task PostOkAsync(HttpClient client, string path, object? body = null)
    {
        var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task EveryUseCaseThatChangesAMatchWritesExactlyItsEvent()
    {
        await using var own = await World.OwnAsync(); // moves the clock for the warning and the expiry
        var mp = own.Api.WithKey(own.Cast.MatchingspuntNml);
        var owner = own.Api.WithKey(own.Cast.CorporationA);
        var provider = own.Api.WithKey(own.Cast.ProviderA);

        // A real round over a region that holds one fitting pair: match.proposed.
        await PairAsync(own, "ExGedetineerde");
        var response = await mp.PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        var fromRound = Assert.Single(round.Proposals).MatchId!.Value;
        await AssertReportsAsync(own, Assert.Single(await RowsAboutAsync(own, fromRound)), "match.proposed", fromRound, MatchStatus.Proposed);

        // Nominate, accept and the signed lease: match.nominated, match.accepted, match.contracted.
        await AssertReportsAsync(own, await TheRowWrittenByAsync(own, fromRound, () => PostOkAsync(mp, $"/api/v1/matches/{fromRound}/nominate")),
            "match.nominated", fromRound, MatchStatus.Nominated);
        await AssertReportsAsync(own, await TheRowWrittenByAsync(own, fromRound, () => PostOkAsync(owner, $"/api/v1/matches/{fromRound}/accept")),
            "match.accepted", fromRound, MatchStatus.Accepted);
        await AssertReportsAsync(own, await TheRowWrittenByAsync(own, fromRound, () => PostOkAsync(owner, $"/api/v1/matches/{fromRound}/contract",
            new { tenancyStart = own.Today.ToString("yyyy-MM-dd"), contractForm = "Regulier" })), "match.contracted", fromRound, MatchStatus.Contracted);

        // A proposal by hand, then a decline: match.proposed, match.declined.
        var declined = await ProposeByHandAsync(own);
        await AssertReportsAsync(own, Assert.Single(await RowsAboutAsync(own, declined.Id)), "match.proposed", declined.Id, MatchStatus.Proposed);
        await AssertReportsAsync(own, await TheRowWrittenByAsync(own, declined.Id, () => PostOkAsync(provider, $"/api/v1/matches/{declined.Id}/decline",
            new { by = "Kandidaat", reasonCode = "kandidaat-weigert-passend-aanbod" })), "match.declined", declined.Id, MatchStatus.Declined);

        // A withdrawal: match.withdrawn.
        var withdrawn = await ProposeByHandAsync(own);
        await AssertReportsAsync(own, await TheRowWrittenByAsync(own, withdrawn.Id, () => PostOkAsync(mp, $"/api/v1/matches/{withdrawn.Id}/withdraw",
            new { reason = "dubbel voorgesteld" })), "match.withdrawn", withdrawn.Id, MatchStatus.Withdrawn);

        // The deadline service: the warning one working day before (match.deadline-approaching), then the expiry (match.expired).
        var overdue = await ProposeByHandAsync(own);
        var deadlines = own.Api.Services.GetRequiredService<MatchDeadlineService>();
        var warning = await TheRowWrittenByAsync(own, overdue.Id, async () =>
        {
            own.Api.Clock.SetUtcNow(new WorkingDays().OneWorkingDayBefore(overdue.DueAt!.Value).AddMinutes(5));
            await deadlines.RemindAsync(CancellationToken.None);
        });
        await AssertReportsAsync(own, warning, "match.deadline-approaching", overdue.Id, MatchStatus.Proposed);
        var expiry = await TheRowWrittenByAsync(own, overdue.Id, async () =>
        {
            own.Api.Clock.SetUtcNow(overdue.DueAt!.Value.AddMinutes(1));
            // The hosted service wakes on the moved clock as well; whichever runs first expires the match, once.
            await deadlines.ExpireOverdueAsync(CancellationToken.None);
        });
        await AssertReportsAsync(own, expiry, "match.expired", overdue.Id, MatchStatus.Expired);
    }

    /// <summary>Brings a fresh pair to a match in one unit of work, as the demo data does: four steps at the same instant.</summary>
    private static async Task<Guid> FourStepsInOneSaveAsync(World w, MatchingDbContext db, Placement placement)
    {
        var (unitId, candidateId) = await PairAsync(w, "ExGedetineerde");
        var unit = await db.Units.SingleAsync(u => u.Id == unitId);
        var candidate = await db.Candidates.SingleAsync(c => c.Id == candidateId);
        var now = w.Api.Clock.GetUtcNow();
        var mp = new Actor("Matchingspunt", null, null);
        var corporation = new Actor("Corporatie", w.Cast.CorporationAId, null);
        var match = placement.Propose(Guid.CreateVersion7(now), unit, candidate, new Domain.Matching.ScoreBreakdown(50, []), new Domain.Matching.MatchingWeights(),
            null, [], null, mp, now.AddDays(7), RegionalDate.Today(w.Api.Clock), now);
        db.Matches.Add(match);
        match.Nominate(mp, now, now.AddDays(14));
        match.Accept(corporation, now, now.AddDays(30));
        db.Tenancies.Add(placement.Contract(Guid.CreateVersion7(now), match, unit, candidate, corporation, w.Today, ContractForm.Regulier, null, now));
        return match.Id;
    }

    [Fact]
    public async Task StepsSavedTogetherAreWrittenInTheOrderTheyHappened()
    {
        await using var own = await World.OwnAsync();
        await using var scope = own.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var placement = scope.ServiceProvider.GetRequiredService<Placement>();

        var matches = new List<Guid>();
        for (var i = 0; i < 3; i++) matches.Add(await FourStepsInOneSaveAsync(own, db, placement));
        await db.SaveChangesAsync();

        string[] steps = ["match.proposed", "match.nominated", "match.accepted", "match.contracted"];
        var written = new List<(long Sequence, Guid Match, string Type)>();
        foreach (var id in matches) written.AddRange((await RowsAboutAsync(own, id)).Select(r => (r.Sequence, id, r.Type)));
        Assert.NotEmpty(written);
        // In sequence order: the first match's four steps, then the second's, then the third's, as they were taken.
        Assert.Equal(matches.SelectMany(id => steps.Select(type => (id, type))), written.OrderBy(r => r.Sequence).Select(r => (r.Match, r.Type)));
    }

    [Fact]
    public async Task ASaveThatLostARaceAndIsTriedAgainWritesTheEventOnce()
    {
        await using var own = await World.OwnAsync();
        var proposed = await ProposeByHandAsync(own);
        await using var scope = own.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var match = await db.Matches.SingleAsync(m => m.Id == proposed.Id);
        var now = own.Api.Clock.GetUtcNow();
        match.Nominate(new Actor("Matchingspunt", null, null), now, now.AddDays(14));

        // Another writer touches the row in between: the save fails on its version and writes nothing.
        await using (var connection = new Npgsql.NpgsqlConnection(own.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var touch = new Npgsql.NpgsqlCommand("UPDATE matches SET updated_at = updated_at WHERE id = @id", connection);
            touch.Parameters.AddWithValue("id", proposed.Id);
            Assert.Equal(1, await touch.ExecuteNonQueryAsync());
        }
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.DoesNotContain(await RowsAboutAsync(own, proposed.Id), r => r.Type == "match.nominated");

        // The same unit of work, its version refreshed, is saved again: the event is written, and once.
        var entry = db.Entry(match);
        entry.OriginalValues.SetValues((await entry.GetDatabaseValuesAsync())!);
        await db.SaveChangesAsync();

        var rows = await RowsAboutAsync(own, proposed.Id);
        Assert.Equal(["match.proposed", "match.nominated"], rows.Select(r => r.Type));
        Assert.Equal(MatchStatus.Nominated, (await MatchAsync(own, proposed.Id)).Status);
    }
}
