using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// The anonymisation of the retention job (docs/security.md, Data retention): what is cleared from a candidate
/// and its matches, and what the statistics keep.
/// </summary>
public sealed class RetentionTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddMonths(25);
    private static readonly Actor Matchingspunt = new("Matchingspunt", Guid.Parse("44444444-4444-4444-4444-444444444444"), Guid.NewGuid());
    private static readonly Actor Owner = new("Corporatie", Guid.Parse("55555555-5555-5555-5555-555555555555"), Guid.NewGuid());
    private static readonly Actor Provider = new("Zorgaanbieder", Guid.Parse("66666666-6666-6666-6666-666666666666"), Guid.NewGuid());

    private const string Reference = "ZA-Horizon-0042";
    private const string ParkText = "Opname in kliniek De Kempen";
    private const string WithdrawText = "Verhuisd naar haar zus in Tegelen";
    private const string DeclineText = "Mevrouw wil niet naast haar ex-partner wonen";
    private const string OverrideText = "Persoonlijke situatie van mevrouw";

    private static CandidateProfile Profile() => new(
        ExternalReference: Reference,
        HerkomstGemeenteCode: "GM0983",
        CurrentSetting: CurrentSetting.BeschermdWonen,
        AgeBand: AgeBand.Age27To49,
        Household: new Household(1, 2),
        RequiredBedrooms: 3,
        MaxRent: 750m,
        Accessibility: new AccessibilityNeeds(true, false),
        SupportNeed: SupportNeed.Intensief,
        Needs24x7Nearby: true,
        SupportHoursPerWeek: 12,
        SupportGuaranteed: true,
        PrikkelarmNeed: PrikkelarmNeed.Required,
        PreferredGemeenten: ["GM0983", "GM0984"],
        ExcludedGemeenten: ["GM0957"],
        TargetGroups: [TargetGroup.HuiselijkGeweld, TargetGroup.Gezin],
        ReadySince: Today.AddDays(-40),
        Urgent: true,
        UrgencyReason: UrgencyReason.Veiligheid);

    private static Candidate Register() => Candidate.Register(Guid.NewGuid(), Guid.NewGuid(), "NML", Profile(), Now);

    /// <summary>A candidate that was parked (with a reason), and then withdrawn with a reason.</summary>
    private static Candidate Withdrawn()
    {
        var candidate = Register();
        candidate.Park(Today.AddDays(30), ParkText, Today, Now.AddHours(1));
        Assert.Equal(ParkText, candidate.ParkReason);
        candidate.Withdraw(WithdrawText, Today, Now.AddHours(2));
        return candidate;
    }

    /// <summary>A candidate that was released from a match and parked (with a reason), then matched again and housed.</summary>
    private static Candidate Housed()
    {
        var candidate = Register();
        candidate.MarkMatched(Today, Now.AddHours(1));
        candidate.ReleaseFromMatch(Today.AddDays(14), ParkText, Now.AddHours(2));
        Assert.Equal(ParkText, candidate.ParkReason);
        candidate.MarkMatched(Today.AddDays(14), Now.AddDays(14));
        candidate.MarkHoused(Now.AddDays(20));
        return candidate;
    }

    public static TheoryData<string> LeftTheQueue() => ["withdrawn", "housed"];

    private static Candidate LeftTheQueueBy(string how) => how == "withdrawn" ? Withdrawn() : Housed();

    [Theory]
    [MemberData(nameof(LeftTheQueue))]
    public void AnonymisingClearsTheReferenceTheFreeTextAndTheIdentifyingDetails(string how)
    {
        var candidate = LeftTheQueueBy(how);
        Assert.Equal(Reference, candidate.ExternalReference);
        Assert.NotEmpty(candidate.PreferredGemeenten);
        Assert.NotEmpty(candidate.ExcludedGemeenten);
        Assert.NotEmpty(candidate.TargetGroups);
        Assert.NotNull(candidate.SupportHoursPerWeek);

        candidate.Anonymise(Later);

        Assert.Equal($"geanonimiseerd-{candidate.Id:N}", candidate.ExternalReference);
        Assert.Null(candidate.ParkReason);
        Assert.Empty(candidate.PreferredGemeenten);
        Assert.Empty(candidate.ExcludedGemeenten);
        Assert.Empty(candidate.TargetGroups);
        Assert.Null(candidate.SupportHoursPerWeek);
        Assert.Equal(Later, candidate.AnonymisedAt);
        Assert.Equal(Later, candidate.UpdatedAt);
    }

    [Fact]
    public void TheWithdrawReasonIsReplacedByTheMarker()
    {
        var candidate = Withdrawn();
        Assert.Equal(WithdrawText, candidate.WithdrawReason);

        candidate.Anonymise(Later);

        // docs/security.md: the withdraw reason is cleared; a withdrawn candidate keeps the fixed word, not the text.
        Assert.Equal("geanonimiseerd", candidate.WithdrawReason);
    }

    [Fact]
    public void AHousedCandidateHasNoWithdrawReasonBeforeOrAfter()
    {
        var candidate = Housed();

        candidate.Anonymise(Later);

        Assert.Null(candidate.WithdrawReason);
    }

    [Theory]
    [MemberData(nameof(LeftTheQueue))]
    public void AnonymisingKeepsWhatTheStatisticsNeed(string how)
    {
        var candidate = LeftTheQueueBy(how);
        var withdrawnAt = candidate.WithdrawnAt;
        var placement = candidate.Placement;
        var status = candidate.StatusOn(Today.AddDays(60));

        candidate.Anonymise(Later);

        Assert.Equal("GM0983", candidate.HerkomstGemeenteCode);
        Assert.Equal("NML", candidate.RegionCode);
        Assert.Equal(CurrentSetting.BeschermdWonen, candidate.CurrentSetting);
        Assert.Equal(AgeBand.Age27To49, candidate.AgeBand);
        Assert.Equal(new Household(1, 2), candidate.Household);
        Assert.Equal(SupportNeed.Intensief, candidate.SupportNeed);
        Assert.Equal(PrikkelarmNeed.Required, candidate.PrikkelarmNeed);
        Assert.Equal(new AccessibilityNeeds(true, false), candidate.Accessibility);
        Assert.True(candidate.Urgent);
        Assert.Equal(UrgencyReason.Veiligheid, candidate.UrgencyReason);
        Assert.Equal(Today.AddDays(-40), candidate.ReadySince);
        Assert.Equal(Now, candidate.CreatedAt);
        Assert.Equal(withdrawnAt, candidate.WithdrawnAt);
        Assert.Equal(placement, candidate.Placement);
        Assert.Equal(status, candidate.StatusOn(Today.AddDays(60)));
    }

    [Fact]
    public void ACandidateStillInTheQueueIsNotAnonymised()
    {
        var candidate = Register();
        candidate.Park(Today.AddDays(30), ParkText, Today, Now.AddHours(1));

        var error = Assert.Throws<DomainRuleViolation>(() => candidate.Anonymise(Later));

        Assert.Equal("candidate-active", error.Code);
        Assert.Equal(DomainRuleKind.StateConflict, error.Kind);
        Assert.Equal(Reference, candidate.ExternalReference);
        Assert.Equal(ParkText, candidate.ParkReason);
        Assert.Null(candidate.AnonymisedAt);
    }

    [Fact]
    public void AMatchedCandidateIsNotAnonymised()
    {
        var candidate = Register();
        candidate.MarkMatched(Today, Now.AddHours(1));

        Assert.Equal("candidate-active", Assert.Throws<DomainRuleViolation>(() => candidate.Anonymise(Later)).Code);
        Assert.Equal(12, candidate.SupportHoursPerWeek);
    }

    [Fact]
    public void AnonymisingTwiceChangesNothingTheSecondTime()
    {
        var candidate = Withdrawn();
        candidate.Anonymise(Later);

        candidate.Anonymise(Later.AddDays(1));

        Assert.Equal(Later, candidate.AnonymisedAt);
        Assert.Equal(Later, candidate.UpdatedAt);
    }

    // ---- Matches ----

    private static Match Proposed(string? overrideReason) =>
        Match.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "NML", "GM0983", "GM0983", Owner.OrganisationId!.Value,
            Provider.OrganisationId!.Value, 61.5, """{"score":61.5,"overrideReason":"Persoonlijke situatie van mevrouw"}""", Now, Matchingspunt,
            Now.AddDays(7), overrideReason);

    [Fact]
    public void RedactingAMatchClearsTheDeclineNoteTheOverrideReasonAndEveryReasonInItsHistory()
    {
        var match = Proposed(OverrideText);
        match.Nominate(Matchingspunt, Now.AddHours(1), Now.AddDays(14));
        match.Decline(Provider, DeclineParty.Kandidaat, DeclineReasons.Find("kandidaat-weigert-passend-aanbod")!, DeclineText, 30, Now.AddHours(2));
        Assert.Equal(DeclineText, match.DeclineNote);
        Assert.Equal(OverrideText, match.OverrideReason);
        Assert.Contains(match.History, t => t.Reason is not null && t.Reason.Contains(DeclineText, StringComparison.Ordinal));
        Assert.Contains(match.History, t => t.Reason == OverrideText);

        match.RedactFreeText("""{"score":61.5}""", Later);

        Assert.Null(match.DeclineNote);
        Assert.Null(match.OverrideReason);
        Assert.Equal("""{"score":61.5}""", match.Snapshot);
        Assert.Equal(3, match.History.Count);
        Assert.All(match.History, t => Assert.True(t.Reason is null or "geanonimiseerd", $"Reason left: {t.Reason}"));
        Assert.Equal(Later, match.UpdatedAt);
        // The facts stay: status, who declined, the reason code and the parking period.
        Assert.Equal(MatchStatus.Declined, match.Status);
        Assert.Equal(DeclineParty.Kandidaat, match.DeclinedBy);
        Assert.Equal("kandidaat-weigert-passend-aanbod", match.DeclineReasonCode);
        Assert.Equal(30, match.ParkDays);
        Assert.Equal(61.5, match.Score);
    }

    [Fact]
    public void RedactingAWithdrawnMatchClearsTheWithdrawReasonInItsHistory()
    {
        var match = Proposed(null);
        match.Withdraw(Matchingspunt, "Mevrouw is opgenomen", Now.AddHours(1));
        Assert.Contains(match.History, t => t.Reason == "Mevrouw is opgenomen");

        match.RedactFreeText(match.Snapshot, Later);

        Assert.DoesNotContain(match.History, t => t.Reason is not null && t.Reason.Contains("Mevrouw", StringComparison.Ordinal));
        Assert.Equal(MatchStatus.Withdrawn, match.Status);
    }
}
