using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using static NML.Matching.Domain.Tests.RuleViolations;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// The candidate's placement in the match workflow (docs/architecture.md, "Candidates/Candidate") and its rules, with
/// the codes, statuses and fields of docs/api.md, "Errors", and the storage rules of docs/registers.md.
/// </summary>
public sealed class CandidateRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CandidateProfile Profile(
        bool supportGuaranteed = true,
        SupportNeed supportNeed = SupportNeed.Midden,
        bool needs24x7Nearby = false,
        bool urgent = false,
        IReadOnlyList<string>? preferred = null,
        IReadOnlyList<string>? excluded = null,
        IReadOnlyList<TargetGroup>? targetGroups = null) => new(
            ExternalReference: "REF-1",
            HerkomstGemeenteCode: "GM0983",
            CurrentSetting: CurrentSetting.BeschermdWonen,
            AgeBand: AgeBand.Age27To49,
            Household: new Household(1, 0),
            RequiredBedrooms: null,
            MaxRent: 750m,
            Accessibility: new AccessibilityNeeds(false, false),
            SupportNeed: supportNeed,
            Needs24x7Nearby: needs24x7Nearby,
            SupportHoursPerWeek: 4,
            SupportGuaranteed: supportGuaranteed,
            PrikkelarmNeed: PrikkelarmNeed.None,
            PreferredGemeenten: preferred ?? [],
            ExcludedGemeenten: excluded ?? [],
            TargetGroups: targetGroups ?? [],
            ReadySince: Today.AddDays(-10),
            Urgent: urgent,
            UrgencyReason: null);

    private static Candidate Ready() => Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(), Now);

    private static Candidate Matched()
    {
        var candidate = Ready();
        candidate.MarkMatched(Today, Now);
        Assert.Equal(CandidateStatus.Matched, candidate.StatusOn(Today));
        return candidate;
    }

    private static Candidate Housed()
    {
        var candidate = Matched();
        candidate.MarkHoused(Now);
        Assert.Equal(CandidateStatus.Housed, candidate.StatusOn(Today));
        return candidate;
    }

    /// <summary>docs/api.md: "409 candidate-not-matchable: POST /matches for a candidate that is not Ready, for example one in another active match".</summary>
    [Fact]
    public void OnlyAReadyCandidateCanBeMatched()
    {
        var registered = Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(supportGuaranteed: false), Now);
        var matched = Matched();

        AssertStateConflict(() => registered.MarkMatched(Today, Now), "candidate-not-matchable");
        AssertStateConflict(() => matched.MarkMatched(Today, Now), "candidate-not-matchable");
        Assert.Equal(CandidateStatus.Registered, registered.StatusOn(Today));
    }

    /// <summary>docs/api.md lists candidate-not-matched (409) among the backstop codes: release and housing need a match.</summary>
    [Fact]
    public void ACandidateOutsideAMatchCannotBeReleasedOrHoused()
    {
        var ready = Ready();

        AssertStateConflict(() => ready.ReleaseFromMatch(null, null, Now), "candidate-not-matched");
        AssertStateConflict(() => ready.MarkHoused(Now), "candidate-not-matched");
        Assert.Equal(CandidateStatus.Ready, ready.StatusOn(Today));
    }

    [Fact]
    public void AHousedCandidateIsNeverSetBack() =>
        AssertStateConflict(() => Housed().ReleaseFromMatch(null, null, Now), "candidate-not-matched");

    /// <summary>docs/api.md: "409 candidate-not-parkable: park on a Matched candidate ... or a Housed one".</summary>
    [Fact]
    public void AMatchedOrHousedCandidateCannotBeParked()
    {
        AssertStateConflict(() => Matched().Park(Today.AddDays(10), "reden", Today, Now), "candidate-not-parkable");
        AssertStateConflict(() => Housed().Park(Today.AddDays(10), "reden", Today, Now), "candidate-not-parkable");
    }

    /// <summary>docs/api.md: "409 candidate-not-withdrawable: withdraw on a Matched or Housed candidate".</summary>
    [Fact]
    public void AMatchedOrHousedCandidateCannotBeWithdrawn()
    {
        var matched = Matched();

        AssertStateConflict(() => matched.Withdraw("reden", Today, Now), "candidate-not-withdrawable");
        AssertStateConflict(() => Housed().Withdraw("reden", Today, Now), "candidate-not-withdrawable");
        Assert.False(matched.IsWithdrawn);
    }

    /// <summary>docs/api.md: "400 park-until-in-past: park's until is today or earlier"; a park without a reason is a 400 on reason.</summary>
    [Fact]
    public void ParkingNeedsADateAfterTodayAndAReason()
    {
        var candidate = Ready();

        AssertInvalidInput(() => candidate.Park(Today, "reden", Today, Now), "park-until-in-past", "until");
        AssertInvalidInput(() => candidate.Park(Today.AddDays(1), " ", Today, Now), "park-reason-required", "reason");
        Assert.Null(candidate.ParkedUntil);
    }

    [Fact]
    public void WithdrawingNeedsAReason() =>
        AssertInvalidInput(() => Ready().Withdraw("  ", Today, Now), "withdraw-reason-required", "reason");

    /// <summary>docs/api.md: "409 candidate-withdrawn: PUT, park, unpark or withdraw on a withdrawn candidate".</summary>
    [Fact]
    public void AWithdrawnCandidateRefusesEveryChange()
    {
        var candidate = Ready();
        candidate.Withdraw("verhuisd", Today, Now);

        AssertStateConflict(() => candidate.Change("NML", Profile(), Now), "candidate-withdrawn");
        AssertStateConflict(() => candidate.Park(Today.AddDays(1), "reden", Today, Now), "candidate-withdrawn");
        AssertStateConflict(() => candidate.Unpark(Today, Now), "candidate-withdrawn");
        AssertStateConflict(() => candidate.Withdraw("nogmaals", Today, Now), "candidate-withdrawn");
    }

    /// <summary>docs/api.md: "409 candidate-not-parked: unpark on a candidate that is not Parked".</summary>
    [Fact]
    public void UnparkingACandidateThatIsNotParkedIsRefused() =>
        AssertStateConflict(() => Ready().Unpark(Today, Now), "candidate-not-parked");

    /// <summary>The backstop codes of docs/api.md for rules between fields of the profile, each on its field (docs/registers.md).</summary>
    [Fact]
    public void RulesBetweenFieldsOfTheProfileNameTheirField()
    {
        AssertInvalidInput(
            () => Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(supportNeed: SupportNeed.Midden, needs24x7Nearby: true), Now),
            "needs-24x7-requires-intensief", "needs24x7Nearby");
        AssertInvalidInput(
            () => Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(urgent: true), Now),
            "urgency-reason-required", "urgencyReason");
        AssertInvalidInput(
            () => Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(preferred: ["GM0983"], excluded: ["GM0983"]), Now),
            "preferred-excluded-overlap", "excludedGemeenten");
    }

    /// <summary>docs/registers.md, targetGroups: "Stored without duplicates, in enum order".</summary>
    [Fact]
    public void TargetGroupsAreStoredWithoutDuplicatesInEnumOrder()
    {
        var candidate = Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML",
            Profile(targetGroups: [TargetGroup.HousingFirst, TargetGroup.Jongeren, TargetGroup.HousingFirst, TargetGroup.Gezin]), Now);

        Assert.Equal([TargetGroup.Jongeren, TargetGroup.Gezin, TargetGroup.HousingFirst], candidate.TargetGroups);
    }

    /// <summary>
    /// docs/architecture.md: ReleaseFromMatch sets the placement back, "parking the candidate when a period applies".
    /// </summary>
    [Fact]
    public void AReleasedCandidateIsParkedOnlyWhenAPeriodApplies()
    {
        var parked = Matched();
        parked.ReleaseFromMatch(Today.AddDays(30), "kandidaat-weigert-passend-aanbod", Now);
        var free = Matched();
        free.ReleaseFromMatch(null, "genegeerd", Now);

        Assert.Equal(CandidateStatus.Parked, parked.StatusOn(Today));
        Assert.Equal(Today.AddDays(30), parked.ParkedUntil);
        Assert.Equal("kandidaat-weigert-passend-aanbod", parked.ParkReason);
        Assert.Equal(CandidateStatus.Ready, free.StatusOn(Today));
        Assert.Null(free.ParkedUntil);
        Assert.Null(free.ParkReason);
    }

    /// <summary>docs/operations.md, Retention: "candidates withdrawn or housed longer ago than this many months are anonymised"; one still in the queue is refused (409).</summary>
    [Fact]
    public void ACandidateInTheQueueIsNotAnonymised()
    {
        var candidate = Ready();

        var violation = AssertRefused(() => candidate.Anonymise(Now), "candidate-active", Common.DomainRuleKind.StateConflict);

        Assert.NotNull(violation);
        Assert.Null(candidate.AnonymisedAt);
        Assert.Equal("REF-1", candidate.ExternalReference);
    }
}
