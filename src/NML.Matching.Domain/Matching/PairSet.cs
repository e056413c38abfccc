namespace NML.Matching.Domain.Matching;

/// <summary>
/// The eligible pairs scoring at least the minimum, grouped by unit (compressed rows): memory grows with the
/// eligible pairs, never with candidates × units. Built in parallel over blocks of units and merged in unit
/// order, so the result does not depend on thread timing.
/// </summary>
public sealed class PairSet
{
    private PairSet(int candidateCount, int unitCount, int[] unitStart, int[] candidate, int[] score, long evaluated)
    {
        CandidateCount = candidateCount;
        UnitCount = unitCount;
        UnitStart = unitStart;
        Candidate = candidate;
        Score = score;
        Evaluated = evaluated;
    }

    public int CandidateCount { get; }
    public int UnitCount { get; }

    /// <summary>Pairs of unit u are at positions UnitStart[u] .. UnitStart[u+1]-1.</summary>
    public int[] UnitStart { get; }

    /// <summary>The candidate index of each pair.</summary>
    public int[] Candidate { get; }

    /// <summary>The score of each pair in hundredths of a point.</summary>
    public int[] Score { get; }

    public int Count => Candidate.Length;

    /// <summary>How many pairs were looked at.</summary>
    public long Evaluated { get; }

    /// <summary>The share of all pairs that are eligible (and score at least the minimum).</summary>
    public double Density => Evaluated == 0 ? 0 : Count / (double)Evaluated;

    public static PairSet Build(MatchingModel model, int minScoreHundredths, int? maxDegreeOfParallelism = null)
    {
        var nu = model.Units.Count;
        var nc = model.Candidates.Count;
        const int block = 32;
        var blocks = (nu + block - 1) / block;
        var candidates = new List<int>[blocks];
        var scores = new List<int>[blocks];
        var counts = new int[nu];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount }, b =>
        {
            var localCandidates = new List<int>();
            var localScores = new List<int>();
            var end = Math.Min(nu, (b + 1) * block);
            for (var u = b * block; u < end; u++)
            {
                var before = localCandidates.Count;
                for (var c = 0; c < nc; c++)
                {
                    if (model.Check(c, u) != EligibilityRule.None) continue;
                    var score = model.ScoreHundredths(c, u);
                    if (score < minScoreHundredths) continue;
                    localCandidates.Add(c);
                    localScores.Add(score);
                }
                counts[u] = localCandidates.Count - before;
            }
            candidates[b] = localCandidates;
            scores[b] = localScores;
        });

        var unitStart = new int[nu + 1];
        for (var u = 0; u < nu; u++) unitStart[u + 1] = unitStart[u] + counts[u];
        var allCandidates = new int[unitStart[nu]];
        var allScores = new int[unitStart[nu]];
        var offset = 0;
        for (var b = 0; b < blocks; b++)
        {
            candidates[b].CopyTo(allCandidates, offset);
            scores[b].CopyTo(allScores, offset);
            offset += candidates[b].Count;
        }
        return new PairSet(nc, nu, unitStart, allCandidates, allScores, (long)nc * nu);
    }

    /// <summary>A pair set from explicit pairs (tests and benchmarks of the solvers alone).</summary>
    public static PairSet FromPairs(int candidateCount, int unitCount, IEnumerable<(int Unit, int Candidate, int Score)> pairs)
    {
        var ordered = pairs.OrderBy(p => p.Unit).ThenBy(p => p.Candidate).ToList();
        var unitStart = new int[unitCount + 1];
        foreach (var p in ordered) unitStart[p.Unit + 1]++;
        for (var u = 0; u < unitCount; u++) unitStart[u + 1] += unitStart[u];
        return new PairSet(candidateCount, unitCount, unitStart, [.. ordered.Select(p => p.Candidate)], [.. ordered.Select(p => p.Score)], (long)candidateCount * unitCount);
    }
}
