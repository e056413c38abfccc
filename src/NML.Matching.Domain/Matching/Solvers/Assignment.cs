namespace NML.Matching.Domain.Matching.Solvers;

/// <summary>
/// The problem every solver answers: choose pairs from a <see cref="PairSet"/>, at most one per unit and one per
/// candidate, with the largest total score; optionally at most <see cref="Cap"/> units per group (municipality).
/// </summary>
public sealed record AssignmentProblem(PairSet Pairs, int[]? UnitGroup = null, int GroupCount = 0, int? Cap = null)
{
    public bool IsCapped => Cap is not null && UnitGroup is not null;
}

/// <summary>The chosen candidate per unit (-1 for none) and the total score in hundredths.</summary>
public sealed record Assignment(int[] CandidateOfUnit, long TotalScore)
{
    public int Count => CandidateOfUnit.Count(c => c >= 0);

    public static Assignment From(AssignmentProblem problem, int[] candidateOfUnit)
    {
        long total = 0;
        var pairs = problem.Pairs;
        for (var u = 0; u < candidateOfUnit.Length; u++)
        {
            var c = candidateOfUnit[u];
            if (c < 0) continue;
            var found = false;
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                if (pairs.Candidate[p] != c) continue;
                total += pairs.Score[p];
                found = true;
                break;
            }
            if (!found) throw new InvalidOperationException($"The solver chose a pair that is not in the pair set (unit {u}, candidate {c}).");
        }
        return new Assignment(candidateOfUnit, total);
    }
}

public interface IAssignmentSolver
{
    string Name { get; }

    bool SupportsCaps { get; }

    Assignment Solve(AssignmentProblem problem);
}
