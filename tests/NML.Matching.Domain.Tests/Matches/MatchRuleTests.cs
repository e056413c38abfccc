using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Matches;
using static NML.Matching.Domain.Tests.RuleViolations;

namespace NML.Matching.Domain.Tests.Matches;

/// <summary>
/// The match's own rules beside its transitions (docs/api.md, "Matches" and "Errors"): the score range, the decline's
/// reason and parking, the withdrawal's reason, and one deadline warning per deadline.
/// </summary>
public sealed class MatchRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Matchingspunt = new("Matchingspunt", null, Guid.NewGuid());

    private static Match Propose(double score = 72.5, DateTimeOffset? dueAt = null) =>
        Match.Propose(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "NML", "GM0983", "GM0983",
            Guid.NewGuid(), Guid.NewGuid(), score, "{}", T0, dueAt: dueAt);

    /// <summary>docs/matching.md §2: "The score is 0-100", both ends included.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(100.0)]
    public void AScoreAtEitherEndOfTheRangeIsAccepted(double score) => Assert.Equal(score, Propose(score).Score);

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void AScoreOutsideTheRangeIsRefusedWithAnExplanation(double score)
    {
        var violation = Assert.Throws<Common.DomainRuleViolation>(() => Propose(score));
        Assert.Equal("invalid-score", violation.Code);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
    }

    /// <summary>docs/api.md: the reason must be "one of that party's codes"; backstop code reason-not-for-party on reasonCode.</summary>
    [Fact]
    public void AReasonOfAnotherPartyIsRefusedAndNamesBoth()
    {
        var match = Propose();
        var verhuurder = DeclineReasons.Find("verhuurder-huurschuld")!;

        var violation = AssertInvalidInput(
            () => match.Decline(Matchingspunt, DeclineParty.Kandidaat, verhuurder, null, 0, T0), "reason-not-for-party", "reasonCode");

        Assert.Contains("verhuurder-huurschuld", violation.Message);
        Assert.Contains("Kandidaat", violation.Message);
        Assert.Equal(MatchStatus.Proposed, match.Status);
    }

    /// <summary>docs/api.md: parkDays is 0–365; a negative one is the backstop invalid-park-days on parkDays, 0 is allowed.</summary>
    [Fact]
    public void NegativeParkDaysAreRefusedAndZeroIsAllowed()
    {
        var reason = DeclineReasons.Find("kandidaat-niet-bereikbaar")!;
        var refused = Propose();
        var declined = Propose();

        AssertInvalidInput(() => refused.Decline(Matchingspunt, DeclineParty.Kandidaat, reason, null, -1, T0), "invalid-park-days", "parkDays");
        declined.Decline(Matchingspunt, DeclineParty.Kandidaat, reason, null, 0, T0);

        Assert.Equal(MatchStatus.Proposed, refused.Status);
        Assert.Equal(0, declined.ParkDays);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AWithdrawalNeedsAReason(string reason) =>
        AssertInvalidInput(() => Propose().Withdraw(Matchingspunt, reason, T0), "withdraw-reason-required", "reason");

    /// <summary>docs/api.md, "Deadline warning": one warning per deadline; every transition sets a new deadline and with it the chance of a new warning.</summary>
    [Fact]
    public void ADeadlineIsWarnedAboutOnceAndANewDeadlineAgain()
    {
        var match = Propose(dueAt: T0.AddDays(7));

        Assert.True(match.WarnDeadline(T0.AddDays(6)));
        Assert.Equal(T0.AddDays(6), match.DeadlineWarnedAt);
        Assert.False(match.WarnDeadline(T0.AddDays(6).AddHours(1)));
        Assert.Equal(T0.AddDays(6), match.DeadlineWarnedAt);

        match.Nominate(Matchingspunt, T0.AddDays(6).AddHours(2), T0.AddDays(14));
        Assert.Null(match.DeadlineWarnedAt);
        Assert.True(match.WarnDeadline(T0.AddDays(13)));
    }

    /// <summary>A match without a deadline (contracted, or one that ended) has nothing to warn about.</summary>
    [Fact]
    public void AMatchWithoutADeadlineOrThatEndedIsNotWarnedAbout()
    {
        var withoutDeadline = Propose(dueAt: null);
        var ended = Propose(dueAt: T0.AddDays(7));
        ended.Withdraw(Matchingspunt, "dubbel", T0);
        var contracted = Propose(dueAt: T0.AddDays(7));
        contracted.Nominate(Matchingspunt, T0, T0.AddDays(7));
        contracted.Accept(Matchingspunt, T0, T0.AddDays(7));
        contracted.Contract(Matchingspunt, T0);

        Assert.False(withoutDeadline.WarnDeadline(T0));
        Assert.False(ended.WarnDeadline(T0));
        Assert.False(contracted.WarnDeadline(T0));
        Assert.Null(withoutDeadline.DeadlineWarnedAt);
        Assert.Null(ended.DeadlineWarnedAt);
        Assert.Null(contracted.DeadlineWarnedAt);
    }

    /// <summary>docs/api.md: GET /matches/decline-reasons gives each reason's code, party, side, defaultParkDays and description.</summary>
    [Fact]
    public void EveryDeclineReasonHasADescription()
    {
        Assert.NotEmpty(DeclineReasons.All);
        Assert.All(DeclineReasons.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Description), r.Code));
    }
}
