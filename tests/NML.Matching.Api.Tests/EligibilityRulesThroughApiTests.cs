using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// Each of the 14 hard rules of docs/matching.md §1, reached through the API: a candidate and a unit registered over
/// HTTP that fail exactly that rule, and the rankings (<c>includeIneligible=true</c>) showing exactly that code in
/// <c>failedRules</c>. Rules that depend on history go through the match workflow. The base pair,
/// <see cref="Payloads.Candidate"/> with <see cref="Payloads.Unit"/> in Venlo, is eligible
/// (<see cref="TheBasePairIsEligible"/>); each case changes only what its rule looks at. The clock stays at
/// 2026-03-02 throughout.
/// </summary>
public sealed class EligibilityRulesThroughApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The candidate and unit changes that make the base pair fail exactly one rule.</summary>
    private static (JsonObject Candidate, JsonObject Unit) PairFailing(string code, string variant) => (code, variant) switch
    {
        // §1: the candidate's status is not Ready, or support is not guaranteed.
        ("candidate-not-ready", "support not guaranteed") => (Payloads.Candidate().With("supportGuaranteed", false), Payloads.Unit()),
        ("candidate-not-ready", "ready from tomorrow") => (Payloads.Candidate().With("readySince", "2026-03-03"), Payloads.Unit()),
        // §1: the unit's municipality is on the candidate's excludedGemeenten.
        ("gemeente-excluded", "") => (Payloads.Candidate("GM0984").With("preferredGemeenten", new JsonArray("GM0984")).With("excludedGemeenten", new JsonArray("GM0983")), Payloads.Unit()),
        // §1: bedrooms < requiredBedrooms.
        ("too-few-bedrooms", "") => (Payloads.Candidate().With("requiredBedrooms", 2), Payloads.Unit().With("bedrooms", 1)),
        // §1: adults + children > maxOccupants (two adults need one bedroom, which the unit has).
        ("too-many-occupants", "") => (Payloads.Candidate().With("household.adults", 2), Payloads.Unit().With("maxOccupants", 1)),
        // §1: basicRent > maxRent, by one cent.
        ("rent-too-high", "") => (Payloads.Candidate().With("maxRent", 650.50m), Payloads.Unit().With("basicRent", 650.51m)),
        // §1: needs ground floor or lift and the unit has neither ...
        ("accessibility-unmet", "ground floor") => (Payloads.Candidate().With("accessibility.needsGroundFloorOrLift", true),
            Payloads.Unit().With("accessibility.groundFloorOrLift", false).With("accessibility.wheelchairAccessible", false)),
        // ... or needs wheelchair access and the unit lacks it (though it is step-free).
        ("accessibility-unmet", "wheelchair") => (Payloads.Candidate().With("accessibility.needsWheelchairAccess", true),
            Payloads.Unit().With("accessibility.groundFloorOrLift", true).With("accessibility.wheelchairAccessible", false)),
        // §1: prikkelarm Required and the unit's level below 2 (own front door and a quiet street only: level 1).
        ("prikkelarm-required", "") => (Payloads.Candidate().With("prikkelarmNeed", "Required"), Payloads.Unit().With("prikkelarm", LevelOne())),
        // §1: needs24x7Nearby and supportOnSite is not TwentyFourSeven.
        ("needs-24x7-support", "") => (Payloads.Candidate().With("supportNeed", "Intensief").With("needs24x7Nearby", true), Payloads.Unit().With("supportOnSite", "Nearby")),
        // §1: the unit lists target groups and the candidate has none of them.
        ("target-group-mismatch", "") => (Payloads.Candidate().With("targetGroups", new JsonArray("Jongeren")), Payloads.Unit().With("targetGroups", new JsonArray("LHBTIQ"))),
        // §1: children > 0 and the unit is a Kamer (a parent and a child fit it otherwise: one bedroom, two occupants).
        ("room-unsuitable-for-children", "") => (Payloads.Candidate().With("household.children", 1).With("requiredBedrooms", 1),
            Payloads.Unit().With("unitType", "Kamer").With("bedrooms", 1).With("maxOccupants", 2)),
        // §1: availableFrom > max(today, readySince) + 90: today 2026-03-02 + 90 days = 2026-05-31.
        ("not-available-in-time", "") => (Payloads.Candidate(), Payloads.Unit().With("availableFrom", "2026-06-01")),
        _ => throw new ArgumentOutOfRangeException(nameof(code), $"{code} ({variant})"),
    };

    /// <summary>Pairs just inside a rule's boundary: they fail nothing (positive controls for the cases above).</summary>
    private static (JsonObject Candidate, JsonObject Unit) PairJustInside(string variant) => variant switch
    {
        "rent equal to the maximum" => (Payloads.Candidate().With("maxRent", 650.51m), Payloads.Unit().With("basicRent", 650.51m)),
        "bedrooms equal to the need" => (Payloads.Candidate().With("requiredBedrooms", 2), Payloads.Unit().With("bedrooms", 2)),
        "occupants equal to the maximum" => (Payloads.Candidate().With("household.adults", 2), Payloads.Unit().With("maxOccupants", 2)),
        "level 2 for a Required need" => (Payloads.Candidate().With("prikkelarmNeed", "Required"), Payloads.Unit()),
        "wheelchair need in a wheelchair unit" => (Payloads.Candidate().With("accessibility.needsWheelchairAccess", true).With("accessibility.needsGroundFloorOrLift", true),
            Payloads.Unit().With("accessibility.groundFloorOrLift", true).With("accessibility.wheelchairAccessible", true)),
        "24/7 need with 24/7 on site" => (Payloads.Candidate().With("supportNeed", "Intensief").With("needs24x7Nearby", true), Payloads.Unit().With("supportOnSite", "TwentyFourSeven")),
        "one target group in common" => (Payloads.Candidate().With("targetGroups", new JsonArray("Jongeren")), Payloads.Unit().With("targetGroups", new JsonArray("LHBTIQ", "Jongeren"))),
        "a child in an apartment" => (Payloads.Candidate().With("household.children", 1).With("requiredBedrooms", 1), Payloads.Unit().With("bedrooms", 1).With("maxOccupants", 2)),
        "free on the last day of the window" => (Payloads.Candidate(), Payloads.Unit().With("availableFrom", "2026-05-31")),
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    private static JsonObject LevelOne() => new()
    {
        ["ownFrontDoor"] = true, ["noSharedStairwell"] = false, ["noDirectNeighbours"] = false, ["quietStreet"] = true, ["edgeOfNeighbourhood"] = false,
    };

    [Fact]
    public async Task TheBasePairIsEligible()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit());
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate());

        Assert.Empty(await FailedRulesForUnitAsync(unit, candidate));
        Assert.Empty(await FailedRulesForCandidateAsync(unit, candidate));
    }

    [Theory]
    [InlineData("rent equal to the maximum")]
    [InlineData("bedrooms equal to the need")]
    [InlineData("occupants equal to the maximum")]
    [InlineData("level 2 for a Required need")]
    [InlineData("wheelchair need in a wheelchair unit")]
    [InlineData("24/7 need with 24/7 on site")]
    [InlineData("one target group in common")]
    [InlineData("a child in an apartment")]
    [InlineData("free on the last day of the window")]
    public async Task APairJustInsideARuleIsEligible(string variant)
    {
        var (candidateBody, unitBody) = PairJustInside(variant);
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(unitBody);
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(candidateBody);

        Assert.Empty(await FailedRulesForUnitAsync(unit, candidate));
        Assert.Empty(await FailedRulesForCandidateAsync(unit, candidate));
    }

    [Theory]
    [InlineData("candidate-not-ready", "support not guaranteed")]
    [InlineData("candidate-not-ready", "ready from tomorrow")]
    [InlineData("gemeente-excluded", "")]
    [InlineData("too-few-bedrooms", "")]
    [InlineData("too-many-occupants", "")]
    [InlineData("rent-too-high", "")]
    [InlineData("accessibility-unmet", "ground floor")]
    [InlineData("accessibility-unmet", "wheelchair")]
    [InlineData("prikkelarm-required", "")]
    [InlineData("needs-24x7-support", "")]
    [InlineData("target-group-mismatch", "")]
    [InlineData("room-unsuitable-for-children", "")]
    [InlineData("not-available-in-time", "")]
    public async Task APairFailingOneRuleShowsExactlyThatRule(string code, string variant)
    {
        var (candidateBody, unitBody) = PairFailing(code, variant);
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(unitBody);
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(candidateBody);

        // Both rankings: the unit's (the unit read on its own, the candidates from the region's pool) and the
        // candidate's (the other way round).
        Assert.Equal([code], await FailedRulesForUnitAsync(unit, candidate));
        Assert.Equal([code], await FailedRulesForCandidateAsync(unit, candidate));
    }

    /// <summary>§1 unit-not-available: the unit's status is not Available (withdrawn, or reserved for another candidate).</summary>
    [Theory]
    [InlineData("Withdrawn")]
    [InlineData("Reserved")]
    public async Task AUnitThatIsNotAvailableShowsExactlyUnitNotAvailable(string status)
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit());
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate());
        Assert.Empty(await FailedRulesForUnitAsync(unit, candidate));
        if (status == "Withdrawn")
        {
            var withdrawn = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/units/{unit.Id}/withdraw", new { reason = "Verkocht" });
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }
        else
        {
            var other = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate());
            var proposed = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = other.Id });
            Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        }
        Assert.Equal(status, (await api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status.ToString());

        Assert.Equal(["unit-not-available"], await FailedRulesForUnitAsync(unit, candidate));
    }

    /// <summary>
    /// §1 previously-declined: the pair was declined before. The landlord's decline parks nobody (0 days), so the
    /// candidate is Ready and the unit Available again, and only the history stands in the way.
    /// </summary>
    [Fact]
    public async Task ADeclinedPairShowsExactlyPreviouslyDeclined()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit());
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate());
        var proposed = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var match = (await proposed.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;

        var declined = await api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/decline",
            new { by = "Verhuurder", reasonCode = "verhuurder-past-niet-in-complex" });

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal(["previously-declined"], await FailedRulesForUnitAsync(unit, candidate));
        Assert.Equal(["previously-declined"], await FailedRulesForCandidateAsync(unit, candidate));
    }

    /// <summary>
    /// §1 other-region: the unit lies in another region than the candidate's. Rankings only look at the unit's (or the
    /// candidate's) own region (§3), so the pair never appears there; a proposal by hand (Admin, across regions) is
    /// where the API shows the rule: refused without an override reason, and with one the match's snapshot holds
    /// the failed rules.
    /// </summary>
    [Fact]
    public async Task APairAcrossRegionsShowsExactlyOtherRegion()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0935"));
        Assert.Equal("MHL", candidate.RegionCode);

        var refused = await api.Admin().PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        var overridden = await api.Admin().PostAsJsonAsync("/api/v1/matches",
            new { unitId = unit.Id, candidateId = candidate.Id, overrideReason = "Wil terug naar familie in Venlo" });

        await OrganisationTests.AssertBadRequestNaming(refused, "overrideReason");
        Assert.Contains("fails other-region.", (await refused.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        var match = (await overridden.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        var failed = match.Snapshot.GetProperty("failedRules").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["other-region"], failed);
    }

    /// <summary>The rules the unit's ranking gives for the candidate: empty when eligible. The candidate appears exactly once.</summary>
    private async Task<IReadOnlyList<string>> FailedRulesForUnitAsync(UnitDto unit, CandidateDto candidate)
    {
        var ranking = (await api.Admin().GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?limit=200&includeIneligible=true", Json.Options))!;
        var eligible = ranking.Items.Count(i => i.Candidate.Id == candidate.Id);
        var ineligible = ranking.Ineligible.Where(i => i.Candidate.Id == candidate.Id).ToList();
        Assert.True(eligible + ineligible.Count == 1, $"the candidate appears {eligible} times eligible and {ineligible.Count} times ineligible");
        return eligible == 1 ? [] : ineligible[0].FailedRules;
    }

    /// <summary>The rules the candidate's ranking gives for the unit: empty when eligible. The unit appears exactly once.</summary>
    private async Task<IReadOnlyList<string>> FailedRulesForCandidateAsync(UnitDto unit, CandidateDto candidate)
    {
        var ranking = (await api.Admin().GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units?limit=200&includeIneligible=true", Json.Options))!;
        var eligible = ranking.Items.Count(i => i.Unit.Id == unit.Id);
        var ineligible = ranking.Ineligible.Where(i => i.Unit.Id == unit.Id).ToList();
        Assert.True(eligible + ineligible.Count == 1, $"the unit appears {eligible} times eligible and {ineligible.Count} times ineligible");
        return eligible == 1 ? [] : ineligible[0].FailedRules;
    }
}
