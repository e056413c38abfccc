using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

public sealed class ScoringTests
{
    private static readonly Guid ProviderElsewhere = new("dddddddd-0000-0000-0000-000000000004");

    /// <summary>Five candidates with different origins, preferences, needs and waiting times.</summary>
    private static IReadOnlyList<MatchCandidate> Candidates() =>
    [
        // From Venlo, wants Venlo, Venray or Horst; provider works in Noord.
        Candidate(1) with { PreferredGemeenten = [Venlo, Venray, Horst] },
        // From Roermond, no preferences, waiting over a year, urgent; wants low stimulus; provider works in Midden.
        Candidate(2) with
        {
            ProviderId = ProviderB, HerkomstGemeente = Roermond, SupportNeed = SupportNeed.Midden, PrikkelarmNeed = PrikkelarmNeed.Preferred,
            ReadySince = Today.AddDays(-400), Urgent = true,
        },
        // From Weert, which is excluded (harmful environment): nothing to measure distance from; ready only in 10 days.
        Candidate(3) with
        {
            ProviderId = ProviderB, HerkomstGemeente = Weert, ExcludedGemeenten = [Weert], SupportNeed = SupportNeed.Intensief,
            PrikkelarmNeed = PrikkelarmNeed.Required, ReadySince = Today.AddDays(10),
        },
        // From Gennep, prefers Midden-Limburg; a parent with a child, urgent.
        Candidate(4) with { HerkomstGemeente = Gennep, PreferredGemeenten = [Roermond, Leudal], Children = 1, RequiredBedrooms = 1, Urgent = true, ReadySince = Today.AddDays(-180) },
        // A provider without a known werkgebied: support is always handed over.
        Candidate(5) with { ProviderId = ProviderElsewhere, HerkomstGemeente = PeelEnMaas, PreferredGemeenten = [Beesel], ReadySince = Today.AddDays(-365) },
    ];

    private static IReadOnlyList<MatchUnit> Units() =>
    [
        Unit(1, Venlo),
        Unit(2, Venray) with { PrikkelarmLevel = 2, SupportOnSite = SupportOnSite.Nearby },
        Unit(3, Roermond) with { PrikkelarmLevel = 3, SupportOnSite = SupportOnSite.TwentyFourSeven },
        Unit(4, Weert) with { PrikkelarmLevel = 1, SupportOnSite = SupportOnSite.Nearby },
        Unit(5, Horst),
        Unit(6, Leudal) with { PrikkelarmLevel = 2 },
        Unit(7, Gennep) with { PrikkelarmLevel = 3, SupportOnSite = SupportOnSite.Nearby },
        Unit(8, Beesel) with { SupportOnSite = SupportOnSite.TwentyFourSeven },
        Unit(9, Nederweert),
        Unit(10, Maastricht),
    ];

    private static IEnumerable<(int C, int U)> AllPairs(MatchingModel model) =>
        from c in Enumerable.Range(0, model.Candidates.Count)
        from u in Enumerable.Range(0, model.Units.Count)
        select (c, u);

    private static readonly MatchingWeights[] SomeWeights =
    [
        new(),
        new(40, 10, 25, 10, 10, 5),
        new(1, 1, 1, 1, 1, 1),
        new(0, 0, 0, 0, 0, 7),
        new(33.3, 17.1, 12.9, 8.8, 4.4, 0.3),
        new(300, 200, 200, 150, 100, 50),
    ];

    /// <summary>
    /// The value of each criterion, computed with the tables and formulas of docs/matching.md §2
    /// (<see cref="MatchingDocument"/>), without the model and without <see cref="CriterionValues"/>. Null where the
    /// document gives no value (the "(ineligible)" cells of the prikkelarm table).
    /// </summary>
    private static Dictionary<string, double?> ExpectedValues(MatchingInput input, MatchCandidate c, MatchUnit u)
    {
        var herkomstExcluded = c.ExcludedGemeenten.Contains(c.HerkomstGemeente);
        IReadOnlyList<string> preferred = c.PreferredGemeenten.Count > 0 ? c.PreferredGemeenten : herkomstExcluded ? [] : [c.HerkomstGemeente];
        var references = preferred.Concat(herkomstExcluded ? [] : [c.HerkomstGemeente]).Distinct().ToList();
        var here = input.Gemeenten.Single(g => g.Code == u.Gemeente);
        double gemeente;
        var rank = preferred.ToList().IndexOf(u.Gemeente);
        if (rank >= 0) gemeente = MatchingDocument.PreferenceValues[rank];
        else if (references.Count == 0) gemeente = 0;
        else
        {
            var km = references.Select(r => input.Gemeenten.Single(g => g.Code == r))
                .Min(r => MatchingDocument.HaversineKm(here.Latitude, here.Longitude, r.Latitude, r.Longitude));
            gemeente = MatchingDocument.DistanceFactor * Math.Max(0, 1 - (km / input.Options.MaxDistanceKm));
        }

        var peers = input.Gemeenten.Where(g => g.RegionCode == here.RegionCode).ToList();
        var share = here.Population / (double)peers.Sum(g => g.Population);
        var spreiding = MatchingDocument.Spreiding(input.Placements.GetValueOrDefault(here.Code), peers.Sum(g => input.Placements.GetValueOrDefault(g.Code)),
            share, input.Options.SpreidingPseudoCount);
        var works = input.Werkgebied.TryGetValue(c.ProviderId, out var werkgebied) && werkgebied.Contains(u.Gemeente);

        return new Dictionary<string, double?>
        {
            [Criteria.Gemeente] = gemeente,
            [Criteria.Spreiding] = spreiding,
            [Criteria.Support] = MatchingDocument.Support(c.SupportNeed, u.SupportOnSite) * (works ? 1 : MatchingDocument.HandoverFactor),
            [Criteria.Prikkelarm] = MatchingDocument.Prikkelarm(c.PrikkelarmNeed, u.PrikkelarmLevel),
            [Criteria.Wachttijd] = MatchingDocument.Wachttijd(input.Today.DayNumber - c.ReadySince.DayNumber),
            [Criteria.Urgentie] = c.Urgent ? 1 : 0,
        };
    }

    [Fact]
    public void ThePointsOfTheCriteriaAddUpExactlyToTheScore()
    {
        foreach (var weights in SomeWeights)
        {
            var model = Model(Candidates(), Units(), weights, new MatchingOptions(AllowCrossRegion: true));
            foreach (var (c, u) in AllPairs(model))
            {
                var breakdown = model.Explain(c, u);
                var hundredths = breakdown.Criteria.Sum(x => (long)Math.Round(x.Points * 100));
                Assert.Equal(hundredths, (long)Math.Round(breakdown.Score * 100));
                Assert.Equal(breakdown.Score, breakdown.Criteria.Sum(x => x.Points), 9);
                Assert.All(breakdown.Criteria, x => Assert.Equal(x.Points, Math.Round(x.Points, 2), 12));
            }
        }
    }

    [Fact]
    public void TheExplainedScoreIsTheSolversScoreInHundredths()
    {
        foreach (var weights in SomeWeights)
        {
            var model = Model(Candidates(), Units(), weights);
            foreach (var (c, u) in AllPairs(model))
            {
                Assert.Equal(model.ScoreHundredths(c, u) / 100.0, model.Explain(c, u).Score);
                Assert.Equal(model.ScoreHundredths(c, u) / 100.0, model.Evaluate(c, u).Breakdown.Score);
            }
        }
    }

    [Fact]
    public void TheBreakdownEchoesTheWeightsInTheFixedOrderOfTheCriteria()
    {
        foreach (var weights in SomeWeights)
        {
            var model = Model(Candidates(), Units(), weights);
            double[] expected = [weights.Gemeente, weights.Spreiding, weights.Support, weights.Prikkelarm, weights.Wachttijd, weights.Urgentie];
            foreach (var (c, u) in AllPairs(model))
            {
                var breakdown = model.Explain(c, u);
                Assert.Equal(Criteria.All, breakdown.Criteria.Select(x => x.Criterion));
                Assert.Equal(expected, breakdown.Criteria.Select(x => x.Weight));
            }
        }
    }

    [Fact]
    public void WithDefaultWeightsEachCriterionAddsItsWeightTimesItsValue()
    {
        var input = Input(Candidates(), Units());
        var model = new MatchingModel(input);
        var compared = 0;
        foreach (var (c, u) in AllPairs(model))
        {
            var expected = ExpectedValues(input, model.Candidates[c], model.Units[u]);
            foreach (var line in model.Explain(c, u).Criteria)
            {
                if (expected[line.Criterion] is not { } value) continue;
                compared++;
                Assert.True(Math.Abs(line.Value - value) <= 0.00005, $"{line.Criterion} of ({c},{u}): value {line.Value}, expected {value}");
                Assert.True(Math.Abs(line.Points - (line.Weight * value)) <= 0.005, $"{line.Criterion} of ({c},{u}): {line.Points} points, expected {line.Weight} x {value}");
            }
        }
        // Every line of the 5 x 10 pairs but the six "(ineligible)" prikkelarm cells: candidate 3 (Required) with the
        // six units of level 0 or 1.
        Assert.Equal((5 * 10 * 6) - 6, compared);
    }

    [Fact]
    public void ScoresAreNormalisedSoDoublingEveryWeightChangesNothing()
    {
        foreach (var weights in SomeWeights)
        {
            var doubled = new MatchingWeights(weights.Gemeente * 2, weights.Spreiding * 2, weights.Support * 2, weights.Prikkelarm * 2, weights.Wachttijd * 2, weights.Urgentie * 2);
            var single = Model(Candidates(), Units(), weights);
            var twice = Model(Candidates(), Units(), doubled);
            foreach (var (c, u) in AllPairs(single))
            {
                Assert.Equal(single.ScoreHundredths(c, u), twice.ScoreHundredths(c, u));
                Assert.Equal(single.Explain(c, u).Score, twice.Explain(c, u).Score);
                Assert.Equal(single.Explain(c, u).Criteria.Select(x => x.Points), twice.Explain(c, u).Criteria.Select(x => x.Points));
            }
        }
    }

    [Fact]
    public void ScoresStayWithinZeroAndAHundred()
    {
        var random = new Random(7);
        var weights = SomeWeights.Concat(Enumerable.Range(0, 20).Select(_ =>
            new MatchingWeights(random.Next(0, 50), random.Next(0, 50), random.Next(0, 50), random.Next(0, 50), random.Next(0, 50), random.Next(1, 50))));
        foreach (var w in weights)
        {
            var model = Model(Candidates(), Units(), w, new MatchingOptions(AllowCrossRegion: true));
            foreach (var (c, u) in AllPairs(model))
            {
                Assert.InRange(model.ScoreHundredths(c, u), 0, 10000);
                Assert.InRange(model.Explain(c, u).Score, 0, 100);
            }
        }
    }

    [Fact]
    public void APairPerfectOnEveryCriterionScoresExactlyAHundred()
    {
        // First preference, no placements here yet (and no smoothing), provider works here, light support without
        // support on site, no stimulus need in an ordinary home, waiting a full year, urgent.
        var candidate = Candidate(1) with { PreferredGemeenten = [Venlo], ReadySince = Today.AddDays(-365), Urgent = true };
        var placements = new Dictionary<string, int> { [Roermond] = 5 };
        var model = Model([candidate], [Unit(1, Venlo)], options: new MatchingOptions(SpreidingPseudoCount: 0), placements: placements);
        Assert.Equal(10000, model.ScoreHundredths(0, 0));
        Assert.Equal(100, model.Explain(0, 0).Score);
        Assert.All(model.Explain(0, 0).Criteria, x => Assert.Equal(1, x.Value));
    }

    [Fact]
    public void EveryCriterionExplainsItself()
    {
        var model = Model(Candidates(), Units(), options: new MatchingOptions(AllowCrossRegion: true));
        foreach (var (c, u) in AllPairs(model))
        {
            Assert.All(model.Explain(c, u).Criteria, x => Assert.False(string.IsNullOrWhiteSpace(x.Reason), $"{x.Criterion} has no reason"));
        }
    }

    [Fact]
    public void TheFirstPreferredMunicipalityIsNamedAsFirstPreference()
    {
        var model = Model(Candidates(), Units());
        var c = IndexOf(model.Candidates, CandidateId(1));
        string GemeenteReason(int unit) => model.Explain(c, IndexOf(model.Units, UnitId(unit))).Criteria.Single(x => x.Criterion == Criteria.Gemeente).Reason;

        Assert.Contains("is 1e voorkeur", GemeenteReason(1));
        Assert.Contains("Venlo", GemeenteReason(1));
        Assert.Contains("is 2e voorkeur", GemeenteReason(2));
        Assert.Contains("is 3e voorkeur", GemeenteReason(5));
        Assert.DoesNotContain("e voorkeur", GemeenteReason(3));
        Assert.Contains("geen voorkeur", GemeenteReason(3));
    }

    [Fact]
    public void WithoutPreferencesTheHerkomstgemeenteCountsAsFirstPreference()
    {
        var model = Model(Candidates(), Units());
        var c = IndexOf(model.Candidates, CandidateId(2));
        var line = model.Explain(c, IndexOf(model.Units, UnitId(3))).Criteria.Single(x => x.Criterion == Criteria.Gemeente);
        Assert.Equal(1, line.Value);
        Assert.Contains("herkomstgemeente", line.Reason);
    }

    [Fact]
    public void APreferredMunicipalityAlwaysBeatsOneThatIsNot()
    {
        var model = Model(Candidates(), Units());
        var c = IndexOf(model.Candidates, CandidateId(1));
        double Gemeente(int unit) => model.Explain(c, IndexOf(model.Units, UnitId(unit))).Criteria.Single(x => x.Criterion == Criteria.Gemeente).Value;
        Assert.True(Gemeente(1) > Gemeente(2));
        Assert.True(Gemeente(2) > Gemeente(5));
        // Beesel is 11 km from Venlo but not preferred: less than the third preference.
        Assert.True(Gemeente(5) > Gemeente(8));
        Assert.True(Gemeente(8) > 0);
    }

    [Fact]
    public void AnExcludedHerkomstgemeenteLeavesNothingToMeasureDistanceFrom()
    {
        var model = Model(Candidates(), Units());
        var c = IndexOf(model.Candidates, CandidateId(3));
        Assert.All(Enumerable.Range(0, model.Units.Count), u =>
            Assert.Equal(0, model.Explain(c, u).Criteria.Single(x => x.Criterion == Criteria.Gemeente).Value));
    }

    [Fact]
    public void HandingSupportOverLowersTheScore()
    {
        var withProvider = Model([Candidate(1)], [Unit(1, Venlo)]);
        var elsewhere = Model([Candidate(1) with { ProviderId = ProviderElsewhere }], [Unit(1, Venlo)]);
        Assert.True(elsewhere.ScoreHundredths(0, 0) < withProvider.ScoreHundredths(0, 0));
        Assert.Contains("overgedragen", elsewhere.Explain(0, 0).Criteria.Single(x => x.Criterion == Criteria.Support).Reason);
    }

    [Fact]
    public void AMunicipalityWithManyPlacementsScoresLowerOnSpreiding()
    {
        // Venlo and Venray as peers: same candidate, same kind of unit; Venlo far above its share.
        var placements = new Dictionary<string, int> { [Venlo] = 40, [Venray] = 0 };
        var model = Model([Candidate(1) with { PreferredGemeenten = [Venlo, Venray] }], [Unit(1, Venlo), Unit(2, Venray)], placements: placements);
        var venlo = model.Explain(0, 0).Criteria.Single(x => x.Criterion == Criteria.Spreiding).Value;
        var venray = model.Explain(0, 1).Criteria.Single(x => x.Criterion == Criteria.Spreiding).Value;
        Assert.True(venlo < 0.5);
        Assert.True(venray > 0.5);
    }

    /// <summary>
    /// A preference naming a municipality the input does not describe (here Maastricht, left out of an NML-only
    /// input) must not make the solver's score and the explained score differ.
    /// </summary>
    [Fact]
    public void APreferenceOutsideTheInputDoesNotSplitTheScoreFromItsExplanation()
    {
        var candidate = Candidate(1) with { PreferredGemeenten = [Maastricht, Venlo] };
        var input = Input([candidate], [Unit(1, Venlo)]) with { Gemeenten = NmlGemeenten };
        var model = new MatchingModel(input);
        Assert.Equal(model.ScoreHundredths(0, 0) / 100.0, model.Explain(0, 0).Score);
    }

    /// <summary>
    /// SpreidingPseudoCount = 0 is accepted by <see cref="MatchingOptions"/>; in a region without any placement every
    /// municipality's spreading ratio is then 0/0. Values and ratios that reach explanations must stay finite.
    /// </summary>
    [Fact]
    public void WithoutPseudoCountAndWithoutPlacementsSpreidingStaysFinite()
    {
        var model = Model([Candidate(1)], [Unit(1, Venlo)], options: new MatchingOptions(SpreidingPseudoCount: 0), placements: new Dictionary<string, int>());
        var spreiding = model.Explain(0, 0).Criteria.Single(x => x.Criterion == Criteria.Spreiding);
        Assert.True(double.IsFinite(spreiding.Value), $"spreiding value is {spreiding.Value}");
        Assert.InRange(spreiding.Value, 0, 1);
        Assert.All(model.SpreidingInfo, f => Assert.True(double.IsFinite(f.Ratio) && double.IsFinite(f.Value), $"ratio {f.Ratio}, value {f.Value}"));
    }
    /// <summary>
    /// docs/matching.md §2, "A worked example", end to end through the engine: a candidate from Venlo with preferences
    /// [Venlo, Venray], support need Midden, prikkelarm Preferred, ready for 46 days, not urgent, whose provider works
    /// in Venlo; a unit in Venlo with support Nearby and prikkelarm level 2; Venlo has all 4 of the region's placements.
    /// Every figure below is copied from the document's table.
    /// </summary>
    [Fact]
    public void TheWorkedExampleOfTheDocumentScores6774()
    {
        // The example's populations: Venlo 103,500 of the region's 523,200.
        Assert.Equal(103_500, Gemeente(Venlo).Population);
        Assert.Equal(523_200, NmlGemeenten.Sum(g => g.Population));
        Assert.Contains(Venlo, DefaultWerkgebied[ProviderA]);
        var candidate = Candidate(1) with
        {
            HerkomstGemeente = Venlo, PreferredGemeenten = [Venlo, Venray], SupportNeed = SupportNeed.Midden,
            PrikkelarmNeed = PrikkelarmNeed.Preferred, ReadySince = Today.AddDays(-46), Urgent = false,
        };
        var unit = Unit(1, Venlo) with { SupportOnSite = SupportOnSite.Nearby, PrikkelarmLevel = 2 };
        var model = Model([candidate], [unit], placements: new Dictionary<string, int> { [Venlo] = 4 });

        var breakdown = model.Explain(0, 0);

        Assert.Equal(EligibilityRule.None, model.Check(0, 0));
        Assert.Equal(67.74, breakdown.Score);
        Assert.Equal(6774, model.ScoreHundredths(0, 0));
        Assert.Equal(Criteria.All, breakdown.Criteria.Select(x => x.Criterion));
        Assert.Equal([30.0, 20, 20, 15, 10, 5], breakdown.Criteria.Select(x => x.Weight));
        Assert.Equal([30.00, 4.48, 20.00, 12.00, 1.26, 0.00], breakdown.Criteria.Select(x => x.Points));
        double[] values = [1.000, 0.224, 1.0, 0.8, 0.126, 0];
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i], breakdown.Criteria[i].Value, 3);
        Assert.Equal(
            [
                "Venlo is 1e voorkeur",
                "Venlo: 4 recente plaatsingen, eerlijk aandeel 0.8 van 4 (verhouding 2.16)",
                "begeleiding in de buurt past goed bij begeleidingsbehoefte Midden",
                "Prikkelarm gewenst; woning heeft niveau 2",
                "46 dagen wachttijd",
                "Niet urgent",
            ],
            breakdown.Criteria.Select(x => x.Reason));
    }

    /// <summary>docs/matching.md §5: the defaults of the weights and of the options of the rules and the score.</summary>
    [Fact]
    public void TheDefaultsAreThoseOfTheDocument()
    {
        var weights = new MatchingWeights();
        Assert.Equal(30, weights.Gemeente);
        Assert.Equal(20, weights.Spreiding);
        Assert.Equal(20, weights.Support);
        Assert.Equal(15, weights.Prikkelarm);
        Assert.Equal(10, weights.Wachttijd);
        Assert.Equal(5, weights.Urgentie);

        var options = new MatchingOptions();
        Assert.Equal(90, options.AvailabilityWindowDays);
        Assert.Equal(40, options.MaxDistanceKm);
        Assert.False(options.AllowCrossRegion);
        Assert.Equal(FairShareKey.Population, options.FairShareKey);
        Assert.Equal(10, options.SpreidingPseudoCount);
    }

    /// <summary>
    /// docs/matching.md §2 "spreiding": the fair share is the population share of the region, or with
    /// <c>Matching:FairShareKey=Equal</c> an equal share. The worked example's Venlo (4 of the region's 4 placements):
    /// by population f = 103,500 / 523,200 = 0.198, ratio 2.16, v = 0.224 (the document's figures); with equal shares
    /// f = 1/14 (NML has 14 municipalities), ratio = (4 + 10/14) / (14 · 1/14) = 4.71, v = 2^(−4.71) = 0.038.
    /// </summary>
    [Theory]
    [InlineData(FairShareKey.Population, "Venlo: 4 recente plaatsingen, eerlijk aandeel 0.8 van 4 (verhouding 2.16)", 0.224)]
    [InlineData(FairShareKey.Equal, "Venlo: 4 recente plaatsingen, eerlijk aandeel 0.3 van 4 (verhouding 4.71)", 0.038)]
    public void TheFairShareIsThePopulationShareOrAnEqualShare(FairShareKey key, string reason, double value)
    {
        var model = Model([Candidate(1)], [Unit(1, Venlo)], options: new MatchingOptions(FairShareKey: key), placements: new Dictionary<string, int> { [Venlo] = 4 });
        var line = model.Explain(0, 0).Criteria.Single(x => x.Criterion == Criteria.Spreiding);
        Assert.Equal(reason, line.Reason);
        Assert.Equal(value, line.Value, 3);
    }
}
