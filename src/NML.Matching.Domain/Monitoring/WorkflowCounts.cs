using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// The summary's workflow figures (docs/monitoring.md, <c>workflow.proposals</c> … <c>expiries</c>): matches that
/// entered <c>Proposed</c>, <c>Nominated</c>, <c>Accepted</c>, <c>Contracted</c>, <c>Declined</c>, <c>Expired</c> in
/// the period, from the match history.
/// </summary>
public static class WorkflowCounts
{
    /// <summary>The states the summary counts, in its order.</summary>
    public static readonly IReadOnlyList<MatchStatus> Reported =
        [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted, MatchStatus.Declined, MatchStatus.Expired];

    /// <summary>Matches that entered <paramref name="state"/> in the period: the moves of the history into it on a day of the period.</summary>
    public static int Entered(IEnumerable<MatchMove> history, MatchStatus state, Period period) =>
        history.Count(m => m.To == state && period.Contains(m.At));
}
