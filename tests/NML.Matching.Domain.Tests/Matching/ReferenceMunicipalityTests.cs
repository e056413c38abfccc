using NML.Matching.Domain.Matching;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// docs/matching.md §2 "gemeente" at its edges: the herkomstgemeente as the one preference, distances measured from
/// the preferences and the herkomstgemeente, and "with no reference municipality at all, v = 0". Each case also
/// checks that the score the solvers use equals the sum of the explained breakdown ("the score is exactly the sum of
/// its breakdown"), since the two are computed apart. Beesel (GM0889) and Bergen (GM0893) are the first two
/// municipalities in code order, and Maastricht-Heuvelland (MH) is the first region in code order: the edges of the
/// engine's own numbering.
/// </summary>
public sealed class ReferenceMunicipalityTests
{
    private const int GemeenteLine = 0;

    private static double GemeenteValue(MatchingModel model) => model.Explain(0, 0).Criteria[GemeenteLine].Value;

    private static void AssertScoreIsTheSumOfTheBreakdown(MatchingModel model) =>
        Assert.Equal((int)Math.Round(model.Explain(0, 0).Score * 100), model.ScoreHundredths(0, 0));

    [Fact]
    public void WithoutPreferencesTheHerkomstgemeenteIsTheOnePreference()
    {
        var model = Model([Candidate(1) with { HerkomstGemeente = Beesel }], [Unit(1, Beesel)]);

        Assert.Equal(Criteria.Gemeente, model.Explain(0, 0).Criteria[GemeenteLine].Criterion);
        Assert.Equal(1.0, GemeenteValue(model));
        AssertScoreIsTheSumOfTheBreakdown(model);
    }

    /// <summary>Preferences [Venlo], from Beesel, a unit in Beesel: not a preference, at distance 0 from the herkomstgemeente, so v = 0.35 · (1 − 0/40).</summary>
    [Fact]
    public void TheHerkomstgemeenteCountsForDistanceBesideThePreferences()
    {
        var model = Model([Candidate(1) with { HerkomstGemeente = Beesel, PreferredGemeenten = [Venlo] }], [Unit(1, Beesel)]);

        Assert.Equal(MatchingDocument.DistanceFactor, GemeenteValue(model), 4);
        AssertScoreIsTheSumOfTheBreakdown(model);
    }

    /// <summary>
    /// A preference the input does not describe makes no other municipality a preference: from Venlo with preferences
    /// [GM9999, Venlo], a unit in Beesel is valued by its distance to Venlo, v = 0.35 · (1 − d / 40).
    /// </summary>
    [Fact]
    public void AnUndescribedPreferenceMakesNoOtherMunicipalityPreferred()
    {
        var model = Model([Candidate(1) with { HerkomstGemeente = Venlo, PreferredGemeenten = ["GM9999", Venlo] }], [Unit(1, Beesel)]);
        var (beesel, venlo) = (Gemeente(Beesel), Gemeente(Venlo));
        var km = MatchingDocument.HaversineKm(beesel.Latitude, beesel.Longitude, venlo.Latitude, venlo.Longitude);

        Assert.InRange(km, 5, 40);
        Assert.Equal(MatchingDocument.DistanceFactor * (1 - (km / 40)), GemeenteValue(model), 4);
        AssertScoreIsTheSumOfTheBreakdown(model);
    }

    /// <summary>A candidate whose herkomstgemeente the input does not describe, without preferences, has no reference municipality: v = 0.</summary>
    [Fact]
    public void WithNoReferenceMunicipalityTheValueIsZero()
    {
        var model = Model([Candidate(1) with { HerkomstGemeente = "GM9999" }], [Unit(1, Bergen)]);

        Assert.Equal(0, GemeenteValue(model));
        AssertScoreIsTheSumOfTheBreakdown(model);
    }

    /// <summary>docs/matching.md §1, other-region: only a unit in another region than the candidate's fails it.</summary>
    [Fact]
    public void APairInsideTheFirstRegionIsNotInAnotherRegion()
    {
        var candidate = Candidate(1) with { RegionCode = Mh, HerkomstGemeente = Maastricht };
        var model = Model([candidate, Candidate(2)], [Unit(1, Maastricht), Unit(2, Vaals)]);

        Assert.Equal(EligibilityRule.None, model.Check(0, 0));
        Assert.Equal(EligibilityRule.None, model.Check(0, 1));
        Assert.Equal(EligibilityRule.OtherRegion, model.Check(1, 0));
    }
}
