using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Features.Retention;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Tests.Security;

public sealed class KeyAndRetentionTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnOrganisationRotatesItsKeyAndBothWorkUntilTheOverlapEnds()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Roteer {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var me = (await api.WithKey(key).GetFromJsonAsync<Features.Organisations.GetCurrentCaller.CallerDto>("/api/v1/me", Json.Options))!;

        var rotated = await api.WithKey(key).PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys/{me.KeyId}/rotate", new { overlapHours = 48 });

        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl!.ToString());
        var body = (await rotated.Content.ReadFromJsonAsync<RotateApiKey.RotatedApiKeyDto>(Json.Options))!;
        Assert.Equal(api.Clock.GetUtcNow().AddHours(48), body.OldKeyExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(key).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(body.NewKey.Key).GetAsync("/api/v1/me")).StatusCode);
        // The old key now says when it ends, on every answer.
        var expiring = await api.WithKey(key).GetAsync("/api/v1/me");
        Assert.True(expiring.Headers.Contains("X-Api-Key-Expires"));

        api.Clock.Advance(TimeSpan.FromHours(49));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.WithKey(key).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(body.NewKey.Key).GetAsync("/api/v1/me")).StatusCode);
        var audit = await api.Admin().GetStringAsync($"/api/v1/audit-events?entityId={me.KeyId}");
        Assert.Contains("api-key.rotated", audit);
    }

    [Fact]
    public async Task AnotherOrganisationsKeyCannotBeRotated()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(new { name = $"Eigen {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var keys = await api.Admin().GetFromJsonAsync<List<ApiKeyDto>>($"/api/v1/organisations/{organisation.Id}/api-keys", Json.Options);

        var response = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys/{keys![0].Id}/rotate", new { });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await OrganisationTests.AssertBadRequestNaming(
            await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys/{keys[0].Id}/rotate", new { overlapHours = 1000 }), "overlapHours");
    }

    [Fact]
    public async Task ReadingACandidatesDetailIsAudited()
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        await api.WithKey(_cast.GemeenteVenlo).GetAsync($"/api/v1/candidates/{candidate.Id}");

        var audit = await api.Admin().GetStringAsync($"/api/v1/audit-events?entityId={candidate.Id}&action=candidate.read");
        Assert.Contains("candidate.read", audit);
        Assert.Contains("Gemeente", audit);
    }

    /// <summary>
    /// docs/security.md (Data retention): a candidate withdrawn, or housed, longer ago than 24 months is anonymised;
    /// "longer ago" is strict. Both candidates left on the same day, so the boundary is the same for both: one day
    /// before it and on it they are kept, one day after it they are anonymised, with the free text of their matches.
    /// </summary>
    [Fact]
    public async Task CandidatesWithdrawnOrHousedLongerAgoThanTheRetentionAreAnonymisedKeepingTheStatistics()
    {
        var provider = api.WithKey(_cast.ProviderA);
        var matchingspunt = api.WithKey(_cast.MatchingspuntNml);
        var old = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("targetGroups", new System.Text.Json.Nodes.JsonArray("HuiselijkGeweld")));
        // Before it is withdrawn, the old candidate is proposed and the candidate declines, with a note (and is parked).
        var declinedUnit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var declinedMatch = (await (await matchingspunt.PostAsJsonAsync("/api/v1/matches", new { unitId = declinedUnit.Id, candidateId = old.Id, overrideReason = "Spoed, overleg met mevrouw" }))
            .Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        (await provider.PostAsJsonAsync($"/api/v1/matches/{declinedMatch.Id}/decline",
            new { by = "Kandidaat", reasonCode = "kandidaat-weigert-passend-aanbod", note = "Mevrouw wil niet naast haar ex wonen" })).EnsureSuccessStatusCode();
        (await provider.PostAsJsonAsync($"/api/v1/candidates/{old.Id}/withdraw", new { reason = "Verhuisd naar familie in Venlo" })).EnsureSuccessStatusCode();
        var withdrawn = (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{old.Id}", Json.Options))!;
        Assert.Equal("Verhuisd naar familie in Venlo", withdrawn.WithdrawReason);
        Assert.NotEmpty(withdrawn.PreferredGemeenten);
        Assert.NotNull(withdrawn.SupportHoursPerWeek);

        var housed = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var proposed = await matchingspunt.PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = housed.Id, overrideReason = "Persoonlijke situatie van mevrouw" });
        var match = (await proposed.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        await matchingspunt.PostAsync($"/api/v1/matches/{match.Id}/nominate", null);
        await api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null);
        var start = RegionalDate.DateOf(withdrawn.WithdrawnAt!.Value);
        Assert.Equal(start, RegionalDate.Today(api.Clock));
        (await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = start.ToString("yyyy-MM-dd"), contractForm = "Regulier" })).EnsureSuccessStatusCode();
        var active = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        var summaryBefore = await matchingspunt.GetStringAsync("/api/v1/monitoring/summary?from=2026-01-01&to=2026-12-31");
        var retention = api.Services.GetRequiredService<CandidateRetentionService>();

        async Task<bool> AnonymisedAsync(Guid id) =>
            (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{id}", Json.Options))!.ExternalReference.StartsWith("geanonimiseerd-", StringComparison.Ordinal);

        // The boundary: 24 months after the withdrawal, to the moment; for the lease, the day 24 months after its start.
        var boundary = withdrawn.WithdrawnAt.Value.AddMonths(24);
        Assert.Equal(start.AddMonths(24), RegionalDate.DateOf(boundary));
        // (The daily job may run by itself on the moved clock as well; at each step it sees the same clock.)
        foreach (var moment in new[] { boundary.AddDays(-1), boundary })
        {
            api.Clock.SetUtcNow(moment);
            await retention.RunOnceAsync(CancellationToken.None);
            Assert.False(await AnonymisedAsync(old.Id), $"Withdrawn candidate anonymised at {moment:O}, not longer than 24 months after {withdrawn.WithdrawnAt:O}.");
            Assert.False(await AnonymisedAsync(housed.Id), $"Housed candidate anonymised at {moment:O}, its lease started {start}.");
        }
        api.Clock.SetUtcNow(boundary.AddDays(1));
        await retention.RunOnceAsync(CancellationToken.None);

        var anonymous = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{old.Id}", Json.Options);
        Assert.Equal($"geanonimiseerd-{old.Id:N}", anonymous!.ExternalReference);
        Assert.Empty(anonymous.TargetGroups);
        Assert.Empty(anonymous.PreferredGemeenten);
        Assert.Null(anonymous.SupportHoursPerWeek);
        Assert.Null(anonymous.ParkReason);
        Assert.Equal("geanonimiseerd", anonymous.WithdrawReason);
        Assert.Equal("GM0983", anonymous.HerkomstGemeenteCode);
        var declinedNow = (await api.Admin().GetFromJsonAsync<MatchDto>($"/api/v1/matches/{declinedMatch.Id}", Json.Options))!;
        Assert.Null(declinedNow.DeclineNote);
        Assert.Null(declinedNow.OverrideReason);
        Assert.Equal("kandidaat-weigert-passend-aanbod", declinedNow.DeclineReasonCode);
        var declinedHistory = await api.Admin().GetStringAsync($"/api/v1/matches/{declinedMatch.Id}/history");
        Assert.DoesNotContain("ex wonen", declinedHistory);
        Assert.DoesNotContain("mevrouw", declinedHistory);
        var housedNow = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{housed.Id}", Json.Options);
        Assert.Equal($"geanonimiseerd-{housed.Id:N}", housedNow!.ExternalReference);
        Assert.Empty(housedNow.PreferredGemeenten);
        Assert.Null(housedNow.SupportHoursPerWeek);
        var matchNow = await api.Admin().GetStringAsync($"/api/v1/matches/{match.Id}");
        Assert.DoesNotContain("mevrouw", matchNow);
        var history = await api.Admin().GetStringAsync($"/api/v1/matches/{match.Id}/history");
        Assert.DoesNotContain("mevrouw", history);
        var stillActive = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{active.Id}", Json.Options);
        Assert.DoesNotContain("geanonimiseerd", stillActive!.ExternalReference);
        Assert.NotEmpty(stillActive.PreferredGemeenten);
        var audit = await api.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/audit-events?entityId={old.Id}&action=candidate.anonymised", Json.Options);
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
        Assert.Contains("withdrawn", audit.GetRawText());
        // The statistics of that year read the same.
        var summaryAfter = await matchingspunt.GetFromJsonAsync<MonitoringSummaryDto>("/api/v1/monitoring/summary?from=2026-01-01&to=2026-12-31", Json.Options);
        var before = System.Text.Json.JsonSerializer.Deserialize<MonitoringSummaryDto>(summaryBefore, Json.Options)!;
        Assert.Equal(before.Inflow, summaryAfter!.Inflow);
        Assert.Equal(before.WaitingTime, summaryAfter.WaitingTime);
        Assert.Equal(0, await retention.RunOnceAsync(CancellationToken.None));
    }
}
