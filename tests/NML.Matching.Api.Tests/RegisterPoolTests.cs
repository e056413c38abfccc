using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The in-memory pools of active candidates and open units behind the rankings and the monitoring summary: they are
/// current after every change, whoever makes it (this instance, another instance, plain SQL), and agree with the
/// database row for row.
/// </summary>
public sealed class RegisterPoolTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    private RegisterPools Pools => api.Services.GetRequiredService<RegisterPools>();

    private async Task<UnitRankingDto> RankAsync(Guid unitId) =>
        (await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unitId}/candidates?limit=200&includeIneligible=true", Json.Options))!;

    private static bool Ranks(UnitRankingDto ranking, Guid candidateId) => ranking.Items.Any(i => i.Candidate.Id == candidateId);

    private static bool Lists(UnitRankingDto ranking, Guid candidateId) => Ranks(ranking, candidateId) || ranking.Ineligible.Any(i => i.Candidate.Id == candidateId);

    private async Task<int> SqlAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ARankingSeesACandidateRegisteredJustBefore()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        await RankAsync(unit.Id); // builds the pool
        var deltasBefore = Pools.DeltaLoads;

        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var ranking = await RankAsync(unit.Id);

        Assert.True(Ranks(ranking, candidate.Id));
        Assert.True(Pools.DeltaLoads > deltasBefore, "the pool should have been brought up to date from its changes");
    }

    [Fact]
    public async Task AChangeMadeThroughAnotherInstanceIsSeenAtOnce()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));

        await using var other = await ApiFactory.OnSameDatabaseAsync(api);
        var withdrawn = await other.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/withdraw", new { reason = "Elders gehuisvest" });
        withdrawn.EnsureSuccessStatusCode();

        Assert.False(Lists(await RankAsync(unit.Id), candidate.Id));
    }

    [Fact]
    public async Task AChangeMadeWithPlainSqlIsSeenAtOnce()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));

        await SqlAsync("UPDATE candidates SET max_rent = 300 WHERE id = $1", candidate.Id);
        var ranking = await RankAsync(unit.Id);

        Assert.False(Ranks(ranking, candidate.Id));
        Assert.Contains("rent-too-high", ranking.Ineligible.Single(i => i.Candidate.Id == candidate.Id).FailedRules);
    }

    [Fact]
    public async Task AChangeStillRunningWhileThePoolReadsIsSeenOnceItCommits()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE candidates SET max_rent = 300 WHERE id = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = candidate.Id });
            await update.ExecuteNonQueryAsync();
        }
        // The pool moves to a snapshot in which that transaction is still running, with a commit after it from elsewhere.
        var other = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var during = await RankAsync(unit.Id);
        await transaction.CommitAsync();
        var after = await RankAsync(unit.Id);

        Assert.True(Ranks(during, candidate.Id));
        Assert.True(Ranks(during, other.Id));
        Assert.False(Ranks(after, candidate.Id));
        Assert.Contains("rent-too-high", after.Ineligible.Single(i => i.Candidate.Id == candidate.Id).FailedRules);
    }

    [Fact]
    public async Task ACandidateMovedToAnotherRegionLeavesThePoolOfTheFirst()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));

        await SqlAsync("UPDATE candidates SET region_code = 'MHL' WHERE id = $1", candidate.Id);

        Assert.False(Lists(await RankAsync(unit.Id), candidate.Id));
    }

    [Fact]
    public async Task APoolOlderThanTheFeedsGuaranteeIsReadAgainInFull()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));
        var fullBefore = Pools.FullLoads;

        // A change whose feed rows are gone (as if pruned): only the age rule can bring it in.
        await SqlAsync("UPDATE candidates SET max_rent = 300 WHERE id = $1", candidate.Id);
        await SqlAsync("DELETE FROM register_changes WHERE region_code = 'NML'");
        api.Clock.Advance(RegisterPools.MaxAge);
        var ranking = await RankAsync(unit.Id);

        Assert.False(Ranks(ranking, candidate.Id));
        Assert.True(Pools.FullLoads > fullBefore, "a pool as old as MaxAge should be read in full");
    }

    [Fact]
    public async Task ATruncatedRegisterIsReadAgainInFull()
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var before = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units?limit=200", Json.Options);
        Assert.Contains(before!.Items, i => i.Unit.Id == unit.Id);
        var fullBefore = Pools.FullLoads;

        await SqlAsync("TRUNCATE units CASCADE");
        var after = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units?limit=200&includeIneligible=true", Json.Options);

        Assert.Empty(after!.Items);
        Assert.Empty(after.Ineligible);
        Assert.True(Pools.FullLoads > fullBefore, "a truncate lists no ids, so the pool should be read in full");
    }

    [Fact]
    public async Task AUnitWithdrawnElsewhereLeavesTheCandidatesRanking()
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var before = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units?limit=200", Json.Options);
        Assert.Contains(before!.Items, i => i.Unit.Id == unit.Id);

        await SqlAsync("UPDATE units SET status = 'Withdrawn' WHERE id = $1", unit.Id);
        var after = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units?limit=200&includeIneligible=true", Json.Options);

        Assert.DoesNotContain(after!.Items, i => i.Unit.Id == unit.Id);
        Assert.DoesNotContain(after.Ineligible, i => i.Unit.Id == unit.Id);
    }

    [Fact]
    public async Task TheSummaryQueueFollowsRegistrationsAndWithdrawals()
    {
        async Task<int> QueueAsync()
        {
            var summary = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<MonitoringSummaryDto>("/api/v1/monitoring/summary?regionCode=NML", Json.Options);
            return summary!.Queue.Total.Value;
        }
        var start = await QueueAsync();

        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var afterRegistering = await QueueAsync();
        (await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/withdraw", new { reason = "Elders gehuisvest" })).EnsureSuccessStatusCode();
        var afterWithdrawing = await QueueAsync();

        Assert.Equal(start + 1, afterRegistering);
        Assert.Equal(start, afterWithdrawing);
    }

    [Fact]
    public async Task ANewDayEndsParkingInTheRankingWithoutAnyChange()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var tomorrow = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        (await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = tomorrow, reason = "Even pauze" })).EnsureSuccessStatusCode();
        Assert.False(Ranks(await RankAsync(unit.Id), candidate.Id));

        api.Clock.Advance(TimeSpan.FromDays(1)); // the clock of this class's tests only moves forward

        Assert.True(Ranks(await RankAsync(unit.Id), candidate.Id));
    }

    [Fact]
    public async Task ThePoolAgreesWithTheDatabaseAfterChangesFromEverySide()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        await RankAsync(unit.Id);
        var provider = api.WithKey(_cast.ProviderA);
        var created = new List<Guid>();
        for (var i = 0; i < 12; i++) created.Add((await provider.RegisterCandidateAsync(Payloads.Candidate(i % 2 == 0 ? "GM0983" : "GM0957"))).Id);
        var units = new List<Guid>();
        for (var i = 0; i < 4; i++) units.Add((await api.WithKey(_cast.CorporationA).PostUnitAsync()).Id);
        await RankAsync(unit.Id);

        (await provider.PostAsJsonAsync($"/api/v1/candidates/{created[0]}/withdraw", new { reason = "Elders gehuisvest" })).EnsureSuccessStatusCode();
        await SqlAsync("UPDATE candidates SET max_rent = max_rent + 1, support_need = 'Intensief', needs24x7nearby = true WHERE id = ANY($1)", created.Skip(1).Take(5).ToArray());
        await SqlAsync("UPDATE candidates SET withdrawn_at = now() WHERE id = $1", created[6]);
        await SqlAsync("UPDATE units SET status = 'Let' WHERE id = $1", units[0]);
        await SqlAsync("UPDATE units SET basic_rent = 500 WHERE id = ANY($1)", units.Skip(1).ToArray());
        await SqlAsync("DELETE FROM candidates WHERE id = $1", created[7]);
        var pool = await PoolAsync("NML");

        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.RegionCode == "NML").Where(Candidate.InQueue).ToListAsync();
        var openUnits = await db.Units.AsNoTracking().Where(u => u.RegionCode == "NML").Where(HousingUnit.OnOffer).ToListAsync();
        Assert.Equal(candidates.Select(Fingerprint).Order(), pool.Candidates.Select(c => Fingerprint(c.Entity)).Order());
        Assert.Equal(openUnits.Select(Fingerprint).Order(), pool.Units.Select(u => Fingerprint(u.Entity)).Order());
        Assert.Equal(pool.Candidates.Count, pool.CandidatesById.Count);
        Assert.All(pool.Candidates, c => Assert.Equal(c.Entity.Id, c.Match.Id));
    }

    [Fact]
    public async Task TheTriggersListEveryChangedRowUnderItsTransactionAndRegion()
    {
        var first = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var second = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        async Task<long> ScalarAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var before = await ScalarAsync("SELECT coalesce(max(xact_id::text::bigint), 0) FROM register_changes");

        long xact;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var update = new NpgsqlCommand("UPDATE candidates SET max_rent = 400 WHERE id = ANY($1)", connection, transaction))
            {
                update.Parameters.Add(new NpgsqlParameter { Value = new[] { first.Id, second.Id } });
                Assert.Equal(2, await update.ExecuteNonQueryAsync());
            }
            await using (var none = new NpgsqlCommand("UPDATE candidates SET max_rent = 400 WHERE false", connection, transaction))
                Assert.Equal(0, await none.ExecuteNonQueryAsync());
            await using (var move = new NpgsqlCommand("UPDATE candidates SET region_code = 'MHL' WHERE id = $1", connection, transaction))
            {
                move.Parameters.Add(new NpgsqlParameter { Value = second.Id });
                await move.ExecuteNonQueryAsync();
            }
            await using (var id = new NpgsqlCommand("SELECT pg_current_xact_id()::text::bigint", connection, transaction))
                xact = (long)(await id.ExecuteScalarAsync())!;
            await transaction.CommitAsync();
        }

        await using var command = new NpgsqlCommand(
            "SELECT region_code || ':' || register || ':' || entity_id FROM register_changes WHERE xact_id::text::bigint > $1 AND xact_id::text::bigint = $2",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = before });
        command.Parameters.Add(new NpgsqlParameter { Value = xact });
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        string[] expected =
        [
            $"MHL:candidates:{second.Id}", // moved in: the region it went to
            $"NML:candidates:{first.Id}",
            $"NML:candidates:{second.Id}", // once per statement that changed it, under the same transaction
            $"NML:candidates:{second.Id}", // moved out: the region it left
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    private async Task<RegisterPool> PoolAsync(string region)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var today = RegionalDate.Today(scope.ServiceProvider.GetRequiredService<TimeProvider>());
        return await Pools.GetAsync(db, region, today, CancellationToken.None);
    }

    private static string Fingerprint(Candidate c) =>
        $"{c.Id}|{c.MaxRent}|{c.SupportNeed}|{c.Needs24x7Nearby}|{c.WithdrawnAt}|{c.Placement}|{c.ParkedUntil}|{c.RegionCode}|{c.UpdatedAt:O}";

    private static string Fingerprint(HousingUnit u) => $"{u.Id}|{u.BasicRent}|{u.Status}|{u.RegionCode}|{u.UpdatedAt:O}";
}
