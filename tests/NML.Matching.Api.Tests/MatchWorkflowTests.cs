using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The match lifecycle over HTTP: nomination, acceptance, decline with parking, withdrawal, expiry and races.
/// A test that moves the clock runs in a <see cref="World"/> of its own (own database and clock); the others share
/// the class's fixture, whose clock never moves, and derive the dates they send from it.
/// </summary>
public sealed class MatchWorkflowTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;
    private World _shared = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _shared = World.Shared(api, _cast);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A lease start a month after the shared clock's day (well inside the year either side that is allowed).</summary>
    private string TenancyStart => _shared.Today.AddDays(30).ToString("yyyy-MM-dd");

    /// <summary>A unit that only fits candidates of the group "ExGedetineerde" who need 24/7 support nearby.</summary>
    private static Task<UnitDto> PostFittingUnitAsync(World w) =>
        w.Api.WithKey(w.Cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("targetGroups", new JsonArray("ExGedetineerde")).With("supportOnSite", "TwentyFourSeven"));

    /// <summary>A unit and a candidate that only fit each other (a target group and 24/7 support), proposed by hand.</summary>
    private async Task<(MatchDto Match, UnitDto Unit, CandidateDto Candidate)> ProposeAsync(World? world = null)
    {
        var w = world ?? _shared;
        var unit = await PostFittingUnitAsync(w);
        var candidate = await w.Api.WithKey(w.Cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("targetGroups", new JsonArray("ExGedetineerde")).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        var response = await w.Api.WithKey(w.Cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!, unit, candidate);
    }

    [Fact]
    public async Task TheWholeRouteFromProposalToAcceptanceIsRecorded()
    {
        var (match, unit, candidate) = await ProposeAsync();
        Assert.Equal(MatchStatus.Proposed, match.Status);
        Assert.NotNull(match.DueAt);

        var ownerBefore = await api.WithKey(_cast.CorporationA).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{match.Id}", Json.Options);
        var nominated = await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null);
        var ownerAfter = await api.WithKey(_cast.CorporationA).GetAsync($"/api/v1/matches/{match.Id}");
        var ownerText = await ownerAfter.Content.ReadAsStringAsync();
        var accepted = await api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null);
        var history = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<List<MatchTransitionDto>>($"/api/v1/matches/{match.Id}/history", Json.Options);

        Assert.Null(ownerBefore!.Candidate);
        Assert.Equal(HttpStatusCode.OK, nominated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerAfter.StatusCode);
        Assert.Contains("\"supportNeed\":\"Intensief\"", ownerText);
        Assert.DoesNotContain(candidate.ExternalReference, ownerText);
        Assert.DoesNotContain(candidate.Id.ToString(), ownerText);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(MatchStatus.Accepted, (await accepted.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!.Status);
        Assert.Equal([MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted], history!.Select(h => h.To));
        Assert.Equal(["Matchingspunt", "Matchingspunt", "Corporatie"], history!.Select(h => h.ActorRole));
        Assert.Equal(UnitStatus.Reserved, (await api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
    }

    [Fact]
    public async Task ATransitionTheStateDoesNotAllowIsAConflictNamingTheState()
    {
        var (match, _, _) = await ProposeAsync();

        var accept = await api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null);

        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        var problem = await accept.ReadJsonAsync();
        Assert.Equal("invalid-transition", problem.GetProperty("code").GetString());
        Assert.Contains("Proposed", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AStaleIfMatchIsAConflict()
    {
        var (match, _, _) = await ProposeAsync();
        (await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/matches/{match.Id}/accept");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{match.Version}\"");
        var stale = await api.WithKey(_cast.CorporationA).SendAsync(request);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Nominated", (await stale.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TwoConcurrentAcceptsExactlyOneWins()
    {
        var (match, _, _) = await ProposeAsync();
        (await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null)));

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var history = await api.Admin().GetFromJsonAsync<List<MatchTransitionDto>>($"/api/v1/matches/{match.Id}/history", Json.Options);
        Assert.Single(history!, h => h.To == MatchStatus.Accepted);
    }

    [Fact]
    public async Task ARefusedSuitableOfferParksTheCandidateAndThePairIsNeverProposedAgain()
    {
        // Moves the clock: a world of its own, in which this pair (and later one more unit) is all there is.
        await using var own = await World.OwnAsync();
        var (match, unit, candidate) = await ProposeAsync(own);
        var declinedOn = own.Today;

        var declined = await own.Api.WithKey(own.Cast.ProviderA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/decline",
            new { by = "Kandidaat", reasonCode = "kandidaat-weigert-passend-aanbod", note = "Wil niet in Venlo-Zuid wonen" });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var dto = (await declined.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        Assert.Equal(MatchStatus.Declined, dto.Status);
        Assert.Equal(30, dto.ParkDays);
        Assert.Equal(UnitStatus.Available, (await own.Api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
        var parked = await own.Api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options);
        Assert.Equal(CandidateStatus.Parked, parked!.Status);
        // Parked for the reason's 30 days (docs/api.md, Decline); parkedUntil is the first day it is not (docs/registers.md).
        Assert.Equal(declinedOn.AddDays(30), parked.ParkedUntil);

        // After the parking period the candidate is Ready again, but never gets this unit again.
        own.Api.Clock.Advance(TimeSpan.FromDays(31));
        var again = await own.Api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options);
        Assert.Equal(CandidateStatus.Ready, again!.Status);
        var ranking = await own.Api.Admin().GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?includeIneligible=true&limit=200", Json.Options);
        Assert.Contains("previously-declined", ranking!.Ineligible.Single(i => i.Candidate.Id == candidate.Id).FailedRules);
        // A second unit that fits it: the round proposes the candidate there (it is matchable again), never the declined pair.
        var other = await PostFittingUnitAsync(own);
        var response = await own.Api.WithKey(own.Cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        Assert.DoesNotContain(round.Proposals, p => p.UnitId == unit.Id && p.CandidateId == candidate.Id);
        Assert.Contains(round.Proposals, p => p.UnitId == other.Id && p.CandidateId == candidate.Id);
    }

    [Fact]
    public async Task TheMatchingspuntCanOverrideTheParkingPeriod()
    {
        var (match, _, candidate) = await ProposeAsync();
        var declinedOn = _shared.Today;

        var declined = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync($"/api/v1/matches/{match.Id}/decline",
            new { by = "Matchingspunt", reasonCode = "matchingspunt-betere-match", parkDays = 7 });
        var provider = await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/matches/{(await ProposeAsync()).Match.Id}/decline",
            new { by = "Kandidaat", reasonCode = "kandidaat-niet-bereikbaar", parkDays = 0 });

        Assert.True(declined.StatusCode == HttpStatusCode.OK, await declined.Content.ReadAsStringAsync());
        var dto = (await declined.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        Assert.Equal(MatchStatus.Declined, dto.Status);
        Assert.Equal(7, dto.ParkDays);
        var parked = (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!;
        Assert.Equal(CandidateStatus.Parked, parked.Status);
        // The override replaces the reason's default: parked for 7 days from the day of the decline.
        Assert.Equal(declinedOn.AddDays(7), parked.ParkedUntil);
        await OrganisationTests.AssertBadRequestNaming(provider, "parkDays");
    }

    [Theory]
    [InlineData("corporationA", "Kandidaat", "kandidaat-niet-bereikbaar", HttpStatusCode.Forbidden)]
    [InlineData("providerA", "Verhuurder", "verhuurder-huurschuld", HttpStatusCode.Forbidden)]
    [InlineData("providerB", "Kandidaat", "kandidaat-niet-bereikbaar", HttpStatusCode.NotFound)]
    [InlineData("gemeenteVenlo", "Verhuurder", "verhuurder-huurschuld", HttpStatusCode.Forbidden)]
    [InlineData("corporationA", "Verhuurder", "verhuurder-huurschuld", HttpStatusCode.OK)]
    public async Task EachPartyDeclinesOnlyInItsOwnRole(string who, string by, string reason, HttpStatusCode expected)
    {
        var (match, _, _) = await ProposeAsync();
        var key = who switch
        {
            "corporationA" => _cast.CorporationA,
            "providerA" => _cast.ProviderA,
            "providerB" => _cast.ProviderB,
            _ => _cast.GemeenteVenlo,
        };

        var response = await api.WithKey(key).PostAsJsonAsync($"/api/v1/matches/{match.Id}/decline", new { by, reasonCode = reason });

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"by":"Kandidaat","reasonCode":"verhuurder-huurschuld"}""", "reasonCode")]
    [InlineData("""{"by":"Kandidaat","reasonCode":"bestaat-niet"}""", "reasonCode")]
    [InlineData("""{"reasonCode":"kandidaat-niet-bereikbaar"}""", "by")]
    [InlineData("""{"by":"Buurman","reasonCode":"kandidaat-niet-bereikbaar"}""", "by")]
    public async Task ABadDeclineIsABadRequestNamingTheField(string body, string field)
    {
        var (match, _, _) = await ProposeAsync();
        var response = await api.WithKey(_cast.ProviderA).PostAsync($"/api/v1/matches/{match.Id}/decline",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    [Fact]
    public async Task WithdrawingReleasesBothSidesWithoutParking()
    {
        var (match, unit, candidate) = await ProposeAsync();

        var withdrawn = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync($"/api/v1/matches/{match.Id}/withdraw", new { reason = "Dubbel voorgesteld" });
        var again = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync($"/api/v1/matches/{match.Id}/withdraw", new { reason = "Nogmaals" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(MatchStatus.Withdrawn, (await withdrawn.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(UnitStatus.Available, (await api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
        Assert.Equal(CandidateStatus.Ready, (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!.Status);
    }

    [Fact]
    public async Task AnOverdueMatchExpiresWithTheEffectsOfADecline()
    {
        await using var own = await World.OwnAsync(); // moves the clock
        var (match, unit, candidate) = await ProposeAsync(own);
        var deadlines = own.Api.Services.GetRequiredService<MatchDeadlineService>();

        own.Api.Clock.SetUtcNow(match.DueAt!.Value.AddMinutes(-1));
        await deadlines.ExpireOverdueAsync(CancellationToken.None);
        var stillProposed = await own.Api.Admin().GetFromJsonAsync<MatchDto>($"/api/v1/matches/{match.Id}", Json.Options);
        // Moving the clock past the deadline also wakes the hosted service; whichever runs first expires the match.
        own.Api.Clock.SetUtcNow(match.DueAt!.Value.AddMinutes(1));
        await deadlines.ExpireOverdueAsync(CancellationToken.None);
        var expired = await own.Api.Admin().GetFromJsonAsync<MatchDto>($"/api/v1/matches/{match.Id}", Json.Options);
        var history = await own.Api.Admin().GetFromJsonAsync<List<MatchTransitionDto>>($"/api/v1/matches/{match.Id}/history", Json.Options);

        Assert.Equal(MatchStatus.Proposed, stillProposed!.Status);
        Assert.Equal(MatchStatus.Expired, expired!.Status);
        Assert.Single(history!, h => h.To == MatchStatus.Expired);
        Assert.Equal("System", history!.Last().ActorRole);
        Assert.Equal(UnitStatus.Available, (await own.Api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
        var ranking = await own.Api.Admin().GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?includeIneligible=true&limit=200", Json.Options);
        Assert.Contains("previously-declined", ranking!.Ineligible.Single(i => i.Candidate.Id == candidate.Id).FailedRules);
    }

    [Fact]
    public async Task TheProposalDeadlineCountsWorkingDaysOnly()
    {
        // Count from whenever the match was made, not from a fixed date.
        var (match, _, _) = await ProposeAsync();
        var created = DateOnly.FromDateTime(match.CreatedAt.UtcDateTime);
        var due = DateOnly.FromDateTime(match.DueAt!.Value.UtcDateTime);
        var workingDays = Enumerable.Range(1, due.DayNumber - created.DayNumber).Select(created.AddDays)
            .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Equal(5, workingDays);
        Assert.DoesNotContain(due.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
        Assert.Equal(match.CreatedAt.TimeOfDay, match.DueAt.Value.TimeOfDay);
    }

    [Fact]
    public async Task AnIneligibleManualProposalNeedsAnOverrideReasonAndIsAudited()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("basicRent", 1200));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var refused = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        var overridden = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches",
            new { unitId = unit.Id, candidateId = candidate.Id, overrideReason = "Huurtoeslag en bijzondere bijstand maken de huur betaalbaar" });

        await OrganisationTests.AssertBadRequestNaming(refused, "overrideReason");
        Assert.Contains("rent-too-high", (await refused.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        var match = (await overridden.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        Assert.NotNull(match.OverrideReason);
        var audit = await api.Admin().GetStringAsync($"/api/v1/audit-events?entityType=match&entityId={match.Id}");
        Assert.Contains("match.proposed-override", audit);
    }

    [Fact]
    public async Task OnlyOneActiveMatchPerUnitAndPerCandidate()
    {
        var (_, unit, candidate) = await ProposeAsync();
        var otherCandidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var sameUnit = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches",
            new { unitId = unit.Id, candidateId = otherCandidate.Id, overrideReason = "test" });

        Assert.Equal(HttpStatusCode.Conflict, sameUnit.StatusCode);
        Assert.NotEqual(Guid.Empty, candidate.Id);
    }

    [Fact]
    public async Task AGemeenteReadsTheMatchesOfItsMunicipalityButCannotActOnThem()
    {
        var (match, _, _) = await ProposeAsync();

        var read = await api.WithKey(_cast.GemeenteVenlo).GetAsync($"/api/v1/matches/{match.Id}");
        var other = await api.WithKey(_cast.GemeenteRoermond).GetAsync($"/api/v1/matches/{match.Id}");
        var nominate = await api.WithKey(_cast.GemeenteVenlo).PostAsync($"/api/v1/matches/{match.Id}/nominate", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nominate.StatusCode);
    }

    [Fact]
    public async Task TheDeclineReasonsAreListedWithTheirSideAndParking()
    {
        var reasons = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<List<DeclineReason>>("/api/v1/matches/decline-reasons", Json.Options);
        Assert.Contains(reasons!, r => r.Code == "kandidaat-weigert-passend-aanbod" && r.DefaultParkDays == 30 && r.Side == DeclineSide.ClientSide);
    }

    [Fact]
    public async Task AnOwnerNeverSeesTheProfileOfACandidateThatWasNotNominated()
    {
        var (match, _, candidate) = await ProposeAsync();
        (await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync($"/api/v1/matches/{match.Id}/withdraw", new { reason = "Vergissing" })).EnsureSuccessStatusCode();

        var owner = await api.WithKey(_cast.CorporationA).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{match.Id}", Json.Options);
        var probe = await api.WithKey(_cast.CorporationA).GetFromJsonAsync<PagedList<MatchDto>>($"/api/v1/matches?candidate={candidate.Id}", Json.Options);
        var control = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<PagedList<MatchDto>>($"/api/v1/matches?candidate={candidate.Id}", Json.Options);

        Assert.Null(owner!.Candidate);
        Assert.Null(owner.CandidateId);
        Assert.Empty(probe!.Items);
        // The same filter finds the match for the candidate's provider, so the owner's empty answer is the rule, not the filter.
        Assert.Contains(control!.Items, m => m.Id == match.Id);
    }

    private async Task<(MatchDto Match, UnitDto Unit, CandidateDto Candidate)> AcceptedAsync(World? world = null)
    {
        var w = world ?? _shared;
        var (match, unit, candidate) = await ProposeAsync(w);
        (await w.Api.WithKey(w.Cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();
        (await w.Api.WithKey(w.Cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        return (match, unit, candidate);
    }

    [Fact]
    public async Task TheWholeRouteReachesTheTwelveMonthFollowUp()
    {
        await using var own = await World.OwnAsync(); // moves the clock by more than a year
        var (match, unit, candidate) = await AcceptedAsync(own);
        var start = own.Today.AddDays(14);

        var contracted = await own.Api.WithKey(own.Cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract",
            new { tenancyStart = start.ToString("yyyy-MM-dd"), contractForm = "Omklap", omklapAfterMonths = 12 });

        Assert.Equal(HttpStatusCode.Created, contracted.StatusCode);
        var tenancy = (await contracted.Content.ReadFromJsonAsync<Features.Tenancies.TenancyDto>(Json.Options))!;
        Assert.Equal(start.AddMonths(12), tenancy.OmklapDueDate);
        Assert.Equal(MatchStatus.Contracted, (await own.Api.Admin().GetFromJsonAsync<MatchDto>($"/api/v1/matches/{match.Id}", Json.Options))!.Status);
        Assert.Equal(UnitStatus.Let, (await own.Api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
        Assert.Equal(CandidateStatus.Housed, (await own.Api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!.Status);

        // Too early for the first follow-up; then each one at its time, by the provider and by the owner.
        var early = await own.Api.WithKey(own.Cast.ProviderA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/follow-ups", new { month = 3, stillHoused = true, outcome = "Stabiel" });
        await OrganisationTests.AssertBadRequestNaming(early, "month");

        own.Api.Clock.Advance(TimeSpan.FromDays(14 + 100));
        var overdue = await own.Api.WithKey(own.Cast.ProviderA).GetFromJsonAsync<Features.Tenancies.TenancyDto>($"/api/v1/tenancies/{tenancy.Id}", Json.Options);
        Assert.True(overdue!.FollowUps.Single(f => f.Month == 3).Overdue);
        (await own.Api.WithKey(own.Cast.ProviderA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/follow-ups", new { month = 3, stillHoused = true, outcome = "Stabiel" })).EnsureSuccessStatusCode();
        var twice = await own.Api.WithKey(own.Cast.ProviderA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/follow-ups", new { month = 3, stillHoused = true, outcome = "Stabiel" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        own.Api.Clock.Advance(TimeSpan.FromDays(92));
        (await own.Api.WithKey(own.Cast.CorporationA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/follow-ups", new { month = 6, stillHoused = true, outcome = "Zorgen" })).EnsureSuccessStatusCode();
        own.Api.Clock.Advance(TimeSpan.FromDays(183));
        var omklap = await own.Api.WithKey(own.Cast.CorporationA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/omklap", new { date = start.AddMonths(12).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, omklap.StatusCode);
        var final = await own.Api.WithKey(own.Cast.ProviderA).PostAsJsonAsync($"/api/v1/tenancies/{tenancy.Id}/follow-ups", new { month = 12, stillHoused = true, outcome = "Stabiel" });

        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        var done = (await final.Content.ReadFromJsonAsync<Features.Tenancies.TenancyDto>(Json.Options))!;
        // docs/own.Api.md, Tenancies: followUps always holds three entries, for months 3, 6 and 12.
        Assert.Equal([3, 6, 12], done.FollowUps.Select(f => f.Month));
        Assert.All(done.FollowUps, f => Assert.True(f.StillHoused));
        Assert.All(done.FollowUps, f => Assert.False(f.Overdue));
        Assert.Equal(start.AddMonths(12), done.OmklapDate);
        var history = await own.Api.Admin().GetFromJsonAsync<List<MatchTransitionDto>>($"/api/v1/matches/{match.Id}/history", Json.Options);
        Assert.Equal([MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted], history!.Select(h => h.To));
    }

    [Fact]
    public async Task OnlyTheOwnerRecordsTheLeaseAndOnlyAfterAcceptance()
    {
        var (proposed, _, _) = await ProposeAsync();
        var (accepted, _, _) = await AcceptedAsync();
        var body = new { tenancyStart = TenancyStart, contractForm = "Regulier" };

        var tooSoon = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{proposed.Id}/contract", body);
        var byProvider = await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/matches/{accepted.Id}/contract", body);
        var omklapWithoutMonths = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{accepted.Id}/contract", new { tenancyStart = TenancyStart, contractForm = "Omklap" });
        var byOwner = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{accepted.Id}/contract", body);

        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byProvider.StatusCode);
        await OrganisationTests.AssertBadRequestNaming(omklapWithoutMonths, "omklapAfterMonths");
        // The same body from the owner after acceptance is a lease: the refusals above are about who and when.
        Assert.True(byOwner.StatusCode == HttpStatusCode.Created, await byOwner.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TenanciesAreVisibleAsTheirMatchesAre()
    {
        var (match, _, _) = await AcceptedAsync();
        var created = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = TenancyStart, contractForm = "HousingFirst" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var tenancy = (await created.Content.ReadFromJsonAsync<Features.Tenancies.TenancyDto>(Json.Options))!;

        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(_cast.GemeenteVenlo).GetAsync($"/api/v1/tenancies/{tenancy.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.WithKey(_cast.CorporationB).GetAsync($"/api/v1/tenancies/{tenancy.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.WithKey(_cast.ProviderB).GetAsync($"/api/v1/tenancies/{tenancy.Id}")).StatusCode);
        var mine = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<PagedList<Features.Tenancies.TenancyDto>>("/api/v1/tenancies", Json.Options);
        Assert.Contains(mine!.Items, t => t.Id == tenancy.Id);
    }

    private async Task<List<(string Type, string Payload)>> EventsAboutAsync(Guid matchId, World? world = null)
    {
        await using var connection = new Npgsql.NpgsqlConnection((world ?? _shared).Api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT type, payload::text FROM outbox_events WHERE payload->'data'->>'matchId' = @id ORDER BY sequence", connection);
        command.Parameters.AddWithValue("id", matchId.ToString());
        var events = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) events.Add((reader.GetString(0), reader.GetString(1)));
        return events;
    }

    [Fact]
    public async Task EveryTransitionWritesItsEventInTheSameTransaction()
    {
        var (match, _, candidate) = await AcceptedAsync();
        (await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = TenancyStart, contractForm = "Regulier" })).EnsureSuccessStatusCode();

        var events = await EventsAboutAsync(match.Id);

        Assert.Equal(["match.proposed", "match.nominated", "match.accepted", "match.contracted"], events.Select(e => e.Type));
        // Thin events: ids and status, no personal details.
        Assert.All(events, e => Assert.DoesNotContain(candidate.ExternalReference, e.Payload));
        Assert.All(events, e => Assert.DoesNotContain(candidate.Id.ToString(), e.Payload));
    }

    [Fact]
    public async Task ARefusedOrLosingTransitionWritesNoEvent()
    {
        var (match, _, _) = await ProposeAsync();
        var refused = await api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null);
        (await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();
        var racers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.WithKey(_cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null)));

        var events = await EventsAboutAsync(match.Id);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(1, racers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(["match.proposed", "match.nominated", "match.accepted"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task TheDeadlineWarningGoesOutOnceOneWorkingDayBefore()
    {
        await using var own = await World.OwnAsync(); // moves the clock
        var (match, _, _) = await ProposeAsync(own);
        var service = own.Api.Services.GetRequiredService<MatchDeadlineService>();
        var calendar = new WorkingDays();
        var warnAt = calendar.OneWorkingDayBefore(match.DueAt!.Value);

        own.Api.Clock.SetUtcNow(warnAt.AddMinutes(-5));
        await service.RemindAsync(CancellationToken.None);
        var before = (await EventsAboutAsync(match.Id, own)).Count(e => e.Type == "match.deadline-approaching");
        own.Api.Clock.SetUtcNow(warnAt.AddMinutes(5));
        await service.RemindAsync(CancellationToken.None);
        await service.RemindAsync(CancellationToken.None);
        var after = (await EventsAboutAsync(match.Id, own)).Count(e => e.Type == "match.deadline-approaching");

        Assert.Equal(0, before);
        Assert.Equal(1, after);
    }

    [Fact]
    public async Task ADueFollowUpAndOmklapAreRemindedOnce()
    {
        await using var own = await World.OwnAsync(); // moves the clock
        var (match, _, _) = await AcceptedAsync(own);
        var start = own.Today;
        var created = await own.Api.WithKey(own.Cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract",
            new { tenancyStart = start.ToString("yyyy-MM-dd"), contractForm = "Omklap", omklapAfterMonths = 3 });
        created.EnsureSuccessStatusCode();
        var service = own.Api.Services.GetRequiredService<MatchDeadlineService>();

        own.Api.Clock.Advance(TimeSpan.FromDays(95));
        await service.RemindAsync(CancellationToken.None);
        await service.RemindAsync(CancellationToken.None);
        var events = await EventsAboutAsync(match.Id, own);

        Assert.Single(events, e => e.Type == "tenancy.follow-up-due"
            && System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("data").GetProperty("details").GetProperty("month").GetInt32() == 3);
        Assert.Single(events, e => e.Type == "tenancy.omklap-due");
    }

    [Fact]
    public async Task MatchesCanBeFilteredByMunicipalityAndOwner()
    {
        var (match, _, _) = await ProposeAsync();
        // A match in Roermond, of another owner, for the other side of each filter.
        var group = new JsonArray("ExGedetineerde");
        var roermondUnit = await api.WithKey(_cast.CorporationB).PostUnitAsync(Payloads.Unit("GM0957").With("targetGroups", group).With("supportOnSite", "TwentyFourSeven"));
        var roermondCandidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0957").With("preferredGemeenten", new JsonArray("GM0957"))
            .With("targetGroups", group).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        var proposed = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = roermondUnit.Id, candidateId = roermondCandidate.Id });
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var inRoermondMatch = (await proposed.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;

        var inVenlo = await api.Admin().GetFromJsonAsync<PagedList<MatchDto>>($"/api/v1/matches?gemeente=gm0983&ownerOrganisation={_cast.CorporationAId}&pageSize=200", Json.Options);
        var inRoermond = await api.Admin().GetFromJsonAsync<PagedList<MatchDto>>("/api/v1/matches?gemeente=GM0957&pageSize=200", Json.Options);
        var bad = await api.Admin().GetAsync("/api/v1/matches?gemeente=Venlo");

        Assert.Contains(inVenlo!.Items, m => m.Id == match.Id);
        Assert.DoesNotContain(inRoermond!.Items, m => m.Id == match.Id);
        Assert.Contains(inRoermond.Items, m => m.Id == inRoermondMatch.Id);
        Assert.DoesNotContain(inVenlo.Items, m => m.Id == inRoermondMatch.Id);
        await OrganisationTests.AssertBadRequestNaming(bad, "gemeente");
    }
}
