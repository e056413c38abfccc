namespace NML.Matching.Domain.Matching.Solvers;

/// <summary>
/// The baseline that coordinated-entry systems such as Boston CAS use: take the scarcest unit first (fewest
/// eligible candidates; ties by id), give it the best remaining candidate (highest score; ties by id), repeat.
/// Fast and simple, but not optimal for the region as a whole.
/// </summary>
public sealed class GreedySolver : IAssignmentSolver
{
    public string Name => "greedy";

    public bool SupportsCaps => true;

    public Assignment Solve(AssignmentProblem problem)
    {
        var pairs = problem.Pairs;
        var order = Enumerable.Range(0, pairs.UnitCount)
            .OrderBy(u => pairs.UnitStart[u + 1] - pairs.UnitStart[u]).ThenBy(u => u).ToArray();
        var taken = new bool[pairs.CandidateCount];
        var used = new int[Math.Max(1, problem.GroupCount)];
        var result = Enumerable.Repeat(-1, pairs.UnitCount).ToArray();
        foreach (var u in order)
        {
            if (problem.IsCapped && used[problem.UnitGroup![u]] >= problem.Cap) continue;
            var best = -1;
            var bestScore = int.MinValue;
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                var c = pairs.Candidate[p];
                if (taken[c]) continue;
                if (pairs.Score[p] > bestScore || (pairs.Score[p] == bestScore && c < best))
                {
                    best = c;
                    bestScore = pairs.Score[p];
                }
            }
            if (best < 0) continue;
            result[u] = best;
            taken[best] = true;
            if (problem.IsCapped) used[problem.UnitGroup![u]]++;
        }
        return Assignment.From(problem, result);
    }
}
