using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Matching.Solvers;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// The pairs a round works on and what it reports about them: docs/matching.md §4 ("each eligible and scoring at
/// least minScore", "in parallel over blocks of units"), docs/api.md ("minScore: pairs scoring below it are not
/// proposed", inputHash) and docs/performance.md ("Density is eligible pairs / (candidates × units)").
/// </summary>
public sealed class PairSetAndRoundTests
{
    /// <summary>Two candidates and three units; one unit's rent is above every candidate's maximum, so 4 of the 6 pairs are eligible.</summary>
    [Fact]
    public void DensityIsTheEligiblePairsOverAllPairs()
    {
        var model = Model([Candidate(1), Candidate(2)], [Unit(1), Unit(2), Unit(3) with { BasicRent = 900m }]);

        var pairs = PairSet.Build(model, 0);

        Assert.Equal(4, pairs.Count);
        Assert.Equal(6, pairs.Evaluated);
        Assert.Equal(4 / 6.0, pairs.Density, 10);
    }

    [Fact]
    public void NoPairsAtAllHaveADensityOfZero()
    {
        var pairs = PairSet.Build(Model([Candidate(1)], []), 0);

        Assert.Equal(0, pairs.Evaluated);
        Assert.Equal(0, pairs.Density);
    }

    /// <summary>"Pairs scoring below it are not proposed": a pair that scores exactly the minimum is.</summary>
    [Fact]
    public void APairScoringExactlyTheMinimumIsProposedAndOneBelowItIsNot()
    {
        var model = Model([Candidate(1)], [Unit(1)]);
        var score = model.ScoreHundredths(0, 0);
        Assert.True(score > 0);

        var atMinimum = MatchingRound.Run(model, new RoundParameters(MinScore: score / 100.0));
        var aboveIt = MatchingRound.Run(model, new RoundParameters(MinScore: (score + 1) / 100.0));

        Assert.Equal(score / 100.0, Assert.Single(atMinimum.Proposals).Score);
        Assert.Empty(aboveIt.Proposals);
        var left = Assert.Single(aboveIt.Unassigned);
        Assert.Equal(MatchingRound.NoEligibleUnit, left.Reason);
        Assert.Equal(1, left.BelowMinScore);
    }

    /// <summary>
    /// More units than one block of the parallel build (docs/matching.md §4): every unit's pairs are exactly the
    /// eligible candidates scoring at least the minimum, each pair once, whatever block the unit fell in.
    /// </summary>
    [Fact]
    public void ThePairsOfEveryUnitAreFoundWhateverBlockItFallsIn()
    {
        var candidates = Enumerable.Range(1, 3).Select(n => Candidate(n) with { MaxRent = 500m + (100m * n) }).ToList();
        var units = Enumerable.Range(1, 100).Select(n => Unit(n) with { BasicRent = 450m + (10m * (n % 40)) }).ToList();
        var model = Model(candidates, units);

        var pairs = PairSet.Build(model, 0, maxDegreeOfParallelism: 2);

        Assert.Equal(100, pairs.UnitCount);
        Assert.Equal(101, pairs.UnitStart.Length);
        var expectedCount = 0;
        for (var u = 0; u < model.Units.Count; u++)
        {
            var expected = Enumerable.Range(0, model.Candidates.Count).Where(c => model.Check(c, u) == EligibilityRule.None).ToList();
            expectedCount += expected.Count;
            var found = Enumerable.Range(pairs.UnitStart[u], pairs.UnitStart[u + 1] - pairs.UnitStart[u]).ToList();
            Assert.Equal(expected, found.Select(p => pairs.Candidate[p]));
            Assert.Equal(expected.Select(c => model.ScoreHundredths(c, u)), found.Select(p => pairs.Score[p]));
        }
        Assert.InRange(expectedCount, 1, 299);
        Assert.Equal(expectedCount, pairs.Count);
    }

    /// <summary>A solver that picks a pair outside the pair set is a bug that must not pass silently, even when the next unit has that candidate.</summary>
    [Fact]
    public void AnAssignmentOfAPairThatIsNotInThePairSetIsRefused()
    {
        var problem = new AssignmentProblem(PairSet.FromPairs(2, 2, [(0, 0, 5000), (1, 1, 6000)]));

        Assert.Throws<InvalidOperationException>(() => Assignment.From(problem, [1, -1]));
        Assert.Equal(11000, Assignment.From(problem, [0, 1]).TotalScore);
    }

    /// <summary>docs/api.md: "two rounds with the same hash had the same input" — the declined pairs are part of the input.</summary>
    [Fact]
    public void DeclinedPairsArePartOfTheInputHash()
    {
        var parameters = new RoundParameters();
        var plain = Model([Candidate(1)], [Unit(1)]);
        var declined = Model([Candidate(1)], [Unit(1)], declined: new HashSet<(Guid, Guid)> { (UnitId(1), CandidateId(1)) });
        var again = Model([Candidate(1)], [Unit(1)], declined: new HashSet<(Guid, Guid)> { (UnitId(1), CandidateId(1)) });

        Assert.NotEqual(MatchingRound.InputHash(plain, parameters), MatchingRound.InputHash(declined, parameters));
        Assert.Equal(MatchingRound.InputHash(declined, parameters), MatchingRound.InputHash(again, parameters));
    }

    /// <summary>
    /// docs/api.md: solver is sparse-shortest-augmenting-path without a cap and or-tools-mincostflow with one; a
    /// solver given to the round (as the tests and the benchmark do to compare them) is the one that runs.
    /// </summary>
    [Fact]
    public void ARoundUsesTheSolverItIsGivenAndOtherwiseTheOneForItsKind()
    {
        var model = Model([Candidate(1), Candidate(2)], [Unit(1), Unit(2)]);

        Assert.Equal("sparse-shortest-augmenting-path", MatchingRound.Run(model, new RoundParameters()).Solver);
        Assert.Equal("or-tools-mincostflow", MatchingRound.Run(model, new RoundParameters(MaxProposalsPerGemeente: 1)).Solver);
        var given = MatchingRound.Run(model, new RoundParameters(), new MinCostFlowSolver());
        Assert.Equal("or-tools-mincostflow", given.Solver);
        Assert.Equal(2, given.Proposals.Count);
    }

    /// <summary>docs/matching.md §2: weights are normalised by Σw; weights that add up to nothing cannot be.</summary>
    [Fact]
    public void WeightsThatAddUpToNothingAreRefused() =>
        Assert.Throws<ArgumentException>(() => Model([Candidate(1)], [Unit(1)], weights: new MatchingWeights(0, 0, 0, 0, 0, 0)));
}
