using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A step of the workflow: from entering one state to entering the next.</summary>
public sealed record Step(string Name, MatchStatus From, MatchStatus To);

/// <summary>The steps of one kind completed in the period, each as the days it took.</summary>
public sealed record StepDays(Step Step, IReadOnlyList<double> Days)
{
    /// <summary>How many were completed.</summary>
    public int Count => Days.Count;

    /// <summary>The median of the days (<see cref="Statistics.Median"/>); null when none was completed.</summary>
    public double? MedianDays => Statistics.Median(Days);
}

/// <summary>
/// The summary's <c>stepDays[]</c> (docs/monitoring.md): for each step completed in the period
/// (<c>ProposedToNominated</c>, <c>NominatedToAccepted</c>, <c>AcceptedToContracted</c>), how many, and the median
/// days between entering the earlier and the later state.
/// </summary>
public static class StepDurations
{
    public static readonly IReadOnlyList<Step> Steps =
    [
        new("ProposedToNominated", MatchStatus.Proposed, MatchStatus.Nominated),
        new("NominatedToAccepted", MatchStatus.Nominated, MatchStatus.Accepted),
        new("AcceptedToContracted", MatchStatus.Accepted, MatchStatus.Contracted),
    ];

    /// <summary>Whether a move completes one of the <see cref="Steps"/> (so the match's whole history is needed).</summary>
    public static bool Completes(MatchMove move) => Steps.Any(s => s.To == move.To);

    /// <summary>
    /// For each step, every move into its later state on a day of the period, as the days (fractional) since the
    /// same match last entered the earlier state, at or before that move: the latest such entry, not the first (a
    /// match that went back and forth is timed from its last entry). A move without an earlier entry in
    /// <paramref name="history"/> is not counted. The history holds every move of the matches concerned, also
    /// before the period.
    /// </summary>
    public static IReadOnlyList<StepDays> In(IEnumerable<MatchMove> history, Period period)
    {
        var byMatch = history.ToLookup(m => m.MatchId);
        return [.. Steps.Select(step => new StepDays(step, [.. byMatch.SelectMany(match => match
            .Where(m => m.To == step.To && period.Contains(m.At))
            .Select(m => (m.At, Before: match.Where(h => h.To == step.From && h.At <= m.At).Select(h => (DateTimeOffset?)h.At).Max()))
            .Where(x => x.Before is not null)
            .Select(x => (x.At - x.Before!.Value).TotalDays))]))];
    }
}
