using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// The summary's workflow figures and declines as docs/monitoring.md defines them: matches that entered each state
/// in the period (from the match history), and the declines in the period per party and reason code.
/// </summary>
public sealed class WorkflowAndDeclinesTests
{
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
    private static readonly Guid A = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid C = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000003");
    private static readonly Guid D = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000004");
    private static readonly Guid E = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000005");

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSummaryCountsTheSixStatesOfTheDocument() =>
        Assert.Equal([MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted, MatchStatus.Declined, MatchStatus.Expired],
            WorkflowCounts.Reported);

    [Fact]
    public void EachMoveIntoAStateOnADayOfThePeriodCounts()
    {
        MatchMove[] history =
        [
            new(A, MatchStatus.Proposed, At(3, 2)), new(B, MatchStatus.Proposed, At(3, 31)),
            new(C, MatchStatus.Proposed, At(2, 28)), new(D, MatchStatus.Proposed, At(4, 1)),
            new(A, MatchStatus.Declined, At(3, 5), DeclineParty.Kandidaat, "kandidaat-niet-bereikbaar"),
        ];

        Assert.Equal(2, WorkflowCounts.Entered(history, MatchStatus.Proposed, March));
        Assert.Equal(1, WorkflowCounts.Entered(history, MatchStatus.Declined, March));
        Assert.Equal(0, WorkflowCounts.Entered(history, MatchStatus.Expired, March));
    }

    [Fact]
    public void DeclinesInThePeriodAreCountedPerPartyAndReason()
    {
        MatchMove[] history =
        [
            new(A, MatchStatus.Declined, At(3, 2), DeclineParty.Kandidaat, "kandidaat-niet-bereikbaar"),
            new(B, MatchStatus.Declined, At(3, 9), DeclineParty.Kandidaat, "kandidaat-niet-bereikbaar"),
            new(C, MatchStatus.Declined, At(3, 12), DeclineParty.Kandidaat, "kandidaat-elders-gehuisvest"),
            new(D, MatchStatus.Declined, At(3, 20), DeclineParty.Verhuurder, "verhuurder-woning-niet-beschikbaar"),
            // Declined before the period: not counted.
            new(E, MatchStatus.Declined, At(2, 27), DeclineParty.Verhuurder, "verhuurder-woning-niet-beschikbaar"),
            // The proposal of a match that was declined carries the match's decline, but is not a decline.
            new(A, MatchStatus.Proposed, At(3, 1), DeclineParty.Kandidaat, "kandidaat-niet-bereikbaar"),
        ];

        var declines = Declines.ByPartyAndReason(history, March);

        Assert.NotEmpty(declines);
        Assert.Equal(
            [(DeclineParty.Kandidaat, "kandidaat-elders-gehuisvest", 1), (DeclineParty.Kandidaat, "kandidaat-niet-bereikbaar", 2),
                (DeclineParty.Verhuurder, "verhuurder-woning-niet-beschikbaar", 1)],
            declines.Select(d => (d.DeclinedBy!.Value, d.ReasonCode, d.Count)).OrderBy(d => d.ReasonCode, StringComparer.Ordinal));
    }
}
