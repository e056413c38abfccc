using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using NML.Matching.Bench;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Matching.Solvers;
using static NML.Matching.Bench.Measure;

// dotnet run -c Release --project bench/NML.Matching.Bench -- [--quick]
// Progress goes to stderr, the markdown report to stdout (see docs/performance.md). Exit code 1 when the two exact
// solvers (or the round) disagree on a total, when greedy beats an "optimal" solver, when the explanations do not
// add up to the total, when a one-unit model ranks differently from the full model, or when a memory probe fails.
if (args.Length > 0 && args[0] == "--probe") return MemoryProbe.Run(args);

var quick = args.Contains("--quick");
var plan = quick ? Plan.Quick : Plan.Full;
var problems = new List<string>();
var loadRows = new List<string>();
void Load(string section, CpuWatch watch, long wallStart, double childCpu = 0)
{
    var (others, steal) = watch.Stop(childCpu);
    loadRows.Add($"| {section} | {F(Ms(wallStart) / 1000, 0)} | {F(others, 2)} | {F(steal, 1)}% |");
    Progress($"  load during {section}: other processes {F(others, 2)} cores, steal {F(steal, 1)}%");
}
var report = new StringBuilder();
void Line(string text = "") => report.AppendLine(text);
static void Progress(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

Line($"# NML.Matching benchmark{(quick ? " (--quick: small sizes only, aims not evaluated)" : "")}");
Line();
Line("## Machine");
Line();
Line("| | |");
Line("|---|---|");
foreach (var (key, value) in MachineInfo.Describe()) Line($"| {key} | {value} |");
Line();

// `dotnet run` leaves build processes busy for a moment after it starts the bench: wait (at most 30 s) until the
// rest of the machine has been quiet for one second, so that the first section is not measured under their load.
{
    var settled = Stopwatch.GetTimestamp();
    double others;
    do
    {
        var watch = CpuWatch.Start();
        Thread.Sleep(1000);
        others = watch.Stop().OtherCores;
    }
    while (others > 0.1 && Ms(settled) < 30_000);
    Progress($"machine settled after {F(Ms(settled) / 1000, 0)} s (other processes {F(others, 2)} cores in the last second)");
}

// Warm-up: JIT every path once on a small instance, so that the first measured size does not pay for it.
Progress("warm-up");
{
    var input = InstanceGenerator.Generate(300, 100, 7);
    var model = new MatchingModel(input);
    MatchingRound.Run(model, new RoundParameters());
    MatchingRound.Run(model, new RoundParameters(0, 3));
    var pairs = PairSet.Build(model, 0);
    new MinCostFlowSolver().Solve(MatchingRound.Problem(model, pairs, null));
    MatchingRankings.CandidatesForUnit(model, 0, 20, includeIneligible: true);
}

// ---------------------------------------------------------------- (a) ranking one unit against many candidates
Progress($"ranking: {plan.RankingCandidates} candidates x {plan.RankingUnits} units");
{
    var (watch, wall) = (CpuWatch.Start(), Stopwatch.GetTimestamp());
    var (nc, nu) = (plan.RankingCandidates, plan.RankingUnits);
    var input = InstanceGenerator.Generate(nc, nu, Plan.Seed(nc, nu));
    // A handful of units from every part of the list (id order), ranked in turn.
    int[] rankedUnits = [.. Enumerable.Range(0, 8).Select(i => i * (nu / 8))];
    var eligible = new List<int>();
    var sortedUnits = input.Units.OrderBy(u => u.Id).ToList();
    var i = 0;
    var samples = Repeat(plan.RankingWarmup, plan.RankingReps, s =>
    {
        var unit = rankedUnits[i++ % rankedUnits.Length];
        var t = Stopwatch.GetTimestamp();
        var model = new MatchingModel(input);
        var build = Ms(t);
        var t2 = Stopwatch.GetTimestamp();
        var ranking = MatchingRankings.CandidatesForUnit(model, unit, 20, includeIneligible: false);
        var cold = Ms(t2);
        var endToEnd = Ms(t);
        var t3 = Stopwatch.GetTimestamp();
        MatchingRankings.CandidatesForUnit(model, unit, 20, includeIneligible: false);
        var warm = Ms(t3);
        var t4 = Stopwatch.GetTimestamp();
        MatchingRankings.CandidatesForUnit(model, unit, 20, includeIneligible: true);
        var withIneligible = Ms(t4);
        // As the API's RankCandidatesForUnit does it: a model of all candidates and only the unit being ranked.
        var t5 = Stopwatch.GetTimestamp();
        var single = new MatchingModel(input with { Units = [sortedUnits[unit]] });
        var buildOne = Ms(t5);
        var rankingOne = MatchingRankings.CandidatesForUnit(single, 0, 20, includeIneligible: false);
        var endToEndOne = Ms(t5);
        if (rankingOne.EligibleCount != ranking.EligibleCount || !rankingOne.Eligible.Select(r => r.Id).SequenceEqual(ranking.Eligible.Select(r => r.Id)))
            problems.Add($"ranking of unit {unit}: a one-unit model ranks differently from the full model.");
        if (s is null) return;
        eligible.Add(ranking.EligibleCount);
        s.Add(("build", build), ("cold", cold), ("e2e", endToEnd), ("warm", warm), ("inel", withIneligible), ("build1", buildOne), ("e2e1", endToEndOne));
    });
    Results.RankingEndToEnd = samples.Median("e2e1");
    Results.RankingEndToEndFullModel = samples.Median("e2e");
    Results.RankingAlone = samples.Median("warm");
    Results.RankingAloneCold = samples.Median("cold");

    Line($"## (a) Ranking one unit against {nc:N0} candidates");
    Line();
    Line($"Instance: {nc:N0} candidates × {nu:N0} units (seed {Plan.Seed(nc, nu)}); `MatchingRankings.CandidatesForUnit(limit: 20)`; " +
        $"8 units taken in turn; eligible candidates per ranked unit: {eligible.Min():N0}-{eligible.Max():N0} (median {eligible.Order().ElementAt(eligible.Count / 2):N0}). " +
        $"{plan.RankingWarmup} warm-up runs, n = {samples.Count}; median (min-max) in ms.");
    Line();
    Line("| step | median ms | min-max ms |");
    Line("|---|---:|---:|");
    void RankRow(string label, string key) => Line($"| {label} | {F(samples.Median(key), 2)} | {F(samples.Min(key), 2)}-{F(samples.Max(key), 2)} |");
    RankRow($"`new MatchingModel`: {nc:N0} candidates × the one unit (as `RankCandidatesForUnit` in the API builds it)", "build1");
    RankRow($"**end to end as the API does it: model of {nc:N0} candidates × 1 unit + ranking**", "e2e1");
    RankRow($"`new MatchingModel`: {nc:N0} candidates × {nu:N0} units", "build");
    RankRow("ranking on that fresh model (first use: per-(candidate, municipality) cells computed)", "cold");
    RankRow($"end to end with the {nu:N0}-unit model: model construction + ranking", "e2e");
    RankRow("**ranking alone on a prebuilt model** (same unit again: cells cached)", "warm");
    RankRow("ranking alone, prebuilt model, `includeIneligible: true`", "inel");
    Line();
    Load($"(a) ranking, {nc:N0} candidates", watch, wall);
}

// ---------------------------------------------------------------- (b) full rounds, uncapped
var roundRows = new List<string>();
var solverRows = new List<string>();
var instanceRows = new List<string>();
var diagnosticRows = new List<string>();
var uncapped = new Dictionary<(int, int), (int[] PerGemeente, long Total, int Proposals)>();
foreach (var (nc, nu, reps) in plan.Rounds)
{
    var (watch, wall) = (CpuWatch.Start(), Stopwatch.GetTimestamp());
    Progress($"round {nc} x {nu}: generating");
    var input = InstanceGenerator.Generate(nc, nu, Plan.Seed(nc, nu));

    Progress($"round {nc} x {nu}: end to end (n = {reps})");
    RoundOutcome? outcome = null;
    var e2e = Repeat(1, reps, s =>
    {
        var t = Stopwatch.GetTimestamp();
        var model = new MatchingModel(input);
        var build = Ms(t);
        var result = MatchingRound.Run(model, new RoundParameters());
        var total = Ms(t);
        outcome = result;
        var timings = result.Timings;
        s?.Add(("build", build), ("elig", timings.EligibilityMs), ("opt", timings.OptimalMs), ("greedy", timings.GreedyMs),
            ("rest", timings.TotalMs - timings.EligibilityMs - timings.OptimalMs - timings.GreedyMs), ("run", timings.TotalMs), ("e2e", total));
    });
    var last = outcome!;
    Results.RoundEndToEnd[(nc, nu)] = e2e.Median("e2e");
    roundRows.Add($"| {nc:N0} × {nu:N0} | {e2e.Count} | {F(e2e.Median("build"))} | {F(e2e.Median("elig"))} | {F(e2e.Median("opt"))} | {F(e2e.Median("greedy"))} | " +
        $"{F(e2e.Median("rest"))} | {F(e2e.Median("run"))} | **{F(e2e.Median("e2e"))}** ({F(e2e.Min("e2e"))}-{F(e2e.Max("e2e"))}) | {last.Solver} |");

    // The explanations must add up to the optimum the solver reported.
    var explained = last.Proposals.Sum(p => (decimal)p.Score);
    if (Math.Abs(explained - (decimal)last.TotalScore) > 0.005m)
        problems.Add($"{nc}x{nu}: proposals' explained scores add up to {explained}, the round reports {last.TotalScore}.");

    Progress($"round {nc} x {nu}: solvers on one PairSet");
    var fixedModel = new MatchingModel(input);
    var pairs = PairSet.Build(fixedModel, 0);
    var problem = MatchingRound.Problem(fixedModel, pairs, null);
    Assignment? sparse = null, flow = null, greedy = null;
    var sSparse = Repeat(1, reps, s => { var t = Stopwatch.GetTimestamp(); sparse = new SparseAssignmentSolver().Solve(problem); s?.Add(("ms", Ms(t))); });
    var sFlow = Repeat(1, reps, s => { var t = Stopwatch.GetTimestamp(); flow = new MinCostFlowSolver().Solve(problem); s?.Add(("ms", Ms(t))); });
    var sGreedy = Repeat(1, reps, s => { var t = Stopwatch.GetTimestamp(); greedy = new GreedySolver().Solve(problem); s?.Add(("ms", Ms(t))); });
    var sSerial = Repeat(0, Math.Min(reps, 3), s => { var t = Stopwatch.GetTimestamp(); PairSet.Build(fixedModel, 0, maxDegreeOfParallelism: 1); s?.Add(("ms", Ms(t))); });
    var sParallel = Repeat(0, Math.Min(reps, 3), s => { var t = Stopwatch.GetTimestamp(); PairSet.Build(fixedModel, 0); s?.Add(("ms", Ms(t))); });
    // What "rest" of a round is made of, redone outside the round: one explanation per proposal, and the
    // per-rule reasons of every candidate without an eligible pair (a scan over all units, as MatchingRound does).
    var hasPair = new bool[nc];
    foreach (var c in pairs.Candidate) hasPair[c] = true;
    var blockedCandidates = Enumerable.Range(0, nc).Where(c => !hasPair[c]).ToArray();
    var sExplain = Repeat(0, Math.Min(reps, 3), s =>
    {
        var t = Stopwatch.GetTimestamp();
        for (var u = 0; u < nu; u++)
        {
            if (sparse!.CandidateOfUnit[u] >= 0) fixedModel.Explain(sparse.CandidateOfUnit[u], u);
        }
        var explain = Ms(t);
        t = Stopwatch.GetTimestamp();
        var sink = 0;
        foreach (var c in blockedCandidates)
        {
            for (var u = 0; u < nu; u++) sink += (int)fixedModel.Check(c, u) + fixedModel.ScoreHundredths(c, u);
        }
        GC.KeepAlive(sink);
        s?.Add(("explain", explain), ("blocked", Ms(t)));
    });
    var anatomy = FlowAnatomy.Measure(problem);
    if (-anatomy.Cost != sparse!.TotalScore) problems.Add($"{nc}x{nu}: the timed copy of MinCostFlow finds {-anatomy.Cost}, Sparse {sparse.TotalScore}.");
    diagnosticRows.Add($"| {nc:N0} × {nu:N0} | {F(sParallel.Median("ms"))} | {F(sSerial.Median("ms"))} | {F(sSerial.Median("ms") / sParallel.Median("ms"), 2)}× | " +
        $"{F(sSerial.Median("ms") * 1e6 / ((double)nc * nu), 1)} | {F(sExplain.Median("explain"))} ({sparse!.Count:N0} proposals) | {F(sExplain.Median("blocked"))} ({blockedCandidates.Length:N0} candidates × {nu:N0} units) | " +
        $"{F(anatomy.BuildMs)} | {F(anatomy.SolveMs)} | {F(anatomy.ReadMs)} |");
    var roundTotal = (long)Math.Round(last.TotalScore * 100);
    var agree = sparse!.TotalScore == flow!.TotalScore && roundTotal == sparse.TotalScore;
    if (!agree) problems.Add($"{nc}x{nu}: totals disagree: sparse {sparse.TotalScore}, MinCostFlow {flow.TotalScore}, round {roundTotal} (hundredths).");
    if (greedy!.TotalScore > sparse.TotalScore) problems.Add($"{nc}x{nu}: greedy {greedy.TotalScore} beats the optimum {sparse.TotalScore}.");
    var gain = 100.0 * (sparse.TotalScore - greedy.TotalScore) / greedy.TotalScore;
    var (ms, mf, mg) = (sSparse.Median("ms"), sFlow.Median("ms"), sGreedy.Median("ms"));
    solverRows.Add($"| {nc:N0} × {nu:N0} | {pairs.Count:N0} | {sSparse.Count} | {F(ms)} | {F(mf)} | {F(mg, 2)} | {F(ms / mg, 0)}× | {F(mf / mg, 0)}× | {F(mf / ms, 2)}× | " +
        $"{F(sparse.TotalScore / 100.0, 2)} | {F(flow.TotalScore / 100.0, 2)} | {F(greedy.TotalScore / 100.0, 2)} | {sparse.Count:N0} / {greedy.Count:N0} | +{F(gain, 2)}% | {(agree ? "yes" : "**NO**")} |");

    // The instance: density, ties, and who has nothing at all.
    var topTied = 0;
    var unitsWithPairs = 0;
    var eligibleOf = new int[nc];
    for (var u = 0; u < nu; u++)
    {
        var (start, end) = (pairs.UnitStart[u], pairs.UnitStart[u + 1]);
        for (var p = start; p < end; p++) eligibleOf[pairs.Candidate[p]]++;
        if (start == end) continue;
        unitsWithPairs++;
        var best = int.MinValue;
        var count = 0;
        for (var p = start; p < end; p++)
        {
            if (pairs.Score[p] > best) (best, count) = (pairs.Score[p], 1);
            else if (pairs.Score[p] == best) count++;
        }
        if (count > 1) topTied++;
    }
    var distinct = pairs.Score.Distinct().Count();
    // Pairs whose score equals that of another candidate for the same unit (ties the solvers must break).
    long tiedPairs = 0;
    var buffer = new int[nc];
    for (var u = 0; u < nu; u++)
    {
        var length = pairs.UnitStart[u + 1] - pairs.UnitStart[u];
        Array.Copy(pairs.Score, pairs.UnitStart[u], buffer, 0, length);
        Array.Sort(buffer, 0, length);
        for (var k = 0; k < length; k++)
        {
            if ((k > 0 && buffer[k] == buffer[k - 1]) || (k + 1 < length && buffer[k] == buffer[k + 1])) tiedPairs++;
        }
    }
    var ready = input.Candidates.Count(c => c.IsReady && c.SupportGuaranteed);
    instanceRows.Add($"| {nc:N0} × {nu:N0} | {Plan.Seed(nc, nu)} | {ready:N0} ({F(100.0 * ready / nc, 0)}%) | {(long)nc * nu:N0} | {pairs.Count:N0} | **{F(100 * pairs.Density, 2)}%** | " +
        $"{F(pairs.Count / (double)nu, 0)} | {eligibleOf.Count(x => x == 0):N0} | {nu - unitsWithPairs:N0} | {distinct:N0} | {F(100.0 * tiedPairs / Math.Max(1, pairs.Count), 0)}% | {F(100.0 * topTied / Math.Max(1, unitsWithPairs), 0)}% |");

    var perGemeente = new int[fixedModel.Gemeenten.Count];
    for (var u = 0; u < nu; u++)
    {
        if (sparse.CandidateOfUnit[u] >= 0) perGemeente[fixedModel.GemeenteOf(u)]++;
    }
    uncapped[(nc, nu)] = (perGemeente, sparse.TotalScore, sparse.Count);
    Load($"(b) round {nc:N0} × {nu:N0}: end to end, solvers, diagnostics", watch, wall);
}

Line("## Instances and measured eligibility density");
Line();
Line("Density = `PairSet.Density` = eligible pairs / (candidates × units), at minimum score 0. \"Tied pairs\" = share of eligible pairs whose score equals that of another candidate for the same unit; \"top tied\" = share of units whose best eligible score is shared by two or more candidates.");
Line();
Line("| candidates × units | seed | ready candidates | pairs evaluated | eligible pairs | density | eligible candidates per unit | candidates with no eligible unit | units with no eligible candidate | distinct scores | tied pairs | top tied |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in instanceRows) Line(row);
Line();

Line("## (b) Full rounds, uncapped: `MatchingRound.Run` end to end");
Line();
Line("Each repetition builds a fresh `MatchingModel` from the same input and runs `MatchingRound.Run(model, new RoundParameters())` " +
    "(solver chosen by the round: `SparseAssignmentSolver`). Columns after the model are `RoundTimings`; \"rest\" = TotalMs − eligibility − optimal − greedy " +
    "(building the problem, explaining every proposal, and the reasons for every unassigned candidate). One warm-up run per size; medians per column, ms; " +
    "end to end also as min-max.");
Line();
Line("| candidates × units | n | model build | eligibility (PairSet.Build) | optimal solve | greedy | rest (explanations, unassigned) | Run total | **end to end** (min-max) | solver |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var row in roundRows) Line(row);
Line();

Line("## (b, e) The solvers on the same PairSet, and the greedy baseline");
Line();
Line("One `PairSet` per size (built once, not timed here); each solver runs on the same uncapped `AssignmentProblem`. One warm-up run, medians in ms. " +
    "Totals are in points (sum of scores of the proposed pairs). Gain = (optimal − greedy) / greedy.");
Line();
Line("| candidates × units | pairs | n | Sparse ms | MinCostFlow ms | greedy ms | Sparse / greedy time | MinCostFlow / greedy time | MinCostFlow / Sparse time | Sparse total | MinCostFlow total | greedy total | pairs placed (optimal / greedy) | score gain of optimal | exact solvers agree |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var row in solverRows) Line(row);
Line();

Line("## Where the time goes (diagnostics, same instances)");
Line();
Line("Redone outside `MatchingRound.Run` on the prebuilt model of each size (the round does the same work inside its timings). " +
    "PairSet.Build with all cores and with `maxDegreeOfParallelism: 1`; ns per pair = single-threaded time / (candidates × units). " +
    "\"Explain\" = `model.Explain` for every pair of the optimum; \"blocked scan\" = `Check` + `ScoreHundredths` of every candidate without an eligible pair against every unit " +
    "(what `MatchingRound` does to count blocking rules; single-threaded there). MinCostFlow phases = a copy of `MinCostFlowSolver` timed per phase: adding the arcs through the " +
    "OR-Tools .NET wrapper, `Solve()`, and reading `Flow(arc)` back for every pair arc. Medians of up to 3 runs (the phases: 1 run).");
Line();
Line("| candidates × units | PairSet.Build ms (all cores) | PairSet.Build ms (1 core) | speed-up | ns per pair (1 core) | explain proposals ms | blocked scan ms | MinCostFlow: add arcs ms | MinCostFlow: Solve ms | MinCostFlow: read flows ms |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in diagnosticRows) Line(row);
Line();

// ---------------------------------------------------------------- (c) capped rounds
var cappedRows = new List<string>();
var cappedAnatomyRows = new List<string>();
foreach (var (nc, nu, reps) in plan.Capped)
{
    var cap = (nu + 13) / 14;
    var (watch, wall) = (CpuWatch.Start(), Stopwatch.GetTimestamp());
    Progress($"capped round {nc} x {nu}, cap {cap} (n = {reps})");
    var input = InstanceGenerator.Generate(nc, nu, Plan.Seed(nc, nu));
    var gemeenteOfUnit = input.Units.ToDictionary(u => u.Id, u => u.Gemeente);
    RoundOutcome? outcome = null;
    var samples = Repeat(1, reps, s =>
    {
        var t = Stopwatch.GetTimestamp();
        var model = new MatchingModel(input);
        var build = Ms(t);
        var result = MatchingRound.Run(model, new RoundParameters(0, cap));
        var total = Ms(t);
        outcome = result;
        var timings = result.Timings;
        s?.Add(("build", build), ("elig", timings.EligibilityMs), ("opt", timings.OptimalMs), ("greedy", timings.GreedyMs),
            ("rest", timings.TotalMs - timings.EligibilityMs - timings.OptimalMs - timings.GreedyMs), ("e2e", total));
    });
    var last = outcome!;
    Results.CappedEndToEnd[(nc, nu)] = samples.Median("e2e");
    var atCap = last.Proposals.GroupBy(p => gemeenteOfUnit[p.UnitId]).Count(g => g.Count() == cap);
    var over = uncapped.TryGetValue((nc, nu), out var free) ? free.PerGemeente.Count(x => x > cap) : -1;
    var uncappedTotal = free.Total / 100.0;
    if (last.GreedyTotalScore > last.TotalScore + 1e-9) problems.Add($"{nc}x{nu} capped: greedy {last.GreedyTotalScore} beats MinCostFlow {last.TotalScore}.");
    var gain = 100.0 * (last.TotalScore - last.GreedyTotalScore) / last.GreedyTotalScore;
    {
        var model = new MatchingModel(input);
        var pairs = PairSet.Build(model, 0);
        var anatomy = FlowAnatomy.Measure(MatchingRound.Problem(model, pairs, cap));
        if (-anatomy.Cost != (long)Math.Round(last.TotalScore * 100)) problems.Add($"{nc}x{nu} capped: the timed copy of MinCostFlow finds {-anatomy.Cost}, the round {last.TotalScore * 100}.");
        cappedAnatomyRows.Add($"| {nc:N0} × {nu:N0}, cap {cap} | {pairs.Count:N0} | {F(anatomy.BuildMs)} | {F(anatomy.SolveMs)} | {F(anatomy.ReadMs)} |");
    }
    Load($"(c) capped round {nc:N0} × {nu:N0}", watch, wall);
    cappedRows.Add($"| {nc:N0} × {nu:N0} | {cap} | {(over >= 0 ? over.ToString(CultureInfo.InvariantCulture) : "?")} | {atCap} | {samples.Count} | {F(samples.Median("build"))} | " +
        $"{F(samples.Median("elig"))} | {F(samples.Median("opt"))} | {F(samples.Median("greedy"))} | {F(samples.Median("rest"))} | **{F(samples.Median("e2e"))}** ({F(samples.Min("e2e"))}-{F(samples.Max("e2e"))}) | " +
        $"{last.Proposals.Count:N0} / {free.Proposals:N0} | {F(last.TotalScore, 2)} | {F(uncappedTotal, 2)} | {F(last.GreedyTotalScore, 2)} | +{F(gain, 2)}% | {F(samples.Median("opt") / Math.Max(1e-9, samples.Median("greedy")), 0)}× |");
}
Line("## (c) Capped rounds (MaxProposalsPerGemeente), MinCostFlow");
Line();
Line("Cap = ⌈units / 14⌉. \"Over the cap uncapped\" = municipalities that the uncapped optimum of the same instance gave more than the cap (so the cap binds there); " +
    "\"at cap\" = municipalities that the capped optimum fills to the cap. `MatchingRound.Run` chooses `MinCostFlowSolver` for capped rounds. One warm-up, medians in ms.");
Line();
Line("| candidates × units | cap | over the cap uncapped | at cap | n | model build | eligibility | optimal (MinCostFlow) | greedy (capped) | rest | **end to end** (min-max) | proposals capped / uncapped | capped optimum | uncapped optimum | capped greedy | gain over greedy | optimal / greedy time |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in cappedRows) Line(row);
Line();
Line("The capped MinCostFlow by phase (a timed copy of `MinCostFlowSolver`, 1 run; see the diagnostics above):");
Line();
Line("| capped round | pairs | add arcs ms | Solve ms | read flows ms |");
Line("|---|---:|---:|---:|---:|");
foreach (var row in cappedAnatomyRows) Line(row);
Line();

// ---------------------------------------------------------------- (d) memory, in fresh processes
Line("## (d) Memory of the largest round");
Line();
Line($"Each row is a fresh child process (`--probe`) that generates the instance, then builds the model and runs one round (cold: includes JIT). " +
    "Peak working set = `Process.PeakWorkingSet64` of that process (includes the runtime, the input records and native OR-Tools memory); " +
    "GC allocated = `GC.GetTotalAllocatedBytes(true)` during model + round (managed only).");
Line();
Line("| round | eligible pairs | PairSet (pairs × 8 B) | dense candidates × units × 8 B | working set before the round | **peak working set** | GC allocated in model + round | GC heap after | time of this cold run ms |");
Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var cap in new int?[] { null, (plan.Probe.Units + 13) / 14 })
{
    var (nc, nu) = plan.Probe;
    Progress($"memory probe {nc} x {nu}, cap {cap?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
    var (watch, wall) = (CpuWatch.Start(), Stopwatch.GetTimestamp());
    var probe = MemoryProbe.Spawn(nc, nu, cap);
    Load($"(d) memory probe {nc:N0} × {nu:N0}{(cap is null ? "" : $", cap {cap}")} (child process)", watch, wall, probe?.CpuSeconds ?? 0);
    if (probe is null)
    {
        problems.Add($"memory probe {nc}x{nu} cap {cap} failed.");
        Line($"| {nc:N0} × {nu:N0}{(cap is null ? "" : $", cap {cap}")} | probe failed | | | | | | | |");
        continue;
    }
    if (cap is null) Results.PeakUncapped = probe.PeakWorkingSet;
    else Results.PeakCapped = probe.PeakWorkingSet;
    Line($"| {nc:N0} × {nu:N0}{(cap is null ? ", uncapped (Sparse)" : $", cap {cap} (MinCostFlow)")} | {probe.Pairs:N0} | {Mb(probe.Pairs * 8L)} | {Mb((long)nc * nu * 8)} | " +
        $"{Mb(probe.WorkingSetBefore)} | **{Mb(probe.PeakWorkingSet)}** | {Mb(probe.Allocated)} | {Mb(probe.HeapAfter)} | {F(probe.Ms)} |");
}
Line();

// ---------------------------------------------------------------- aims
Line("## Aims");
Line();
if (quick)
{
    Line("Not evaluated in `--quick` (the sizes of the aims are not run).");
}
else
{
    Line("| aim | measured (median) | met |");
    Line("|---|---:|---|");
    string Met(bool ok) => ok ? "yes" : "**no**";
    Line($"| ranking 10,000 candidates < 20 ms, end to end as the API does it (model of 10,000 candidates × 1 unit + ranking) | {F(Results.RankingEndToEnd, 2)} ms | {Met(Results.RankingEndToEnd < 20)} |");
    Line($"| ranking 10,000 candidates < 20 ms, end to end with a model of all {plan.RankingUnits:N0} units | {F(Results.RankingEndToEndFullModel, 2)} ms | {Met(Results.RankingEndToEndFullModel < 20)} |");
    Line($"| ranking 10,000 candidates < 20 ms, ranking alone on a prebuilt model (cold / warm cells) | {F(Results.RankingAloneCold, 2)} / {F(Results.RankingAlone, 2)} ms | {Met(Results.RankingAloneCold < 20)} / {Met(Results.RankingAlone < 20)} |");
    var r5 = Results.RoundEndToEnd[(5000, 2000)];
    Line($"| uncapped 5,000 × 2,000 round < 1 s end to end | {F(r5, 0)} ms | {Met(r5 < 1000)} |");
    var c5 = Results.CappedEndToEnd[(5000, 2000)];
    Line($"| capped 5,000 × 2,000 round < 3 s end to end | {F(c5, 0)} ms | {Met(c5 < 3000)} |");
    var r20 = Results.RoundEndToEnd[(20000, 5000)];
    Line($"| 20,000 × 5,000 round < 10 s (uncapped) | {F(r20, 0)} ms | {Met(r20 < 10000)} |");
    var c20 = Results.CappedEndToEnd[(20000, 5000)];
    Line($"| 20,000 × 5,000 round < 10 s (capped, MinCostFlow) | {F(c20, 0)} ms | {Met(c20 < 10000)} |");
    const long TwoGb = 2L * 1024 * 1024 * 1024;
    Line($"| 20,000 × 5,000 round < 2 GB peak working set (uncapped) | {Mb(Results.PeakUncapped)} | {Met(Results.PeakUncapped > 0 && Results.PeakUncapped < TwoGb)} |");
    Line($"| 20,000 × 5,000 round < 2 GB peak working set (capped) | {Mb(Results.PeakCapped)} | {Met(Results.PeakCapped > 0 && Results.PeakCapped < TwoGb)} |");
}
Line();
using (var self = Process.GetCurrentProcess())
{
    self.Refresh();
    Line($"Peak working set of this whole bench process (all sizes, all solvers): {Mb(self.PeakWorkingSet64)}.");
}
Line();
Line("## Load on the machine during each section");
Line();
Line("Other processes = CPU time of the whole machine (/proc/stat) minus this process's (and its probe's), per second of wall time, i.e. the average number of " +
    $"cores (of {Environment.ProcessorCount}) that other work took while the section ran. Anything well above 0 means the timings of that section are inflated by contention.");
Line();
Line("| section | wall s | other processes (avg cores busy) | steal |");
Line("|---|---:|---:|---:|");
foreach (var row in loadRows) Line(row);
Line();
Line("## Checks");
Line();
if (problems.Count == 0) Line("All checks passed: SparseAssignmentSolver, MinCostFlowSolver and `MatchingRound.Run` agree on the total of every uncapped size; greedy never beats an optimum; explanations add up to the totals; a one-unit model ranks every ranked unit exactly as the full model does.");
else foreach (var p in problems) Line($"- **FAILED**: {p}");

Console.Out.Write(report.ToString());
Progress("done");
return problems.Count == 0 ? 0 : 1;

namespace NML.Matching.Bench
{
    /// <summary>What to run: sizes, repetitions and warm-ups.</summary>
    internal sealed record Plan(
        int RankingCandidates, int RankingUnits, int RankingWarmup, int RankingReps,
        (int Candidates, int Units, int Reps)[] Rounds, (int Candidates, int Units, int Reps)[] Capped, (int Candidates, int Units) Probe)
    {
        public static Plan Full { get; } = new(10_000, 2_000, 5, 25,
            [(1_000, 500, 9), (5_000, 2_000, 7), (20_000, 5_000, 3)],
            [(5_000, 2_000, 5), (20_000, 5_000, 3)],
            (20_000, 5_000));

        public static Plan Quick { get; } = new(1_000, 200, 2, 5,
            [(300, 100, 3), (1_000, 500, 3)],
            [(1_000, 500, 3)],
            (1_000, 500));

        /// <summary>A fixed seed per size, the same in the parent and in a probe process.</summary>
        public static int Seed(int candidates, int units) => 20_260_000 + (candidates / 100) + (units * 7);
    }

    /// <summary>Medians kept for the aims table.</summary>
    internal static class Results
    {
        public static double RankingEndToEnd { get; set; }
        public static double RankingEndToEndFullModel { get; set; }
        public static double RankingAlone { get; set; }
        public static double RankingAloneCold { get; set; }
        public static Dictionary<(int, int), double> RoundEndToEnd { get; } = [];
        public static Dictionary<(int, int), double> CappedEndToEnd { get; } = [];
        public static long PeakUncapped { get; set; }
        public static long PeakCapped { get; set; }
    }

    /// <summary>One round in a fresh process, for its peak working set.</summary>
    internal static class MemoryProbe
    {
        internal sealed record Result(int Pairs, long PeakWorkingSet, long WorkingSetBefore, long Allocated, long HeapAfter, double Ms, double CpuSeconds);

        public static int Run(string[] args)
        {
            var nc = int.Parse(args[1], CultureInfo.InvariantCulture);
            var nu = int.Parse(args[2], CultureInfo.InvariantCulture);
            int? cap = args[3] == "none" ? null : int.Parse(args[3], CultureInfo.InvariantCulture);
            var input = InstanceGenerator.Generate(nc, nu, Plan.Seed(nc, nu));
            Measure.Quiesce();
            long before;
            using (var p = Process.GetCurrentProcess()) before = p.WorkingSet64;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var t = Stopwatch.GetTimestamp();
            var model = new MatchingModel(input);
            var outcome = MatchingRound.Run(model, new RoundParameters(0, cap));
            var ms = Measure.Ms(t);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            long peak;
            double cpu;
            using (var p = Process.GetCurrentProcess()) (peak, cpu) = (p.PeakWorkingSet64, p.TotalProcessorTime.TotalSeconds);
            GC.KeepAlive(outcome);
            Console.Out.WriteLine("PROBE " + JsonSerializer.Serialize(new Result(outcome.EligiblePairs, peak, before, allocated, heap, ms, cpu)));
            return 0;
        }

        public static Result? Spawn(int candidates, int units, int? cap)
        {
            var exe = Environment.ProcessPath!;
            var start = new ProcessStartInfo(exe) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            foreach (var a in new[] { "--probe", candidates.ToString(CultureInfo.InvariantCulture), units.ToString(CultureInfo.InvariantCulture), cap?.ToString(CultureInfo.InvariantCulture) ?? "none" })
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("PROBE ", StringComparison.Ordinal));
            return process.ExitCode != 0 || line is null ? null : JsonSerializer.Deserialize<Result>(line["PROBE ".Length..]);
        }
    }
}
