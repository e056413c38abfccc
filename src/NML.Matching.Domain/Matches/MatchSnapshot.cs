using NML.Matching.Domain.Matching;

namespace NML.Matching.Domain.Matches;

/// <summary>
/// Why a match was proposed, as it stood at that moment: when, from which round (none for a proposal by hand), the
/// score with its breakdown, the weights, the hard rules the pair failed (only an override fails any) and the
/// override's reason. Later changes to the registers or the weights do not change it. <see cref="Placement.Propose"/>
/// builds it; the API stores it as JSON on the match (<see cref="Match.Snapshot"/>).
/// </summary>
public sealed record MatchSnapshot(
    DateTimeOffset ProposedAt,
    Guid? RoundId,
    double Score,
    IReadOnlyList<CriterionScore> Breakdown,
    MatchingWeights Weights,
    IReadOnlyList<string> FailedRules,
    string? OverrideReason)
{
    /// <summary>The same snapshot without the free text of the override reason (for retention); the scores and rules stay.</summary>
    public MatchSnapshot WithoutOverrideReason() => this with { OverrideReason = null };
}
