using System.Diagnostics;
using Google.OrTools.Graph;
using NML.Matching.Domain.Matching.Solvers;

namespace NML.Matching.Bench;

/// <summary>
/// A copy of <see cref="MinCostFlowSolver"/> (same network, same arcs, same order) with each phase timed, to see
/// whether the time goes into crossing the .NET wrapper or into the algorithm. Not used for any result.
/// </summary>
public static class FlowAnatomy
{
    public sealed record Phases(double BuildMs, double SolveMs, double ReadMs, long Cost);

    public static Phases Measure(AssignmentProblem problem)
    {
        var pairs = problem.Pairs;
        var (nc, nu) = (pairs.CandidateCount, pairs.UnitCount);
        var t = Stopwatch.GetTimestamp();
        var (source, firstCandidate) = (0, 1);
        var firstUnit = firstCandidate + nc;
        var firstGroup = firstUnit + nu;
        var groups = problem.IsCapped ? problem.GroupCount : 0;
        var sink = firstGroup + groups;
        var supply = Math.Min(nc, nu);
        var flow = new MinCostFlow();
        for (var c = 0; c < nc; c++) flow.AddArcWithCapacityAndUnitCost(source, firstCandidate + c, 1, 0);
        var pairArcs = new int[pairs.Count];
        for (var u = 0; u < nu; u++)
        {
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                pairArcs[p] = flow.AddArcWithCapacityAndUnitCost(firstCandidate + pairs.Candidate[p], firstUnit + u, 1, -pairs.Score[p]);
            }
            flow.AddArcWithCapacityAndUnitCost(firstUnit + u, problem.IsCapped ? firstGroup + problem.UnitGroup![u] : sink, 1, 0);
        }
        for (var g = 0; g < groups; g++) flow.AddArcWithCapacityAndUnitCost(firstGroup + g, sink, problem.Cap!.Value, 0);
        flow.AddArcWithCapacityAndUnitCost(source, sink, supply, 0);
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);
        var build = Bench.Measure.Ms(t);

        t = Stopwatch.GetTimestamp();
        var status = flow.Solve();
        var solve = Bench.Measure.Ms(t);
        if (status != MinCostFlowBase.Status.OPTIMAL) throw new InvalidOperationException($"MinCostFlow ended with {status}.");

        t = Stopwatch.GetTimestamp();
        long taken = 0;
        for (var p = 0; p < pairArcs.Length; p++) taken += flow.Flow(pairArcs[p]);
        var read = Bench.Measure.Ms(t);
        GC.KeepAlive(taken);
        return new Phases(build, solve, read, flow.OptimalCost());
    }
}
