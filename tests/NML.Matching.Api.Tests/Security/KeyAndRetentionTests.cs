using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Features.Retention;
using NML.Matching.Api.Tests.Infrastructure;

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

    [Fact]
    public async Task CandidatesWithdrawnOrHousedLongerAgoThanTheRetentionAreAnonymisedKeepingTheStatistics()
    {
        var provider = api.WithKey(_cast.ProviderA);
        var old = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("targetGroups", new System.Text.Json.Nodes.JsonArray("HuiselijkGeweld")));
        await provider.PostAsJsonAsync($"/api/v1/candidates/{old.Id}/withdraw", new { reason = "Verhuisd naar familie in Venlo" });
        var housed = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var proposed = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = housed.Id, overrideReason = "Persoonlijke situatie van mevrouw" });
        var match = (await proposed.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null);
        await api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null);
        var start = DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime);
        (await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = start.ToString("yyyy-MM-dd"), contractForm = "Regulier" })).EnsureSuccessStatusCode();
        var active = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        var summaryBefore = await api.WithKey(_cast.MatchingspuntNml).GetStringAsync("/api/v1/monitoring/summary?from=2026-01-01&to=2026-12-31");
        var retention = api.Services.GetRequiredService<CandidateRetentionService>();

        api.Clock.Advance(TimeSpan.FromDays(23 * 30));
        Assert.Equal(0, await retention.RunOnceAsync(CancellationToken.None));
        api.Clock.Advance(TimeSpan.FromDays(60));
        // The daily job may run by itself on the moved clock as well; either way both are anonymised exactly once.
        await retention.RunOnceAsync(CancellationToken.None);

        var anonymous = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{old.Id}", Json.Options);
        Assert.Equal($"geanonimiseerd-{old.Id:N}", anonymous!.ExternalReference);
        Assert.Empty(anonymous.TargetGroups);
        Assert.Equal("GM0983", anonymous.HerkomstGemeenteCode);
        var housedNow = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{housed.Id}", Json.Options);
        Assert.StartsWith("geanonimiseerd-", housedNow!.ExternalReference);
        var matchNow = await api.Admin().GetStringAsync($"/api/v1/matches/{match.Id}");
        Assert.DoesNotContain("mevrouw", matchNow);
        var history = await api.Admin().GetStringAsync($"/api/v1/matches/{match.Id}/history");
        Assert.DoesNotContain("mevrouw", history);
        var stillActive = await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{active.Id}", Json.Options);
        Assert.DoesNotContain("geanonimiseerd", stillActive!.ExternalReference);
        var audit = await api.Admin().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/audit-events?entityId={old.Id}&action=candidate.anonymised", Json.Options);
        Assert.Equal(1, audit.GetProperty("total").GetInt32());
        Assert.Contains("withdrawn", audit.GetRawText());
        // The statistics of that year read the same.
        var summaryAfter = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<MonitoringSummaryDto>("/api/v1/monitoring/summary?from=2026-01-01&to=2026-12-31", Json.Options);
        var before = System.Text.Json.JsonSerializer.Deserialize<MonitoringSummaryDto>(summaryBefore, Json.Options)!;
        Assert.Equal(before.Inflow, summaryAfter!.Inflow);
        Assert.Equal(before.WaitingTime, summaryAfter.WaitingTime);
        Assert.Equal(0, await retention.RunOnceAsync(CancellationToken.None));
    }
}
