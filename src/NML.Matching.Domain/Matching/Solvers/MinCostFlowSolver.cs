using Google.OrTools.Graph;

namespace NML.Matching.Domain.Matching.Solvers;

/// <summary>
/// The exact reference: OR-Tools' MinCostFlow. Source → candidate (capacity 1) → unit (cost −score) →
/// [municipality (capacity = cap) →] sink, plus a bypass arc source → sink at cost 0, so the flow takes a pair only
/// when it adds score. Handles rectangles, sparse pairs and per-municipality caps; used for capped rounds and as
/// the oracle in tests.
/// </summary>
public sealed class MinCostFlowSolver : IAssignmentSolver
{
    public string Name => "or-tools-mincostflow";

    public bool SupportsCaps => true;

    public Assignment Solve(AssignmentProblem problem)
    {
        var pairs = problem.Pairs;
        var nc = pairs.CandidateCount;
        var nu = pairs.UnitCount;
        var result = Enumerable.Repeat(-1, nu).ToArray();
        if (pairs.Count == 0) return Assignment.From(problem, result);

        // Nodes: source, candidates, units, groups (when capped), sink.
        var source = 0;
        var firstCandidate = 1;
        var firstUnit = firstCandidate + nc;
        var firstGroup = firstUnit + nu;
        var groups = problem.IsCapped ? problem.GroupCount : 0;
        var sink = firstGroup + groups;
        var supply = Math.Min(nc, nu);

        using var flow = new MinCostFlow();
        for (var c = 0; c < nc; c++) flow.AddArcWithCapacityAndUnitCost(source, firstCandidate + c, 1, 0);
        var pairArcs = new int[pairs.Count];
        for (var u = 0; u < nu; u++)
        {
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                pairArcs[p] = flow.AddArcWithCapacityAndUnitCost(firstCandidate + pairs.Candidate[p], firstUnit + u, 1, -pairs.Score[p]);
            }
            var next = problem.IsCapped ? firstGroup + problem.UnitGroup![u] : sink;
            flow.AddArcWithCapacityAndUnitCost(firstUnit + u, next, 1, 0);
        }
        for (var g = 0; g < groups; g++) flow.AddArcWithCapacityAndUnitCost(firstGroup + g, sink, problem.Cap!.Value, 0);
        flow.AddArcWithCapacityAndUnitCost(source, sink, supply, 0);
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);

        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException($"MinCostFlow ended with {status}.");
        for (var u = 0; u < nu; u++)
        {
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                if (flow.Flow(pairArcs[p]) > 0) result[u] = pairs.Candidate[p];
            }
        }
        return Assignment.From(problem, result);
    }
}
