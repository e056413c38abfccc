using NML.Matching.Domain.Matching;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

public sealed class RankingTests
{
    // One flat in Venlo. Candidates, given out of id order on purpose:
    // 6: prefers Venlo and waits over a year (best); 1: prefers Venlo; 3 and 2: identical, from Venray (a tie, 2 first by id);
    // 4: cannot pay the rent (one rule); 5: not ready and too many people (two rules).
    private static MatchingModel Model()
    {
        var fromVenray = Candidate() with { HerkomstGemeente = Venray };
        return MatchingTestData.Model(
            [
                fromVenray with { Id = CandidateId(3) },
                Candidate(5) with { IsReady = false, Adults = 3 },
                Candidate(1) with { PreferredGemeenten = [Venlo] },
                Candidate(4) with { MaxRent = 500m },
                fromVenray with { Id = CandidateId(2) },
                Candidate(6) with { PreferredGemeenten = [Venlo], ReadySince = Today.AddDays(-400) },
            ],
            [Unit(1, Venlo)]);
    }

    [Fact]
    public void CandidatesForAUnitComeBestFirstWithTiesById()
    {
        var model = Model();
        var ranking = MatchingRankings.CandidatesForUnit(model, 0, 10, includeIneligible: false);

        Assert.Equal([CandidateId(6), CandidateId(1), CandidateId(2), CandidateId(3)], ranking.Eligible.Select(x => x.Id));
        Assert.Equal([1, 2, 3, 4], ranking.Eligible.Select(x => x.Rank));
        Assert.Equal(ranking.Eligible[2].Score, ranking.Eligible[3].Score);
        Assert.True(ranking.Eligible[0].Score > ranking.Eligible[1].Score);
        Assert.True(ranking.Eligible[1].Score > ranking.Eligible[2].Score);
    }

    [Fact]
    public void EachEligibleEntryCarriesItsScoreAndExplanation()
    {
        var model = Model();
        foreach (var entry in MatchingRankings.CandidatesForUnit(model, 0, 10, includeIneligible: false).Eligible)
        {
            Assert.True(entry.Eligible);
            Assert.Empty(entry.FailedRules);
            Assert.Equal(model.Candidates[entry.Index].Id, entry.Id);
            Assert.Equal(model.ScoreHundredths(entry.Index, 0) / 100.0, entry.Score);
            Assert.NotNull(entry.Breakdown);
            Assert.Equal(entry.Score, entry.Breakdown.Score);
        }
    }

    [Fact]
    public void TheEligibleCountIsTheNumberOfEligibleCandidatesWhateverTheLimit()
    {
        var model = Model();
        foreach (var limit in new[] { 0, 1, 2, 4, 10 })
        {
            var ranking = MatchingRankings.CandidatesForUnit(model, 0, limit, includeIneligible: false);
            Assert.Equal(4, ranking.EligibleCount);
            Assert.Equal(Math.Min(limit, 4), ranking.Eligible.Count);
        }
    }

    [Fact]
    public void TheLimitKeepsTheBest()
    {
        var ranking = MatchingRankings.CandidatesForUnit(Model(), 0, 3, includeIneligible: false);
        Assert.Equal([CandidateId(6), CandidateId(1), CandidateId(2)], ranking.Eligible.Select(x => x.Id));
    }

    [Fact]
    public void IneligibleCandidatesAppearOnlyWhenAskedFor()
    {
        var ranking = MatchingRankings.CandidatesForUnit(Model(), 0, 10, includeIneligible: false);
        Assert.Empty(ranking.Ineligible);
        Assert.DoesNotContain(ranking.Eligible, x => x.Id == CandidateId(4) || x.Id == CandidateId(5));
    }

    [Fact]
    public void IneligibleCandidatesComeWithEveryRuleTheyFail()
    {
        var model = Model();
        var ranking = MatchingRankings.CandidatesForUnit(model, 0, 10, includeIneligible: true);

        Assert.Equal(2, ranking.IneligibleCount);
        // Fewest failed rules first.
        Assert.Equal([CandidateId(4), CandidateId(5)], ranking.Ineligible.Select(x => x.Id));
        Assert.Equal(["rent-too-high"], ranking.Ineligible[0].FailedRules);
        Assert.Equal(["candidate-not-ready", "too-many-occupants"], ranking.Ineligible[1].FailedRules);
        Assert.All(ranking.Ineligible, x =>
        {
            Assert.False(x.Eligible);
            Assert.Null(x.Breakdown);
            Assert.Equal(EligibilityRules.Codes(model.Check(x.Index, 0)), x.FailedRules);
            Assert.Equal(model.ScoreHundredths(x.Index, 0) / 100.0, x.Score);
        });
        // Asking for the ineligible ones changes nothing about the eligible ones.
        Assert.Equal(4, ranking.EligibleCount);
        Assert.Equal(4, ranking.Eligible.Count);
    }

    [Fact]
    public void TheLimitAlsoAppliesToTheIneligibleButNotToTheirCount()
    {
        var ranking = MatchingRankings.CandidatesForUnit(Model(), 0, 1, includeIneligible: true);
        Assert.Single(ranking.Eligible);
        Assert.Equal(CandidateId(4), Assert.Single(ranking.Ineligible).Id);
        Assert.Equal(2, ranking.IneligibleCount);
    }

    [Fact]
    public void UnitsForACandidateComeBestFirstWithTheirFailedRules()
    {
        var model = MatchingTestData.Model(
            [Candidate(1) with { PreferredGemeenten = [Venray, Venlo] }],
            [Unit(4, Venlo), Unit(2, Venray), Unit(3, Venray), Unit(1, Roermond), Unit(5, Venlo) with { BasicRent = 900m }, Unit(6, Maastricht)]);
        var ranking = MatchingRankings.UnitsForCandidate(model, 0, 10, includeIneligible: true);

        Assert.Equal([UnitId(2), UnitId(3), UnitId(4), UnitId(1)], ranking.Eligible.Select(x => x.Id));
        Assert.Equal(4, ranking.EligibleCount);
        Assert.Equal([UnitId(5), UnitId(6)], ranking.Ineligible.Select(x => x.Id));
        Assert.Equal(["rent-too-high"], ranking.Ineligible[0].FailedRules);
        Assert.Equal(["other-region"], ranking.Ineligible[1].FailedRules);
    }

    [Fact]
    public void RankingsAgreeWithCheckAndScoreOnRandomInputs()
    {
        var ineligibleChecked = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            var instance = RandomInstances.Create(seed);
            var model = new MatchingModel(instance.Input);
            for (var u = 0; u < model.Units.Count; u++)
            {
                var expected = Enumerable.Range(0, model.Candidates.Count)
                    .Where(c => model.Check(c, u) == EligibilityRule.None)
                    .OrderByDescending(c => model.ScoreHundredths(c, u)).ThenBy(c => model.Candidates[c].Id)
                    .Select(c => model.Candidates[c].Id).ToList();
                var ranking = MatchingRankings.CandidatesForUnit(model, u, 5, includeIneligible: true);
                Assert.Equal(expected.Take(5), ranking.Eligible.Select(x => x.Id));
                Assert.Equal(expected.Count, ranking.EligibleCount);
                Assert.Equal(model.Candidates.Count - expected.Count, ranking.IneligibleCount);
                Assert.All(ranking.Ineligible, x => Assert.Equal(EligibilityRules.Codes(model.Check(x.Index, u)), x.FailedRules));
                ineligibleChecked += ranking.Ineligible.Count;
            }
            for (var c = 0; c < model.Candidates.Count; c++)
            {
                var expected = Enumerable.Range(0, model.Units.Count)
                    .Where(u => model.Check(c, u) == EligibilityRule.None)
                    .OrderByDescending(u => model.ScoreHundredths(c, u)).ThenBy(u => model.Units[u].Id)
                    .Select(u => model.Units[u].Id).ToList();
                var ranking = MatchingRankings.UnitsForCandidate(model, c, 5, includeIneligible: false);
                Assert.Equal(expected.Take(5), ranking.Eligible.Select(x => x.Id));
                Assert.Equal(expected.Count, ranking.EligibleCount);
                Assert.Empty(ranking.Ineligible);
            }
        }
        // The random inputs do give ineligible candidates, so their failed rules were compared.
        Assert.True(ineligibleChecked > 0);
    }
}
