using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Tests.Matches;

public sealed class MatchStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid MatchId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid OwnerOrg = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid ProviderOrg = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Actor Matchingspunt = new("Matchingspunt", null, Guid.Parse("44444444-4444-4444-4444-444444444444"));
    private static readonly Actor Owner = new("Woningcorporatie", OwnerOrg, Guid.Parse("55555555-5555-5555-5555-555555555555"));

    private static readonly DeclineReason KandidaatWeigert = DeclineReasons.Find("kandidaat-weigert-passend-aanbod")!;
    private static readonly DeclineReason VerhuurderHuurschuld = DeclineReasons.Find("verhuurder-huurschuld")!;

    /// <summary>The transitions the workflow allows, written out independently of <see cref="Match.Allowed"/>.</summary>
    private static readonly HashSet<(MatchStatus From, MatchStatus To)> Expected =
    [
        (MatchStatus.Proposed, MatchStatus.Nominated),
        (MatchStatus.Nominated, MatchStatus.Accepted),
        (MatchStatus.Accepted, MatchStatus.Contracted),
        .. from f in new[] { MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted }
           from t in new[] { MatchStatus.Declined, MatchStatus.Expired, MatchStatus.Withdrawn }
           select (f, t),
    ];

    private static MatchStatus[] AllStatuses => Enum.GetValues<MatchStatus>();

    public static TheoryData<MatchStatus> Statuses()
    {
        var data = new TheoryData<MatchStatus>();
        foreach (var s in AllStatuses) data.Add(s);
        return data;
    }

    public static TheoryData<MatchStatus> ActiveStates() => [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted];

    /// <summary>Every (from, to) pair of statuses where "to" is reachable by a method, i.e. all but to = Proposed.</summary>
    public static TheoryData<MatchStatus, MatchStatus> TransitionPairs()
    {
        var data = new TheoryData<MatchStatus, MatchStatus>();
        foreach (var from in AllStatuses)
        {
            foreach (var to in AllStatuses.Where(t => t != MatchStatus.Proposed)) data.Add(from, to);
        }
        return data;
    }

    private static Match NewMatch(Actor? proposedBy = null, DateTimeOffset? dueAt = null, string? overrideReason = null) =>
        Match.Propose(MatchId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "RG01", "GM0363", "GM0983",
            OwnerOrg, ProviderOrg, 72.5, "{}", T0, proposedBy, dueAt ?? T0.AddDays(7), overrideReason);

    /// <summary>A match brought into <paramref name="state"/> through the public API only.</summary>
    private static Match MatchIn(MatchStatus state)
    {
        var match = NewMatch();
        switch (state)
        {
            case MatchStatus.Proposed:
                break;
            case MatchStatus.Nominated:
                match.Nominate(Matchingspunt, T0.AddHours(1), T0.AddDays(14));
                break;
            case MatchStatus.Accepted:
                match.Nominate(Matchingspunt, T0.AddHours(1), T0.AddDays(14));
                match.Accept(Owner, T0.AddHours(2), T0.AddDays(21));
                break;
            case MatchStatus.Contracted:
                match.Nominate(Matchingspunt, T0.AddHours(1), T0.AddDays(14));
                match.Accept(Owner, T0.AddHours(2), T0.AddDays(21));
                match.Contract(Owner, T0.AddHours(3));
                break;
            case MatchStatus.Declined:
                match.Decline(Owner, DeclineParty.Verhuurder, VerhuurderHuurschuld, null, 0, T0.AddHours(1));
                break;
            case MatchStatus.Expired:
                match.Expire(T0.AddHours(1));
                break;
            case MatchStatus.Withdrawn:
                match.Withdraw(Matchingspunt, "dubbel voorgesteld", T0.AddHours(1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }
        Assert.Equal(state, match.Status);
        return match;
    }

    /// <summary>Attempts the transition to <paramref name="to"/> by its method; returns the actor it used.</summary>
    private static Actor Attempt(Match match, MatchStatus to, DateTimeOffset at)
    {
        switch (to)
        {
            case MatchStatus.Nominated:
                match.Nominate(Matchingspunt, at, at.AddDays(14));
                return Matchingspunt;
            case MatchStatus.Accepted:
                match.Accept(Owner, at, at.AddDays(21));
                return Owner;
            case MatchStatus.Contracted:
                match.Contract(Owner, at);
                return Owner;
            case MatchStatus.Declined:
                match.Decline(Owner, DeclineParty.Verhuurder, VerhuurderHuurschuld, "  openstaande schuld  ", 0, at);
                return Owner;
            case MatchStatus.Expired:
                match.Expire(at);
                return Actor.System;
            case MatchStatus.Withdrawn:
                match.Withdraw(Matchingspunt, "  woning vervalt  ", at);
                return Matchingspunt;
            default:
                throw new ArgumentOutOfRangeException(nameof(to), to, "No method moves a match to this state.");
        }
    }

    private static string? ExpectedReason(MatchStatus from, MatchStatus to) => to switch
    {
        MatchStatus.Declined => "verhuurder-huurschuld: openstaande schuld",
        MatchStatus.Expired => $"deadline-verstreken ({from})",
        MatchStatus.Withdrawn => "woning vervalt",
        _ => null,
    };

    [Fact]
    public void AllowedMatchesTheDocumentedWorkflowForEveryPair()
    {
        foreach (var from in AllStatuses)
        {
            foreach (var to in AllStatuses)
            {
                Assert.True(Expected.Contains((from, to)) == Match.Allowed(to).Contains(from), $"Allowed({to}) disagrees about {from}.");
            }
        }
    }

    [Fact]
    public void NothingCanMoveBackToProposed()
    {
        Assert.Empty(Match.Allowed(MatchStatus.Proposed));
        foreach (var from in AllStatuses) Assert.False(MatchIn(from).CanMoveTo(MatchStatus.Proposed));
    }

    [Theory]
    [MemberData(nameof(TransitionPairs))]
    public void ATransitionSucceedsExactlyWhenAllowedFromTheCurrentState(MatchStatus from, MatchStatus to)
    {
        var match = MatchIn(from);
        var allowed = Match.Allowed(to).Contains(from);
        Assert.Equal(allowed, match.CanMoveTo(to));

        var before = match.History.Count;
        var dueBefore = match.DueAt;
        var updatedBefore = match.UpdatedAt;
        var at = T0.AddDays(1);

        if (allowed)
        {
            var actor = Attempt(match, to, at);

            Assert.Equal(to, match.Status);
            Assert.Equal(at, match.UpdatedAt);
            Assert.Equal(before + 1, match.History.Count);
            var step = match.History[^1];
            Assert.Equal(MatchId, step.MatchId);
            Assert.Equal(from, step.From);
            Assert.Equal(to, step.To);
            Assert.Equal(actor.Role, step.ActorRole);
            Assert.Equal(actor.OrganisationId, step.ActorOrganisationId);
            Assert.Equal(at, step.At);
            Assert.Equal(ExpectedReason(from, to), step.Reason);
        }
        else
        {
            var error = Assert.Throws<DomainRuleViolation>(() => Attempt(match, to, at));

            Assert.Equal("invalid-transition", error.Code);
            Assert.Equal(DomainRuleKind.StateConflict, error.Kind);
            Assert.Contains(from.ToString(), error.Message);
            Assert.Contains(to.ToString(), error.Message);
            Assert.Equal(from, match.Status);
            Assert.Equal(before, match.History.Count);
            Assert.Equal(dueBefore, match.DueAt);
            Assert.Equal(updatedBefore, match.UpdatedAt);
        }
    }

    [Fact]
    public void TheFullHappyPathIsRecordedStepByStep()
    {
        var match = MatchIn(MatchStatus.Contracted);

        Assert.Collection(match.History,
            s => { Assert.Null(s.From); Assert.Equal(MatchStatus.Proposed, s.To); },
            s => { Assert.Equal(MatchStatus.Proposed, s.From); Assert.Equal(MatchStatus.Nominated, s.To); Assert.Equal(T0.AddHours(1), s.At); },
            s => { Assert.Equal(MatchStatus.Nominated, s.From); Assert.Equal(MatchStatus.Accepted, s.To); Assert.Equal(T0.AddHours(2), s.At); },
            s => { Assert.Equal(MatchStatus.Accepted, s.From); Assert.Equal(MatchStatus.Contracted, s.To); Assert.Equal(T0.AddHours(3), s.At); });
    }

    [Fact]
    public void ProposeRecordsTheFirstStepFromNothingWithTheTrimmedOverrideReason()
    {
        var match = NewMatch(Matchingspunt, overrideReason: "  handmatig: urgent  ");

        Assert.Equal(MatchStatus.Proposed, match.Status);
        Assert.Equal("handmatig: urgent", match.OverrideReason);
        Assert.Equal(T0, match.CreatedAt);
        Assert.Equal(T0, match.UpdatedAt);
        var step = Assert.Single(match.History);
        Assert.Equal(MatchId, step.MatchId);
        Assert.Null(step.From);
        Assert.Equal(MatchStatus.Proposed, step.To);
        Assert.Equal(Matchingspunt.Role, step.ActorRole);
        Assert.Equal(Matchingspunt.OrganisationId, step.ActorOrganisationId);
        Assert.Equal(T0, step.At);
        Assert.Equal("handmatig: urgent", step.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ProposeWithoutAnOverrideReasonIsBySystemAndRecordsNoReason(string? overrideReason)
    {
        var match = NewMatch(overrideReason: overrideReason);

        Assert.Null(match.OverrideReason);
        var step = Assert.Single(match.History);
        Assert.Equal(Actor.System.Role, step.ActorRole);
        Assert.Null(step.ActorOrganisationId);
        Assert.Null(step.Reason);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(100.1)]
    public void ProposeRefusesAScoreOutside0To100(double score)
    {
        var error = Assert.Throws<DomainRuleViolation>(() => Match.Propose(MatchId, Guid.NewGuid(), Guid.NewGuid(), null, "RG01",
            "GM0363", "GM0983", OwnerOrg, ProviderOrg, score, "{}", T0));

        Assert.Equal("invalid-score", error.Code);
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void IsActiveHoldsExactlyForProposedNominatedAndAccepted(MatchStatus status)
    {
        var expected = status is MatchStatus.Proposed or MatchStatus.Nominated or MatchStatus.Accepted;

        Assert.Equal(expected, MatchIn(status).IsActive);
    }

    [Fact]
    public void NominateAndAcceptSetTheDeadlineAndContractClearsIt()
    {
        var match = NewMatch(dueAt: T0.AddDays(7));
        Assert.Equal(T0.AddDays(7), match.DueAt);

        match.Nominate(Matchingspunt, T0.AddHours(1), T0.AddDays(14));
        Assert.Equal(T0.AddDays(14), match.DueAt);

        match.Accept(Owner, T0.AddHours(2), T0.AddDays(21));
        Assert.Equal(T0.AddDays(21), match.DueAt);

        match.Contract(Owner, T0.AddHours(3));
        Assert.Null(match.DueAt);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void DeclineExpireAndWithdrawClearTheDeadline(MatchStatus from)
    {
        var declined = MatchIn(from);
        var expired = MatchIn(from);
        var withdrawn = MatchIn(from);
        Assert.NotNull(declined.DueAt);

        declined.Decline(Owner, DeclineParty.Verhuurder, VerhuurderHuurschuld, null, 0, T0.AddDays(1));
        expired.Expire(T0.AddDays(1));
        withdrawn.Withdraw(Matchingspunt, "reden", T0.AddDays(1));

        Assert.Null(declined.DueAt);
        Assert.Null(expired.DueAt);
        Assert.Null(withdrawn.DueAt);
    }

    [Fact]
    public void DeclineStoresWhoDeclinedWhyTheTrimmedNoteAndTheParking()
    {
        var match = MatchIn(MatchStatus.Nominated);

        match.Decline(Matchingspunt, DeclineParty.Kandidaat, KandidaatWeigert, "  wil niet naar Noord  ", 45, T0.AddDays(1));

        Assert.Equal(MatchStatus.Declined, match.Status);
        Assert.Equal(DeclineParty.Kandidaat, match.DeclinedBy);
        Assert.Equal("kandidaat-weigert-passend-aanbod", match.DeclineReasonCode);
        Assert.Equal("wil niet naar Noord", match.DeclineNote);
        Assert.Equal(45, match.ParkDays);
        Assert.Equal("kandidaat-weigert-passend-aanbod: wil niet naar Noord", match.History[^1].Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void DeclineWithoutANoteStoresNoNoteAndRecordsOnlyTheCode(string? note)
    {
        var match = MatchIn(MatchStatus.Proposed);

        match.Decline(Owner, DeclineParty.Verhuurder, VerhuurderHuurschuld, note, 0, T0.AddDays(1));

        Assert.Null(match.DeclineNote);
        Assert.Equal(0, match.ParkDays);
        Assert.Equal("verhuurder-huurschuld", match.History[^1].Reason);
    }

    [Fact]
    public void DeclineWithAReasonOfAnotherPartyIsRefusedOnTheReasonCode()
    {
        var match = MatchIn(MatchStatus.Nominated);

        var error = Assert.Throws<DomainRuleViolation>(() =>
            match.Decline(Owner, DeclineParty.Verhuurder, KandidaatWeigert, null, 0, T0.AddDays(1)));

        Assert.Equal("reason-not-for-party", error.Code);
        Assert.Equal("reasonCode", error.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, error.Kind);
        Assert.Equal(MatchStatus.Nominated, match.Status);
        Assert.Null(match.DeclinedBy);
        Assert.Equal(2, match.History.Count);
    }

    [Fact]
    public void DeclineWithNegativeParkDaysIsRefused()
    {
        var match = MatchIn(MatchStatus.Accepted);

        var error = Assert.Throws<DomainRuleViolation>(() =>
            match.Decline(Matchingspunt, DeclineParty.Kandidaat, KandidaatWeigert, null, -1, T0.AddDays(1)));

        Assert.Equal("invalid-park-days", error.Code);
        Assert.Equal("parkDays", error.Field);
        Assert.Equal(MatchStatus.Accepted, match.Status);
        Assert.Null(match.ParkDays);
    }

    [Theory]
    [MemberData(nameof(ActiveStates))]
    public void ExpireStoresTheDeadlineCodeAndRecordsTheStateItWaitedIn(MatchStatus waitingIn)
    {
        var match = MatchIn(waitingIn);

        match.Expire(T0.AddDays(30));

        Assert.Equal(MatchStatus.Expired, match.Status);
        Assert.Equal("deadline-verstreken", match.DeclineReasonCode);
        Assert.Equal(DeclineReasons.ExpiredCode, match.DeclineReasonCode);
        Assert.Equal(0, match.ParkDays);
        var step = match.History[^1];
        Assert.Equal(waitingIn, step.From);
        Assert.Equal(MatchStatus.Expired, step.To);
        Assert.Equal(Actor.System.Role, step.ActorRole);
        Assert.Null(step.ActorOrganisationId);
        Assert.Equal($"deadline-verstreken ({waitingIn})", step.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void WithdrawNeedsAReason(string reason)
    {
        var match = MatchIn(MatchStatus.Nominated);

        var error = Assert.Throws<DomainRuleViolation>(() => match.Withdraw(Matchingspunt, reason, T0.AddDays(1)));

        Assert.Equal("withdraw-reason-required", error.Code);
        Assert.Equal("reason", error.Field);
        Assert.Equal(MatchStatus.Nominated, match.Status);
        Assert.Equal(2, match.History.Count);
    }

    [Fact]
    public void WithdrawRecordsTheTrimmedReason()
    {
        var match = MatchIn(MatchStatus.Accepted);

        match.Withdraw(Matchingspunt, "  kandidaat verhuisd  ", T0.AddDays(1));

        Assert.Equal(MatchStatus.Withdrawn, match.Status);
        Assert.Equal("kandidaat verhuisd", match.History[^1].Reason);
    }
}
