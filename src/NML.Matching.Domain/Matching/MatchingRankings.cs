namespace NML.Matching.Domain.Matching;

/// <summary>One entry of a ranking: the other side's index and id, and the verdict on the pair.</summary>
public sealed record RankedPair(int Index, Guid Id, int Rank, bool Eligible, double Score, ScoreBreakdown? Breakdown, IReadOnlyList<string> FailedRules);

/// <summary>A ranking: the best eligible entries, how many were eligible, and optionally the ineligible ones with their rules.</summary>
public sealed record Ranking(IReadOnlyList<RankedPair> Eligible, int EligibleCount, IReadOnlyList<RankedPair> Ineligible, int IneligibleCount);

/// <summary>
/// Rankings per unit (all candidates) and per candidate (all units): eligible pairs best first (ties by id), each
/// with its explanation; ineligible pairs with every rule they fail. Only the entries returned are explained.
/// </summary>
public static class MatchingRankings
{
    public static Ranking CandidatesForUnit(MatchingModel model, int unit, int limit, bool includeIneligible) =>
        Rank(model.Candidates.Count, limit, includeIneligible, c => model.Check(c, unit), c => model.ScoreHundredths(c, unit),
            c => model.Candidates[c].Id, c => model.Explain(c, unit));

    public static Ranking UnitsForCandidate(MatchingModel model, int candidate, int limit, bool includeIneligible) =>
        Rank(model.Units.Count, limit, includeIneligible, u => model.Check(candidate, u), u => model.ScoreHundredths(candidate, u),
            u => model.Units[u].Id, u => model.Explain(candidate, u));

    private static Ranking Rank(int count, int limit, bool includeIneligible, Func<int, EligibilityRule> check, Func<int, int> score,
        Func<int, Guid> id, Func<int, ScoreBreakdown> explain)
    {
        var eligible = new List<(int Index, int Score)>();
        var ineligible = new List<(int Index, EligibilityRule Failed)>();
        for (var i = 0; i < count; i++)
        {
            var failed = check(i);
            if (failed == EligibilityRule.None) eligible.Add((i, score(i)));
            else if (includeIneligible) ineligible.Add((i, failed));
        }
        // Indexes follow id order, so ordering by index breaks ties by id.
        var top = eligible.OrderByDescending(e => e.Score).ThenBy(e => e.Index).Take(limit)
            .Select((e, rank) =>
            {
                var breakdown = explain(e.Index);
                return new RankedPair(e.Index, id(e.Index), rank + 1, true, breakdown.Score, breakdown, []);
            }).ToList();
        var blocked = ineligible.OrderBy(e => System.Numerics.BitOperations.PopCount((uint)e.Failed)).ThenBy(e => e.Index).Take(limit)
            .Select(e => new RankedPair(e.Index, id(e.Index), 0, false, score(e.Index) / 100.0, null, EligibilityRules.Codes(e.Failed))).ToList();
        return new Ranking(top, eligible.Count, blocked, ineligible.Count);
    }
}
