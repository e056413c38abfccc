using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Tests.Matches;

/// <summary>
/// The events a match raises, one per step of the workflow in docs/api.md ("Statuses and transitions") and one per
/// deadline warning ("Deadline warning"): the outbox writes exactly these, so a step without its event would be a
/// change that no receiver hears of. The allowed steps are written out here from that table, not taken from
/// <see cref="Match.Allowed"/>.
/// </summary>
public sealed class MatchEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due0 = T0.AddDays(7);
    private static readonly Guid MatchId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Actor Matchingspunt = new("Matchingspunt", Guid.Parse("44444444-4444-4444-4444-444444444444"), null);
    private static readonly Actor Owner = new("Corporatie", Guid.Parse("22222222-2222-2222-2222-222222222222"), null);
    private static readonly DeclineReason VerhuurderHuurschuld = DeclineReasons.Find("verhuurder-huurschuld")!;

    private static readonly MatchStatus[] Active = [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted];

    /// <summary>Every step the table allows: (from, to).</summary>
    public static TheoryData<MatchStatus, MatchStatus> AllowedSteps()
    {
        var data = new TheoryData<MatchStatus, MatchStatus>
        {
            { MatchStatus.Proposed, MatchStatus.Nominated },
            { MatchStatus.Nominated, MatchStatus.Accepted },
            { MatchStatus.Accepted, MatchStatus.Contracted },
        };
        foreach (var from in Active)
        {
            data.Add(from, MatchStatus.Declined);
            data.Add(from, MatchStatus.Expired);
            data.Add(from, MatchStatus.Withdrawn);
        }
        return data;
    }

    private static Match NewMatch() =>
        Match.Propose(MatchId, Guid.NewGuid(), Guid.NewGuid(), null, "NML", "GM0983", "GM0983",
            Owner.OrganisationId!.Value, Guid.NewGuid(), 70, "{}", T0, Matchingspunt, Due0);

    /// <summary>A match in an active state, its earlier events taken (as a save would).</summary>
    private static Match MatchIn(MatchStatus state)
    {
        var match = NewMatch();
        if (state is MatchStatus.Nominated or MatchStatus.Accepted) match.Nominate(Matchingspunt, T0.AddHours(1), T0.AddDays(14));
        if (state is MatchStatus.Accepted) match.Accept(Owner, T0.AddHours(2), T0.AddDays(30));
        Assert.Equal(state, match.Status);
        match.ClearDomainEvents();
        return match;
    }

    /// <summary>Takes the step to <paramref name="to"/> at <paramref name="at"/>; returns the deadline the step sets (null for none).</summary>
    private static DateTimeOffset? Step(Match match, MatchStatus to, DateTimeOffset at)
    {
        switch (to)
        {
            case MatchStatus.Nominated:
                match.Nominate(Matchingspunt, at, at.AddDays(14));
                return at.AddDays(14);
            case MatchStatus.Accepted:
                match.Accept(Owner, at, at.AddDays(30));
                return at.AddDays(30);
            case MatchStatus.Contracted:
                match.Contract(Owner, at);
                return null;
            case MatchStatus.Declined:
                match.Decline(Owner, DeclineParty.Verhuurder, VerhuurderHuurschuld, null, 0, at);
                return null;
            case MatchStatus.Expired:
                match.Expire(at);
                return null;
            case MatchStatus.Withdrawn:
                match.Withdraw(Matchingspunt, "woning vervalt", at);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(to), to, "No method moves a match to this state.");
        }
    }

    [Fact]
    public void AProposalRaisesOneProposedEventWithItsDeadline()
    {
        var match = NewMatch();

        var changed = Assert.IsType<MatchStatusChanged>(Assert.Single(match.DomainEvents));
        Assert.Equal((MatchId, MatchStatus.Proposed, (DateTimeOffset?)Due0, T0), (changed.MatchId, changed.Status, changed.DueAt, changed.OccurredAt));
    }

    [Theory]
    [MemberData(nameof(AllowedSteps))]
    public void EveryAllowedStepRaisesExactlyOneEventWithTheNewStatusAndDeadline(MatchStatus from, MatchStatus to)
    {
        var match = MatchIn(from);
        var at = T0.AddHours(5);

        var dueAt = Step(match, to, at);

        var changed = Assert.IsType<MatchStatusChanged>(Assert.Single(match.DomainEvents));
        Assert.Equal(MatchId, changed.MatchId);
        Assert.Equal(to, changed.Status);
        Assert.Equal(dueAt, changed.DueAt);
        Assert.Equal(at, changed.OccurredAt);
    }

    [Theory]
    [InlineData(MatchStatus.Proposed, MatchStatus.Accepted)]
    [InlineData(MatchStatus.Nominated, MatchStatus.Contracted)]
    [InlineData(MatchStatus.Accepted, MatchStatus.Nominated)]
    public void ARefusedStepRaisesNothing(MatchStatus from, MatchStatus to)
    {
        var match = MatchIn(from);

        Assert.Throws<DomainRuleViolation>(() => Step(match, to, T0.AddHours(5)));

        Assert.Empty(match.DomainEvents);
        // Positive control: a step the status allows raises its event.
        Step(match, MatchStatus.Withdrawn, T0.AddHours(6));
        Assert.Single(match.DomainEvents);
    }

    [Theory]
    [InlineData(MatchStatus.Contracted)]
    [InlineData(MatchStatus.Declined)]
    [InlineData(MatchStatus.Expired)]
    [InlineData(MatchStatus.Withdrawn)]
    public void NoStepFromAFinalStateRaisesAnything(MatchStatus final)
    {
        var match = MatchIn(final == MatchStatus.Contracted ? MatchStatus.Accepted : MatchStatus.Proposed);
        Step(match, final, T0.AddHours(5));
        Assert.Single(match.DomainEvents);
        match.ClearDomainEvents();

        foreach (var to in new[] { MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted, MatchStatus.Declined, MatchStatus.Expired, MatchStatus.Withdrawn })
            Assert.Throws<DomainRuleViolation>(() => Step(match, to, T0.AddHours(6)));

        Assert.Empty(match.DomainEvents);
    }

    [Fact]
    public void SeveralStepsAtTheSameMomentRaiseTheirEventsInTheOrderTheyHappened()
    {
        var match = NewMatch();
        Step(match, MatchStatus.Nominated, T0);
        Step(match, MatchStatus.Accepted, T0);
        Step(match, MatchStatus.Contracted, T0);

        var statuses = match.DomainEvents.Cast<MatchStatusChanged>().Select(e => e.Status).ToList();
        Assert.Equal([MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted], statuses);
        // All four share a moment; their order numbers still increase in the order they were raised.
        Assert.All(match.DomainEvents, e => Assert.Equal(T0, e.OccurredAt));
        var orders = match.DomainEvents.Select(e => e.Order).ToList();
        Assert.Equal(orders.Order(), orders);
        Assert.Equal(orders.Count, orders.Distinct().Count());
    }

    [Fact]
    public void ClearingTheEventsForgetsThemAndLaterStepsRaiseAgain()
    {
        var match = NewMatch();
        match.ClearDomainEvents();
        Assert.Empty(match.DomainEvents);

        Step(match, MatchStatus.Nominated, T0.AddHours(1));

        Assert.Equal(MatchStatus.Nominated, Assert.IsType<MatchStatusChanged>(Assert.Single(match.DomainEvents)).Status);
    }

    [Fact]
    public void ADeadlineWarningRaisesOneEventWithTheStatusAndTheDeadlineOncePerDeadline()
    {
        var match = MatchIn(MatchStatus.Proposed);
        var warnedAt = Due0.AddDays(-1);

        Assert.True(match.WarnDeadline(warnedAt));
        var warning = Assert.IsType<MatchDeadlineApproaching>(Assert.Single(match.DomainEvents));
        Assert.Equal((MatchId, MatchStatus.Proposed, Due0, warnedAt), (warning.MatchId, warning.Status, warning.DueAt, warning.OccurredAt));

        Assert.False(match.WarnDeadline(warnedAt.AddMinutes(5)));
        Assert.Single(match.DomainEvents);

        // A new deadline can be warned about again: the nomination's, with the new status.
        Step(match, MatchStatus.Nominated, warnedAt.AddHours(1));
        match.ClearDomainEvents();
        Assert.True(match.WarnDeadline(warnedAt.AddDays(10)));
        var second = Assert.IsType<MatchDeadlineApproaching>(Assert.Single(match.DomainEvents));
        Assert.Equal(MatchStatus.Nominated, second.Status);
        Assert.Equal(match.DueAt, second.DueAt);
    }

    [Fact]
    public void AnEndedMatchGetsNoDeadlineWarning()
    {
        var match = MatchIn(MatchStatus.Nominated);
        Step(match, MatchStatus.Withdrawn, T0.AddHours(3));
        match.ClearDomainEvents();

        Assert.False(match.WarnDeadline(T0.AddHours(4)));
        Assert.Empty(match.DomainEvents);
    }
}
