using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Matching.Solvers;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// The greedy baseline of docs/matching.md §4, "the way Boston CAS works: the scarcest unit first (fewest eligible
/// candidates; ties by id), given the best remaining candidate (ties by id)", on hand-made pair sets. Candidate and
/// unit indexes are in id order, as the engine keeps them. The expected assignments are worked out by hand from that
/// sentence.
/// </summary>
public sealed class GreedyBaselineTests
{
    private static Assignment Greedy(int candidates, int units, params (int Unit, int Candidate, int Score)[] pairs) =>
        new GreedySolver().Solve(new AssignmentProblem(PairSet.FromPairs(candidates, units, pairs)));

    /// <summary>
    /// Unit 1 has one eligible candidate (0) and goes first, although unit 0 would score more with candidate 0;
    /// unit 0 then gets candidate 1. Most-abundant-first would give unit 0 candidate 0 and leave unit 1 empty.
    /// </summary>
    [Fact]
    public void TheScarcestUnitChoosesFirst()
    {
        var assignment = Greedy(2, 2, (0, 0, 9000), (0, 1, 8000), (1, 0, 5000));

        Assert.Equal([1, 0], assignment.CandidateOfUnit);
        Assert.Equal(13000, assignment.TotalScore);
        Assert.Equal(2, assignment.Count);
    }

    /// <summary>Two units with one eligible candidate each, the same one: the unit with the lower id gets it.</summary>
    [Fact]
    public void AmongEquallyScarceUnitsTheLowerIdChoosesFirst()
    {
        var assignment = Greedy(1, 2, (0, 0, 4000), (1, 0, 9000));

        Assert.Equal([0, -1], assignment.CandidateOfUnit);
        Assert.Equal(4000, assignment.TotalScore);
        Assert.Equal(1, assignment.Count);
    }

    [Fact]
    public void AUnitGetsItsBestScoringCandidate()
    {
        var assignment = Greedy(3, 1, (0, 0, 7000), (0, 1, 9000), (0, 2, 8000));

        Assert.Equal([1], assignment.CandidateOfUnit);
        Assert.Equal(9000, assignment.TotalScore);
    }

    [Fact]
    public void AmongEquallyScoringCandidatesTheLowerIdIsChosen()
    {
        var assignment = Greedy(3, 1, (0, 1, 8000), (0, 2, 8000), (0, 0, 5000));

        Assert.Equal([1], assignment.CandidateOfUnit);
    }

    /// <summary>"The best remaining candidate": one taken by a scarcer unit is not given out twice.</summary>
    [Fact]
    public void ACandidateTakenByAScarcerUnitIsNotGivenAgain()
    {
        var assignment = Greedy(2, 2, (0, 0, 3000), (1, 0, 9000), (1, 1, 1000));

        Assert.Equal([0, 1], assignment.CandidateOfUnit);
        Assert.Equal(4000, assignment.TotalScore);
    }

    /// <summary>
    /// docs/matching.md §4: at most maxProposalsPerGemeente proposals per municipality. Units 0 and 1 lie in
    /// municipality 0 with a cap of 1; unit 0 is scarcer and takes its candidate, unit 1 stays empty, unit 2 in
    /// municipality 1 is not held back by the cap of municipality 0.
    /// </summary>
    [Fact]
    public void TheCapHoldsPerMunicipality()
    {
        var pairs = PairSet.FromPairs(3, 3, [(0, 0, 5000), (1, 1, 9000), (1, 2, 8000), (2, 2, 7000)]);
        var problem = new AssignmentProblem(pairs, UnitGroup: [0, 0, 1], GroupCount: 2, Cap: 1);

        var assignment = new GreedySolver().Solve(problem);

        Assert.Equal([0, -1, 2], assignment.CandidateOfUnit);
        Assert.Equal(12000, assignment.TotalScore);
    }

    /// <summary>
    /// docs/matching.md §4: capped rounds are solved by MinCostFlow, uncapped ones by our sparse solver, and the greedy
    /// baseline runs on the same pairs of either kind of round (greedyTotalScore), so it must take caps too.
    /// </summary>
    [Fact]
    public void TheSolversSayWhetherTheyTakeCaps()
    {
        Assert.True(new GreedySolver().SupportsCaps);
        Assert.True(new MinCostFlowSolver().SupportsCaps);
        Assert.False(new SparseAssignmentSolver().SupportsCaps);
    }
}
