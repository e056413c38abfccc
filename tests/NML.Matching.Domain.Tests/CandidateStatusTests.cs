using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Tests;

public sealed class CandidateStatusTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CandidateProfile Profile(
        DateOnly? readySince = null,
        bool supportGuaranteed = true,
        Household? household = null,
        int? requiredBedrooms = null,
        SupportNeed supportNeed = SupportNeed.Midden,
        bool needs24x7Nearby = false,
        bool urgent = false,
        UrgencyReason? urgencyReason = null,
        string herkomst = "GM0983",
        IReadOnlyList<string>? preferred = null,
        IReadOnlyList<string>? excluded = null) => new(
            ExternalReference: "  REF-1  ",
            HerkomstGemeenteCode: herkomst,
            CurrentSetting: CurrentSetting.BeschermdWonen,
            AgeBand: AgeBand.Age27To49,
            Household: household ?? new Household(1, 0),
            RequiredBedrooms: requiredBedrooms,
            MaxRent: 750m,
            Accessibility: new AccessibilityNeeds(false, false),
            SupportNeed: supportNeed,
            Needs24x7Nearby: needs24x7Nearby,
            SupportHoursPerWeek: 4,
            SupportGuaranteed: supportGuaranteed,
            PrikkelarmNeed: PrikkelarmNeed.None,
            PreferredGemeenten: preferred ?? [],
            ExcludedGemeenten: excluded ?? [],
            TargetGroups: [],
            ReadySince: readySince ?? Today.AddDays(-10),
            Urgent: urgent,
            UrgencyReason: urgencyReason);

    private static Candidate Register(CandidateProfile? profile = null) =>
        Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", profile ?? Profile(), Now);

    private static void AssertWithdrawnConflict(Action action)
    {
        var violation = Assert.Throws<DomainRuleViolation>(action);
        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
        Assert.Equal("candidate-withdrawn", violation.Code);
    }

    // Status

    [Fact]
    public void ACandidateWithGuaranteedSupportIsReadyFromReadySinceOn()
    {
        var candidate = Register(Profile(readySince: Today, supportGuaranteed: true));

        Assert.Equal(CandidateStatus.Registered, candidate.StatusOn(Today.AddDays(-1)));
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today.AddDays(30)));
    }

    [Fact]
    public void ACandidateReadyInTheFutureIsRegistered() =>
        Assert.Equal(CandidateStatus.Registered, Register(Profile(readySince: Today.AddDays(1))).StatusOn(Today));

    [Fact]
    public void ACandidateWithoutGuaranteedSupportIsRegisteredEvenWhenReady() =>
        Assert.Equal(CandidateStatus.Registered, Register(Profile(readySince: Today.AddDays(-30), supportGuaranteed: false)).StatusOn(Today));

    [Fact]
    public void AParkedCandidateIsParkedUntilTheDayAndReadyOnThatDay()
    {
        var candidate = Register();
        var until = Today.AddDays(14);

        candidate.Park(until, "  opname  ", Today, Now);

        Assert.Equal(CandidateStatus.Parked, candidate.StatusOn(Today));
        Assert.Equal(CandidateStatus.Parked, candidate.StatusOn(until.AddDays(-1)));
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(until));
        Assert.Equal(until, candidate.ParkedUntil);
        Assert.Equal("opname", candidate.ParkReason);
    }

    [Fact]
    public void AParkedCandidateWithoutGuaranteedSupportIsRegisteredAfterParking()
    {
        var candidate = Register(Profile(supportGuaranteed: false));
        var until = Today.AddDays(7);

        candidate.Park(until, "opname", Today, Now);

        Assert.Equal(CandidateStatus.Parked, candidate.StatusOn(Today));
        Assert.Equal(CandidateStatus.Registered, candidate.StatusOn(until));
    }

    [Fact]
    public void AWithdrawnCandidateIsWithdrawnOnAnyDay()
    {
        var candidate = Register();
        var later = Now.AddHours(1);

        candidate.Withdraw("  verhuisd  ", Today, later);

        Assert.True(candidate.IsWithdrawn);
        Assert.Equal(later, candidate.WithdrawnAt);
        Assert.Equal(later, candidate.UpdatedAt);
        Assert.Equal("verhuisd", candidate.WithdrawReason);
        Assert.Equal(CandidateStatus.Withdrawn, candidate.StatusOn(Today));
        Assert.Equal(CandidateStatus.Withdrawn, candidate.StatusOn(Today.AddYears(1)));
    }

    [Fact]
    public void WithdrawingAParkedCandidateClearsTheParking()
    {
        var candidate = Register();
        candidate.Park(Today.AddDays(14), "opname", Today, Now);

        candidate.Withdraw("verhuisd", Today, Now);

        Assert.Equal(CandidateStatus.Withdrawn, candidate.StatusOn(Today));
        Assert.Null(candidate.ParkedUntil);
        Assert.Null(candidate.ParkReason);
    }

    // Park and unpark

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30)]
    public void ParkingRefusesADateThatIsNotAfterToday(int days)
    {
        var candidate = Register();

        var violation = Assert.Throws<DomainRuleViolation>(() => candidate.Park(Today.AddDays(days), "opname", Today, Now));

        Assert.Equal("park-until-in-past", violation.Code);
        Assert.Equal("until", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
        Assert.Null(candidate.ParkedUntil);
        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ParkingNeedsAReason(string reason)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register().Park(Today.AddDays(1), reason, Today, Now));
        Assert.Equal("reason", violation.Field);
    }

    [Fact]
    public void UnparkingAParkedCandidateMakesItReadyAgain()
    {
        var candidate = Register();
        candidate.Park(Today.AddDays(14), "opname", Today, Now);
        var later = Now.AddHours(2);

        candidate.Unpark(Today, later);

        Assert.Equal(CandidateStatus.Ready, candidate.StatusOn(Today));
        Assert.Null(candidate.ParkedUntil);
        Assert.Null(candidate.ParkReason);
        Assert.Equal(later, candidate.UpdatedAt);
    }

    [Fact]
    public void UnparkingACandidateThatIsNotParkedIsAStateConflict()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register().Unpark(Today, Now));

        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
        Assert.Equal("candidate-not-parked", violation.Code);
    }

    [Fact]
    public void UnparkingAfterTheParkingHasRunOutIsAStateConflict()
    {
        var candidate = Register();
        var until = Today.AddDays(3);
        candidate.Park(until, "opname", Today, Now);

        var violation = Assert.Throws<DomainRuleViolation>(() => candidate.Unpark(until, Now));

        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
        Assert.Equal("candidate-not-parked", violation.Code);
    }

    // Withdrawal

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void WithdrawingNeedsAReason(string reason)
    {
        var candidate = Register();

        var violation = Assert.Throws<DomainRuleViolation>(() => candidate.Withdraw(reason, Today, Now));

        Assert.Equal("reason", violation.Field);
        Assert.False(candidate.IsWithdrawn);
    }

    [Fact]
    public void AWithdrawnCandidateCannotBeChangedParkedUnparkedOrWithdrawnAgain()
    {
        var candidate = Register();
        candidate.Withdraw("verhuisd", Today, Now);

        AssertWithdrawnConflict(() => candidate.Change("NML", Profile(), Now));
        AssertWithdrawnConflict(() => candidate.Park(Today.AddDays(7), "opname", Today, Now));
        AssertWithdrawnConflict(() => candidate.Unpark(Today, Now));
        AssertWithdrawnConflict(() => candidate.Withdraw("nogmaals", Today, Now));
        Assert.Equal(Now, candidate.UpdatedAt);
    }

    [Fact]
    public void AWithdrawnParkedCandidateCannotBeUnparked()
    {
        var candidate = Register();
        candidate.Park(Today.AddDays(7), "opname", Today, Now);
        candidate.Withdraw("verhuisd", Today, Now);

        AssertWithdrawnConflict(() => candidate.Unpark(Today, Now));
    }

    // Profile rules

    [Theory]
    [InlineData(SupportNeed.Licht)]
    [InlineData(SupportNeed.Midden)]
    public void Needing24x7SupportNearbyRequiresAnIntensiefSupportNeed(SupportNeed need)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register(Profile(supportNeed: need, needs24x7Nearby: true)));

        Assert.Equal("needs24x7Nearby", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
    }

    [Fact]
    public void Needing24x7SupportNearbyWithAnIntensiefSupportNeedIsAccepted()
    {
        var candidate = Register(Profile(supportNeed: SupportNeed.Intensief, needs24x7Nearby: true));

        Assert.True(candidate.Needs24x7Nearby);
    }

    [Fact]
    public void AnUrgentCandidateNeedsAReason()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register(Profile(urgent: true, urgencyReason: null)));

        Assert.Equal("urgencyReason", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
    }

    [Fact]
    public void AnUrgencyReasonIsKeptOnlyForAnUrgentCandidate()
    {
        Assert.Equal(UrgencyReason.Veiligheid, Register(Profile(urgent: true, urgencyReason: UrgencyReason.Veiligheid)).UrgencyReason);
        Assert.Null(Register(Profile(urgent: false, urgencyReason: UrgencyReason.Veiligheid)).UrgencyReason);
    }

    [Fact]
    public void AMunicipalityCannotBeBothPreferredAndExcluded()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register(Profile(preferred: ["GM0983", "GM0889"], excluded: ["GM0889"])));

        Assert.Equal("excludedGemeenten", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
    }

    [Fact]
    public void PreferredAndExcludedOverlapIsFoundRegardlessOfCase()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Register(Profile(preferred: ["gm0983"], excluded: [" GM0983 "])));

        Assert.Equal("excludedGemeenten", violation.Field);
    }

    // Normalisation and defaults

    [Fact]
    public void GemeenteCodesAreNormalisedToUpperCase()
    {
        var candidate = Register(Profile(herkomst: " gm0983 ", preferred: ["gm0889", "Gm0957"], excluded: ["gm0988", "GM0944", "gm0988"]));

        Assert.Equal("GM0983", candidate.HerkomstGemeenteCode);
        Assert.Equal(["GM0889", "GM0957"], candidate.PreferredGemeenten);
        Assert.Equal(["GM0944", "GM0988"], candidate.ExcludedGemeenten);
    }

    [Fact]
    public void TheExternalReferenceIsTrimmed() =>
        Assert.Equal("REF-1", Register().ExternalReference);

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(1, 3, 3)]
    [InlineData(2, 10, 6)]
    public void RequiredBedroomsDefaultFromTheHousehold(int adults, int children, int expected) =>
        Assert.Equal(expected, Register(Profile(household: new Household(adults, children), requiredBedrooms: null)).RequiredBedrooms);

    [Fact]
    public void RequiredBedroomsGivenByTheProviderAreKept() =>
        Assert.Equal(2, Register(Profile(household: new Household(1, 0), requiredBedrooms: 2)).RequiredBedrooms);

    [Fact]
    public void AChangeAppliesTheNewProfileAndMovesTheUpdateTime()
    {
        var candidate = Register();
        var later = Now.AddDays(1);

        candidate.Change("LBG", Profile(herkomst: "gm0889", household: new Household(2, 2)), later);

        Assert.Equal("LBG", candidate.RegionCode);
        Assert.Equal("GM0889", candidate.HerkomstGemeenteCode);
        Assert.Equal(2, candidate.RequiredBedrooms);
        Assert.Equal(Now, candidate.CreatedAt);
        Assert.Equal(later, candidate.UpdatedAt);
    }

    [Fact]
    public void ARefusedChangeLeavesTheCandidateAsItWas()
    {
        var candidate = Register();

        Assert.Throws<DomainRuleViolation>(() => candidate.Change("OTHER", Profile(needs24x7Nearby: true), Now.AddDays(1)));

        Assert.Equal("NML", candidate.RegionCode);
        Assert.Equal(Now, candidate.UpdatedAt);
    }
}
