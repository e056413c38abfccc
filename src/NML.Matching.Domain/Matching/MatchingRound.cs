using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using NML.Matching.Domain.Matching.Solvers;

namespace NML.Matching.Domain.Matching;

/// <summary>The knobs of one round: a minimum score (0-100) and an optional cap on proposals per municipality.</summary>
public sealed record RoundParameters(double MinScore = 0, int? MaxProposalsPerGemeente = null)
{
    public int MinScoreHundredths => (int)Math.Ceiling(Math.Round(MinScore * 100, 6));
}

/// <summary>One proposed pair with its score and the explanation of that score.</summary>
public sealed record Proposal(Guid UnitId, Guid CandidateId, double Score, ScoreBreakdown Breakdown);

/// <summary>
/// A candidate of the round's input that it did not place, and why: <c>no-eligible-unit</c> (with how many units each hard rule
/// blocked, and how many eligible units scored below the minimum) or <c>outscored</c> (eligible somewhere, but the
/// optimum gave those units to others).
/// </summary>
public sealed record UnassignedCandidate(Guid CandidateId, string Reason, IReadOnlyDictionary<string, int> BlockingRules, int BelowMinScore);

public sealed record RoundTimings(double EligibilityMs, double OptimalMs, double GreedyMs, double TotalMs);

/// <summary>The outcome of a round. Everything but the timings follows from the input alone.</summary>
public sealed record RoundOutcome(
    string Solver,
    IReadOnlyList<Proposal> Proposals,
    IReadOnlyList<UnassignedCandidate> Unassigned,
    double TotalScore,
    double GreedyTotalScore,
    int CandidateCount,
    int UnitCount,
    int EligiblePairs,
    double Density,
    RoundTimings Timings);

/// <summary>
/// A matching round: the set of eligible pairs (at most one per unit and per candidate, each scoring at least the
/// minimum) with the largest total score, solved exactly, beside the greedy baseline on the same pairs.
/// Uncapped rounds use <see cref="SparseAssignmentSolver"/>; capped rounds use OR-Tools' MinCostFlow.
/// </summary>
public static class MatchingRound
{
    public const string NoEligibleUnit = "no-eligible-unit";
    public const string Outscored = "outscored";

    public static RoundOutcome Run(MatchingModel model, RoundParameters parameters, IAssignmentSolver? solver = null)
    {
        var started = Stopwatch.GetTimestamp();
        var pairs = PairSet.Build(model, parameters.MinScoreHundredths);
        var eligibility = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var problem = Problem(model, pairs, parameters.MaxProposalsPerGemeente);
        solver ??= problem.IsCapped ? new MinCostFlowSolver() : new SparseAssignmentSolver();
        var solveStarted = Stopwatch.GetTimestamp();
        var optimal = solver.Solve(problem);
        var optimalMs = Stopwatch.GetElapsedTime(solveStarted).TotalMilliseconds;

        var greedyStarted = Stopwatch.GetTimestamp();
        var greedy = new GreedySolver().Solve(problem);
        var greedyMs = Stopwatch.GetElapsedTime(greedyStarted).TotalMilliseconds;

        var proposals = new List<Proposal>();
        var assigned = new bool[model.Candidates.Count];
        for (var u = 0; u < optimal.CandidateOfUnit.Length; u++)
        {
            var c = optimal.CandidateOfUnit[u];
            if (c < 0) continue;
            assigned[c] = true;
            var breakdown = model.Explain(c, u);
            proposals.Add(new Proposal(model.Units[u].Id, model.Candidates[c].Id, breakdown.Score, breakdown));
        }
        proposals.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.UnitId.CompareTo(b.UnitId));

        var eligibleCount = new int[model.Candidates.Count];
        foreach (var c in pairs.Candidate) eligibleCount[c]++;
        var unassigned = new List<UnassignedCandidate>();
        for (var c = 0; c < model.Candidates.Count; c++)
        {
            if (assigned[c]) continue;
            unassigned.Add(eligibleCount[c] > 0
                ? new UnassignedCandidate(model.Candidates[c].Id, Outscored, new Dictionary<string, int>(), 0)
                : Blocked(model, c, parameters.MinScoreHundredths));
        }

        return new RoundOutcome(
            solver.Name, proposals, unassigned, optimal.TotalScore / 100.0, greedy.TotalScore / 100.0,
            model.Candidates.Count, model.Units.Count, pairs.Count, pairs.Density,
            new RoundTimings(eligibility, optimalMs, greedyMs, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
    }

    /// <summary>The assignment problem of a pair set, with municipalities as groups when capped.</summary>
    public static AssignmentProblem Problem(MatchingModel model, PairSet pairs, int? cap) =>
        cap is null
            ? new AssignmentProblem(pairs)
            : new AssignmentProblem(pairs, [.. Enumerable.Range(0, model.Units.Count).Select(model.GemeenteOf)], model.Gemeenten.Count, cap);

    private static UnassignedCandidate Blocked(MatchingModel model, int c, int minScoreHundredths)
    {
        var counts = new int[EligibilityRules.All.Count];
        var belowMin = 0;
        for (var u = 0; u < model.Units.Count; u++)
        {
            var failed = model.Check(c, u);
            if (failed == EligibilityRule.None)
            {
                if (model.ScoreHundredths(c, u) < minScoreHundredths) belowMin++;
                continue;
            }
            for (var r = 0; r < counts.Length; r++)
            {
                if ((failed & EligibilityRules.All[r].Rule) != 0) counts[r]++;
            }
        }
        var rules = new Dictionary<string, int>();
        for (var r = 0; r < counts.Length; r++)
        {
            if (counts[r] > 0) rules[EligibilityRules.All[r].Code] = counts[r];
        }
        return new UnassignedCandidate(model.Candidates[c].Id, NoEligibleUnit, rules, belowMin);
    }

    /// <summary>SHA-256 (hex) over the input in canonical order and the round's parameters.</summary>
    public static string InputHash(MatchingModel model, RoundParameters parameters)
    {
        var input = model.Input;
        var canonical = new
        {
            input.Candidates,
            input.Units,
            input.Gemeenten,
            Werkgebied = input.Werkgebied.OrderBy(w => w.Key).Select(w => new { w.Key, Codes = w.Value.Order(StringComparer.Ordinal).ToArray() }),
            Placements = input.Placements.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
            input.Weights,
            input.Options,
            input.Today,
            Declined = (input.DeclinedPairs ?? new HashSet<(Guid, Guid)>()).OrderBy(p => p.UnitId).ThenBy(p => p.CandidateId).Select(p => new[] { p.UnitId, p.CandidateId }),
            parameters.MinScore,
            parameters.MaxProposalsPerGemeente,
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
    }
}
