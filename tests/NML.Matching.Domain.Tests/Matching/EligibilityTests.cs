using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

public sealed class EligibilityTests
{
    private static MatchingModel PairModel(MatchCandidate candidate, MatchUnit unit, MatchingOptions? options = null,
        IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null) =>
        Model([candidate], [unit], options: options, declined: declined);

    private static EligibilityRule Verdict(MatchCandidate candidate, MatchUnit unit, MatchingOptions? options = null,
        IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null) =>
        PairModel(candidate, unit, options, declined).Check(0, 0);

    /// <summary>The pair fails exactly this one rule, and the evaluation reports exactly its code.</summary>
    private static void AssertFailsOnly(EligibilityRule rule, string code, MatchCandidate candidate, MatchUnit unit,
        MatchingOptions? options = null, IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null)
    {
        var model = PairModel(candidate, unit, options, declined);
        Assert.Equal(rule, model.Check(0, 0));
        var evaluation = model.Evaluate(0, 0);
        Assert.False(evaluation.Eligible);
        Assert.Equal([code], evaluation.FailedRules);
        Assert.Equal(code, EligibilityRules.Code(rule));
    }

    private static void AssertEligible(MatchCandidate candidate, MatchUnit unit, MatchingOptions? options = null,
        IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null)
    {
        var model = PairModel(candidate, unit, options, declined);
        Assert.Equal(EligibilityRule.None, model.Check(0, 0));
        var evaluation = model.Evaluate(0, 0);
        Assert.True(evaluation.Eligible);
        Assert.Empty(evaluation.FailedRules);
    }

    [Fact]
    public void TheDefaultPairIsEligible() => AssertEligible(Candidate(), Unit());

    [Fact]
    public void EveryRuleHasADistinctStableCode()
    {
        Assert.Equal(14, EligibilityRules.All.Count);
        Assert.Equal(EligibilityRules.All.Count, EligibilityRules.All.Select(r => r.Code).Distinct().Count());
        Assert.Equal(EligibilityRules.All.Count, EligibilityRules.All.Select(r => r.Rule).Distinct().Count());
        Assert.All(EligibilityRules.All, r => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)r.Rule)));
    }

    [Fact]
    public void ACandidateWhoIsNotReadyIsIneligible() =>
        AssertFailsOnly(EligibilityRule.CandidateNotReady, "candidate-not-ready", Candidate() with { IsReady = false }, Unit());

    [Fact]
    public void ACandidateWithoutGuaranteedSupportIsNotReady() =>
        AssertFailsOnly(EligibilityRule.CandidateNotReady, "candidate-not-ready", Candidate() with { SupportGuaranteed = false }, Unit());

    [Fact]
    public void AUnitThatIsNotAvailableIsIneligible() =>
        AssertFailsOnly(EligibilityRule.UnitNotAvailable, "unit-not-available", Candidate(), Unit() with { IsAvailable = false });

    [Fact]
    public void AUnitInAnExcludedMunicipalityIsIneligible()
    {
        AssertFailsOnly(EligibilityRule.GemeenteExcluded, "gemeente-excluded", Candidate() with { ExcludedGemeenten = [Venlo] }, Unit());
        AssertEligible(Candidate() with { ExcludedGemeenten = [Roermond] }, Unit());
    }

    [Fact]
    public void AUnitWithTooFewBedroomsIsIneligible()
    {
        AssertFailsOnly(EligibilityRule.TooFewBedrooms, "too-few-bedrooms", Candidate() with { RequiredBedrooms = 2 }, Unit() with { Bedrooms = 1 });
        AssertEligible(Candidate() with { RequiredBedrooms = 2 }, Unit() with { Bedrooms = 2 });
    }

    [Fact]
    public void AHouseholdLargerThanTheUnitAllowsIsIneligible()
    {
        AssertFailsOnly(EligibilityRule.TooManyOccupants, "too-many-occupants", Candidate() with { Adults = 2, Children = 1 }, Unit() with { MaxOccupants = 2 });
        AssertEligible(Candidate() with { Adults = 2, Children = 1 }, Unit() with { MaxOccupants = 3 });
    }

    [Fact]
    public void ARentAboveTheCandidatesMaximumIsIneligible()
    {
        AssertFailsOnly(EligibilityRule.RentTooHigh, "rent-too-high", Candidate() with { MaxRent = 700m }, Unit() with { BasicRent = 700.01m });
        AssertEligible(Candidate() with { MaxRent = 700m }, Unit() with { BasicRent = 700m });
    }

    [Fact]
    public void AUnitWithoutGroundFloorOrLiftFailsWhoNeedsOne()
    {
        AssertFailsOnly(EligibilityRule.AccessibilityUnmet, "accessibility-unmet", Candidate() with { NeedsGroundFloorOrLift = true }, Unit() with { GroundFloorOrLift = false });
        AssertEligible(Candidate() with { NeedsGroundFloorOrLift = true }, Unit() with { GroundFloorOrLift = true });
    }

    [Fact]
    public void AUnitWithoutWheelchairAccessFailsWhoNeedsIt()
    {
        AssertFailsOnly(EligibilityRule.AccessibilityUnmet, "accessibility-unmet", Candidate() with { NeedsWheelchairAccess = true }, Unit() with { GroundFloorOrLift = true, WheelchairAccessible = false });
        AssertEligible(Candidate() with { NeedsWheelchairAccess = true }, Unit() with { WheelchairAccessible = true });
    }

    [Fact]
    public void WhoRequiresLowStimulusNeedsAtLeastLevelTwo()
    {
        var candidate = Candidate() with { PrikkelarmNeed = PrikkelarmNeed.Required };
        AssertFailsOnly(EligibilityRule.PrikkelarmRequired, "prikkelarm-required", candidate, Unit() with { PrikkelarmLevel = 0 });
        AssertFailsOnly(EligibilityRule.PrikkelarmRequired, "prikkelarm-required", candidate, Unit() with { PrikkelarmLevel = 1 });
        AssertEligible(candidate, Unit() with { PrikkelarmLevel = 2 });
        AssertEligible(candidate, Unit() with { PrikkelarmLevel = 3 });
    }

    [Fact]
    public void WhoOnlyPrefersLowStimulusMayGetAnyLevel() =>
        AssertEligible(Candidate() with { PrikkelarmNeed = PrikkelarmNeed.Preferred }, Unit() with { PrikkelarmLevel = 0 });

    [Fact]
    public void WhoNeedsSupportAroundTheClockNeedsItOnSite()
    {
        var candidate = Candidate() with { SupportNeed = SupportNeed.Intensief, Needs24x7Nearby = true };
        AssertFailsOnly(EligibilityRule.Needs24x7Support, "needs-24x7-support", candidate, Unit() with { SupportOnSite = SupportOnSite.Nearby });
        AssertFailsOnly(EligibilityRule.Needs24x7Support, "needs-24x7-support", candidate, Unit() with { SupportOnSite = SupportOnSite.None });
        AssertEligible(candidate, Unit() with { SupportOnSite = SupportOnSite.TwentyFourSeven });
    }

    [Fact]
    public void AUnitForSomeTargetGroupsFailsACandidateInNoneOfThem()
    {
        var unit = Unit() with { TargetGroups = Groups(TargetGroup.Jongeren, TargetGroup.HousingFirst) };
        AssertFailsOnly(EligibilityRule.TargetGroupMismatch, "target-group-mismatch", Candidate() with { TargetGroups = Groups(TargetGroup.Gezin) }, unit);
        AssertFailsOnly(EligibilityRule.TargetGroupMismatch, "target-group-mismatch", Candidate() with { TargetGroups = [] }, unit);
        AssertEligible(Candidate() with { TargetGroups = Groups(TargetGroup.Gezin, TargetGroup.HousingFirst) }, unit);
    }

    [Fact]
    public void AUnitWithoutTargetGroupsIsOpenToAll()
    {
        AssertEligible(Candidate() with { TargetGroups = [] }, Unit() with { TargetGroups = [] });
        AssertEligible(Candidate() with { TargetGroups = Groups(TargetGroup.LHBTIQ, TargetGroup.ExGedetineerde) }, Unit() with { TargetGroups = [] });
    }

    [Fact]
    public void ARoomIsNoPlaceForChildren()
    {
        var family = Candidate() with { Adults = 1, Children = 1 };
        AssertFailsOnly(EligibilityRule.RoomUnsuitableForChildren, "room-unsuitable-for-children", family, Unit() with { UnitType = UnitType.Kamer });
        AssertEligible(family, Unit() with { UnitType = UnitType.Appartement });
        AssertEligible(Candidate(), Unit() with { UnitType = UnitType.Kamer });
    }

    [Fact]
    public void AUnitFreeOnlyAfterTheWindowIsNotAvailableInTime()
    {
        // Ready since 30 days: the window counts from today.
        var candidate = Candidate() with { ReadySince = Today.AddDays(-30) };
        AssertEligible(candidate, Unit() with { AvailableFrom = Today.AddDays(90) });
        AssertFailsOnly(EligibilityRule.NotAvailableInTime, "not-available-in-time", candidate, Unit() with { AvailableFrom = Today.AddDays(91) });
        AssertEligible(candidate, Unit() with { AvailableFrom = Today.AddDays(-10) });
    }

    [Fact]
    public void ForACandidateReadyLaterTheWindowCountsFromTheReadyDate()
    {
        var candidate = Candidate() with { ReadySince = Today.AddDays(20) };
        AssertEligible(candidate, Unit() with { AvailableFrom = Today.AddDays(110) });
        AssertFailsOnly(EligibilityRule.NotAvailableInTime, "not-available-in-time", candidate, Unit() with { AvailableFrom = Today.AddDays(111) });
    }

    [Fact]
    public void TheAvailabilityWindowComesFromTheOptions()
    {
        var options = new MatchingOptions(AvailabilityWindowDays: 30);
        AssertEligible(Candidate(), Unit() with { AvailableFrom = Today.AddDays(30) }, options);
        AssertFailsOnly(EligibilityRule.NotAvailableInTime, "not-available-in-time", Candidate(), Unit() with { AvailableFrom = Today.AddDays(31) }, options);
    }

    [Fact]
    public void AUnitInAnotherRegionIsIneligible() =>
        AssertFailsOnly(EligibilityRule.OtherRegion, "other-region", Candidate(), Unit(1, Maastricht));

    [Fact]
    public void AllowingCrossRegionMatchingLiftsTheRegionRule() =>
        AssertEligible(Candidate(), Unit(1, Maastricht), new MatchingOptions(AllowCrossRegion: true));

    [Fact]
    public void APairThatWasDeclinedIsNeverProposedAgain()
    {
        var candidate = Candidate();
        var unit = Unit();
        AssertFailsOnly(EligibilityRule.PreviouslyDeclined, "previously-declined", candidate, unit, declined: new HashSet<(Guid, Guid)> { (unit.Id, candidate.Id) });
        AssertEligible(candidate, unit, declined: new HashSet<(Guid, Guid)> { (UnitId(99), candidate.Id), (unit.Id, CandidateId(99)) });
    }

    [Fact]
    public void AnIneligiblePairReportsEveryRuleItFails()
    {
        var candidate = Candidate() with
        {
            IsReady = false,
            Adults = 2,
            Children = 2,
            RequiredBedrooms = 3,
            MaxRent = 500m,
            NeedsWheelchairAccess = true,
            SupportNeed = SupportNeed.Intensief,
            Needs24x7Nearby = true,
            PrikkelarmNeed = PrikkelarmNeed.Required,
            ExcludedGemeenten = [Maastricht],
            TargetGroups = Groups(TargetGroup.Gezin),
        };
        var unit = Unit(1, Maastricht) with
        {
            IsAvailable = false,
            UnitType = UnitType.Kamer,
            Bedrooms = 1,
            MaxOccupants = 1,
            BasicRent = 650m,
            PrikkelarmLevel = 1,
            SupportOnSite = SupportOnSite.Nearby,
            TargetGroups = Groups(TargetGroup.Jongeren),
            AvailableFrom = Today.AddDays(200),
        };
        var all = EligibilityRules.All.Aggregate(EligibilityRule.None, (acc, r) => acc | r.Rule);
        var model = PairModel(candidate, unit, declined: new HashSet<(Guid, Guid)> { (unit.Id, candidate.Id) });

        Assert.Equal(all, model.Check(0, 0));
        Assert.Equal(EligibilityRules.All.Select(r => r.Code), model.Evaluate(0, 0).FailedRules);
    }

    [Fact]
    public void APairFailingSomeRulesReportsExactlyThose()
    {
        var failed = Verdict(Candidate() with { MaxRent = 500m, Children = 1 }, Unit() with { UnitType = UnitType.Kamer, IsAvailable = false });
        Assert.Equal(EligibilityRule.RentTooHigh | EligibilityRule.RoomUnsuitableForChildren | EligibilityRule.UnitNotAvailable, failed);
        Assert.Equal(["unit-not-available", "rent-too-high", "room-unsuitable-for-children"], EligibilityRules.Codes(failed));
    }

    [Fact]
    public void IneligiblePairsStillGetAScore()
    {
        var model = PairModel(Candidate() with { IsReady = false }, Unit());
        var evaluation = model.Evaluate(0, 0);
        Assert.Equal(model.ScoreHundredths(0, 0) / 100.0, evaluation.Breakdown.Score, 9);
        Assert.True(evaluation.Breakdown.Score > 0);
    }

    /// <summary>
    /// Regions are compared by code. When neither region code is one the input's municipalities name, the model maps
    /// both to "unknown" (-1) and treats them as the same region.
    /// </summary>
    [Fact]
    public void TwoDifferentRegionsTheInputDoesNotDescribeAreStillDifferentRegions() =>
        AssertFailsOnly(EligibilityRule.OtherRegion, "other-region", Candidate() with { RegionCode = "XX" }, Unit() with { RegionCode = "YY" });
}
