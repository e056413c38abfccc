using System.Text.Json;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests.Matches;

/// <summary>
/// The placement steps that change a match, its unit and its candidate together. The expected states come from the
/// documents, not from the code: docs/registers.md ("A proposal makes a Ready candidate Matched; a decline, expiry or
/// withdrawal of the match puts it back (Parked when the decline reason parks). Housed comes with the signed lease";
/// "A proposal reserves it (Reserved); a decline, expiry or withdrawal of the match makes it Available again; Let
/// comes with the signed lease"; Parked while today &lt; parkedUntil) and docs/api.md (Matches: "Withdraw releases both
/// sides without parking", expiry has "the effects of a decline without parking"; Tenancies: "The match becomes
/// Contracted (final, without a deadline), the unit Let, the candidate Housed, and a tenancy starts").
/// </summary>
public sealed class PlacementTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid Provider = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Actor Matchingspunt = new("Matchingspunt", Guid.Parse("44444444-4444-4444-4444-444444444444"), null);
    private static readonly Actor Corporatie = new("Corporatie", Owner, null);
    private static readonly Actor ZorgaanbiederActor = new("Zorgaanbieder", Provider, null);
    private static readonly MatchingWeights Weights = new(30, 20, 20, 15, 10, 5);
    private static readonly ScoreBreakdown Breakdown = new(64.25,
        [new CriterionScore("gemeente", 30, 1, 30, "herkomstgemeente"), new CriterionScore("wachttijd", 10, 0.5, 5, "half a year")]);

    /// <summary>The host writes snapshots as JSON; here with the serializer's web defaults.</summary>
    private static readonly Placement Placement = new(snapshot => JsonSerializer.Serialize(snapshot, JsonSerializerOptions.Web));

    private static Candidate ReadyCandidate(DateOnly? readySince = null) => Candidate.Register(Guid.NewGuid(), Provider, "NML", new CandidateProfile(
        ExternalReference: "REF-1", HerkomstGemeenteCode: "GM0988", CurrentSetting: CurrentSetting.BeschermdWonen, AgeBand: AgeBand.Age27To49,
        Household: new Household(1, 0), RequiredBedrooms: null, MaxRent: 750m, Accessibility: new AccessibilityNeeds(false, false),
        SupportNeed: SupportNeed.Midden, Needs24x7Nearby: false, SupportHoursPerWeek: 4, SupportGuaranteed: true, PrikkelarmNeed: PrikkelarmNeed.None,
        PreferredGemeenten: [], ExcludedGemeenten: [], TargetGroups: [], ReadySince: readySince ?? Today.AddDays(-30), Urgent: false, UrgencyReason: null),
        Now.AddDays(-60));

    private static HousingUnit AvailableUnit() => HousingUnit.Post(Guid.NewGuid(), Owner, "NML", new UnitDescription(
        Reference: "VEN-001", GemeenteCode: "GM0983", Kern: null, Postcode: "5921 AB", HouseNumber: "12", UnitType: UnitType.Appartement, Bedrooms: 1,
        MaxOccupants: 2, FloorArea: 45m, BasicRent: 600m, ServiceCosts: 40m, Accessibility: new UnitAccessibility(false, false),
        Prikkelarm: PrikkelarmFeatures.None, SupportOnSite: SupportOnSite.Nearby, ContractForm: ContractForm.Regulier, TargetGroups: [],
        AvailableFrom: Today.AddDays(-5)), Now.AddDays(-10));

    private static (Match Match, HousingUnit Unit, Candidate Candidate) Proposed(Guid? roundId = null)
    {
        var unit = AvailableUnit();
        var candidate = ReadyCandidate();
        var match = Placement.Propose(Guid.NewGuid(), unit, candidate, Breakdown, Weights, roundId, [], null, Matchingspunt, Now.AddDays(7), Today, Now);
        return (match, unit, candidate);
    }

    private static (Match Match, HousingUnit Unit, Candidate Candidate) In(MatchStatus state)
    {
        var (match, unit, candidate) = Proposed();
        if (state is MatchStatus.Nominated or MatchStatus.Accepted) match.Nominate(Matchingspunt, Now.AddHours(1), Now.AddDays(14));
        if (state is MatchStatus.Accepted) match.Accept(Corporatie, Now.AddHours(2), Now.AddDays(30));
        Assert.Equal(state, match.Status);
        return (match, unit, candidate);
    }

    public static TheoryData<MatchStatus> ActiveStates() => [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted];

    // ---- Propose ----

    [Fact]
    public void AProposalMakesTheMatchProposedTheCandidateMatchedAndTheUnitReserved()
    {
        var unit = AvailableUnit();
        var candidate = ReadyCandidate();
        var id = Guid.NewGuid();

        var match = Placement.Propose(id, unit, candidate, Breakdown, Weights, null, [], null, Matchingspunt, Now.AddDays(7), Today, Now);

        Assert.Equal(MatchStatus.Proposed, match.Status);
        Assert.Equal(CandidateStatus.Matched, candidate.StatusOn(Today));
        Assert.Equal(UnitStatus.Reserved, unit.Status);
        Assert.Equal(Now.AddDays(7), match.DueAt);
        // The parties that decide who sees the match are copied from the unit and the candidate.
        Assert.Equal((id, unit.Id, candidate.Id, "NML", "GM0983", "GM0988", Owner, Provider, 64.25),
            (match.Id, match.UnitId, match.CandidateId, match.RegionCode, match.UnitGemeenteCode, match.CandidateHerkomstCode,
             match.OwnerOrganisationId, match.ProviderOrganisationId, match.Score));
    }

    [Fact]
    public void TheSnapshotHoldsTheMomentTheRoundTheScoreItsBreakdownAndTheWeights()
    {
        var roundId = Guid.NewGuid();
        var (match, _, _) = Proposed(roundId);

        var snapshot = JsonSerializer.Deserialize<MatchSnapshot>(match.Snapshot, JsonSerializerOptions.Web)!;

        Assert.Equal(Now, snapshot.ProposedAt);
        Assert.Equal(roundId, snapshot.RoundId);
        Assert.Equal(roundId, match.RoundId);
        Assert.Equal(64.25, snapshot.Score);
        Assert.Equal(Breakdown.Criteria, snapshot.Breakdown);
        Assert.Equal(Weights, snapshot.Weights);
        Assert.Empty(snapshot.FailedRules);
        Assert.Null(snapshot.OverrideReason);
    }

    [Fact]
    public void AnOverrideKeepsTheFailedRulesAndTheReasonInTheSnapshotAndOnTheMatch()
    {
        var unit = AvailableUnit();
        var candidate = ReadyCandidate();

        var match = Placement.Propose(Guid.NewGuid(), unit, candidate, Breakdown, Weights, null, ["max-rent", "bedrooms"], "Spoed",
            Matchingspunt, Now.AddDays(7), Today, Now);

        var snapshot = JsonSerializer.Deserialize<MatchSnapshot>(match.Snapshot, JsonSerializerOptions.Web)!;
        Assert.Equal(["max-rent", "bedrooms"], snapshot.FailedRules);
        Assert.Equal("Spoed", snapshot.OverrideReason);
        Assert.Null(snapshot.RoundId);
        Assert.Equal("Spoed", match.OverrideReason);
        Assert.Null(snapshot.WithoutOverrideReason().OverrideReason);
        Assert.Equal(snapshot.FailedRules, snapshot.WithoutOverrideReason().FailedRules);
    }

    [Fact]
    public void ACandidateThatIsNotReadyIsNotProposedAndItsUnitStaysAvailable()
    {
        var unit = AvailableUnit();
        var notYetReady = ReadyCandidate(readySince: Today.AddDays(1));

        var error = Assert.Throws<DomainRuleViolation>(() =>
            Placement.Propose(Guid.NewGuid(), unit, notYetReady, Breakdown, Weights, null, [], null, Matchingspunt, Now.AddDays(7), Today, Now));

        Assert.Equal("candidate-not-matchable", error.Code);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(CandidateStatus.Registered, notYetReady.StatusOn(Today));
    }

    [Fact]
    public void AUnitThatIsNotAvailableIsNotProposedAgain()
    {
        var (_, unit, _) = Proposed();

        var error = Assert.Throws<DomainRuleViolation>(() =>
            Placement.Propose(Guid.NewGuid(), unit, ReadyCandidate(), Breakdown, Weights, null, [], null, Matchingspunt, Now.AddDays(7), Today, Now));

        Assert.Equal("unit-not-reservable", error.Code);
        Assert.Equal(DomainRuleKind.StateConflict, error.Kind);
    }

    // ---- Release: decline, expiry, withdrawal ----

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void ADeclineThatParksReleasesTheUnitAndParksTheCandidateUntilTodayPlusTheDays(MatchStatus from)
    {
        var (match, unit, candidate) = In(from);
        var reason = DeclineReasons.Find("kandidaat-weigert-passend-aanbod")!;

        Placement.Decline(match, unit, candidate, ZorgaanbiederActor, DeclineParty.Kandidaat, reason, "te ver weg", 30, Today, Now.AddHours(3));

        Assert.Equal(MatchStatus.Declined, match.Status);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(new DateOnly(2026, 4, 1), candidate.ParkedUntil);
        Assert.Equal(CandidateStatus.Parked, candidate.StatusOn(new DateOnly(2026, 3, 31)));
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(new DateOnly(2026, 4, 1)));
        Assert.Equal($"Afgewezen: {reason.Description}", candidate.ParkReason);
    }

    [Fact]
    public void ADeclineWithoutParkingPutsTheCandidateBackInTheQueueAtOnce()
    {
        var (match, unit, candidate) = In(MatchStatus.Nominated);

        Placement.Decline(match, unit, candidate, Corporatie, DeclineParty.Verhuurder, DeclineReasons.Find("verhuurder-huurschuld")!, null, 0, Today, Now.AddHours(3));

        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
        Assert.Null(candidate.ParkedUntil);
        Assert.Null(candidate.ParkReason);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void AnExpiryReleasesBothSidesWithoutParking(MatchStatus from)
    {
        var (match, unit, candidate) = In(from);

        Placement.Expire(match, unit, candidate, Today, Now.AddDays(8));

        Assert.Equal(MatchStatus.Expired, match.Status);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
        Assert.Null(candidate.ParkedUntil);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void AWithdrawalReleasesBothSidesWithoutParking(MatchStatus from)
    {
        var (match, unit, candidate) = In(from);

        Placement.Withdraw(match, unit, candidate, Matchingspunt, "dubbel voorgesteld", Today, Now.AddHours(3));

        Assert.Equal(MatchStatus.Withdrawn, match.Status);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
        Assert.Null(candidate.ParkedUntil);
    }

    [Fact]
    public void AReleasedPairCanBeProposedAgainToOthers()
    {
        var (match, unit, candidate) = In(MatchStatus.Proposed);
        Placement.Withdraw(match, unit, candidate, Matchingspunt, "dubbel voorgesteld", Today, Now.AddHours(1));

        var again = Placement.Propose(Guid.NewGuid(), unit, candidate, Breakdown, Weights, null, [], null, Matchingspunt, Now.AddDays(7), Today, Now.AddHours(2));

        Assert.Equal(MatchStatus.Proposed, again.Status);
        Assert.Equal(UnitStatus.Reserved, unit.Status);
        Assert.Equal(CandidateStatus.Matched, candidate.StatusOn(Today));
    }

    [Fact]
    public void AStepOnAFinalMatchIsRefusedAndReleasesNothing()
    {
        var (match, unit, candidate) = In(MatchStatus.Accepted);
        Placement.Contract(Guid.NewGuid(), match, unit, candidate, Corporatie, Today, ContractForm.Regulier, null, Now.AddHours(3));

        var error = Assert.Throws<DomainRuleViolation>(() => Placement.Withdraw(match, unit, candidate, Matchingspunt, "te laat", Today, Now.AddHours(4)));

        Assert.Equal("invalid-transition", error.Code);
        Assert.Equal(UnitStatus.Let, unit.Status);
        Assert.Equal(CandidateStatus.Housed, candidate.StatusOn(Today));
    }

    [Fact]
    public void AStepGivenAnotherMatchsUnitOrCandidateIsRefusedAndChangesNothing()
    {
        var (match, unit, candidate) = In(MatchStatus.Proposed);
        var (_, otherUnit, otherCandidate) = In(MatchStatus.Proposed);

        Assert.Throws<ArgumentException>(() => Placement.Withdraw(match, otherUnit, candidate, Matchingspunt, "verkeerd", Today, Now.AddHours(1)));
        Assert.Throws<ArgumentException>(() => Placement.Expire(match, unit, otherCandidate, Today, Now.AddHours(1)));

        Assert.Equal(MatchStatus.Proposed, match.Status);
        Assert.Equal(UnitStatus.Reserved, otherUnit.Status);
        Assert.Equal(CandidateStatus.Matched, otherCandidate.StatusOn(Today));
        // Positive control: with its own unit and candidate the step goes through.
        Placement.Withdraw(match, unit, candidate, Matchingspunt, "dubbel", Today, Now.AddHours(2));
        Assert.Equal(UnitStatus.Available, unit.Status);
    }

    // ---- Contract ----

    [Fact]
    public void TheSignedLeaseMakesTheMatchContractedTheUnitLetTheCandidateHousedAndStartsATenancy()
    {
        var (match, unit, candidate) = In(MatchStatus.Accepted);
        var tenancyId = Guid.NewGuid();
        var start = new DateOnly(2026, 4, 1);

        var tenancy = Placement.Contract(tenancyId, match, unit, candidate, Corporatie, start, ContractForm.Omklap, 12, Now.AddHours(3));

        Assert.Equal(MatchStatus.Contracted, match.Status);
        Assert.Null(match.DueAt);
        Assert.Equal(UnitStatus.Let, unit.Status);
        Assert.Equal(CandidateStatus.Housed, candidate.StatusOn(Today));
        Assert.Equal((tenancyId, match.Id, unit.Id, candidate.Id, Owner, Provider, "NML", "GM0983", "GM0988"),
            (tenancy.Id, tenancy.MatchId, tenancy.UnitId, tenancy.CandidateId, tenancy.OwnerOrganisationId, tenancy.ProviderOrganisationId,
             tenancy.RegionCode, tenancy.UnitGemeenteCode, tenancy.CandidateHerkomstCode));
        Assert.Equal(start, tenancy.StartDate);
        Assert.Equal(ContractForm.Omklap, tenancy.ContractForm);
        Assert.Equal(new DateOnly(2027, 4, 1), tenancy.OmklapDueDate);
    }

    [Theory]
    [InlineData(MatchStatus.Proposed)]
    [InlineData(MatchStatus.Nominated)]
    public void NoLeaseBeforeTheMatchIsAcceptedAndTheUnitStaysReserved(MatchStatus from)
    {
        var (match, unit, candidate) = In(from);

        var error = Assert.Throws<DomainRuleViolation>(() =>
            Placement.Contract(Guid.NewGuid(), match, unit, candidate, Corporatie, Today, ContractForm.Regulier, null, Now.AddHours(3)));

        Assert.Equal("invalid-transition", error.Code);
        Assert.Equal(UnitStatus.Reserved, unit.Status);
        Assert.Equal(CandidateStatus.Matched, candidate.StatusOn(Today));
    }

    // ---- Events ----

    [Fact]
    public void EachStepRaisesTheMatchsEventOnceAndTheTenancyRaisesNone()
    {
        var (match, unit, candidate) = Proposed();
        Assert.Equal(MatchStatus.Proposed, Assert.IsType<MatchStatusChanged>(Assert.Single(match.DomainEvents)).Status);
        match.Nominate(Matchingspunt, Now.AddHours(1), Now.AddDays(14));
        match.Accept(Corporatie, Now.AddHours(2), Now.AddDays(30));
        match.ClearDomainEvents();

        var tenancy = Placement.Contract(Guid.NewGuid(), match, unit, candidate, Corporatie, Today, ContractForm.Regulier, null, Now.AddHours(3));

        Assert.Equal(MatchStatus.Contracted, Assert.IsType<MatchStatusChanged>(Assert.Single(match.DomainEvents)).Status);
        Assert.Empty(tenancy.DomainEvents);
    }
}
