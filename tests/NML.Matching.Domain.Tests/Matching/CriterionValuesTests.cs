using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tests.Matching;

public sealed class CriterionValuesTests
{
    private static readonly double[] FairShares = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5];
    private static readonly double[] PseudoCounts = [0, 1, 10];
    private static readonly double[] MaxDistances = [10, 25, 40, 80];

    private static IEnumerable<double> Kilometres() => Enumerable.Range(0, 401).Select(i => i * 0.25);

    /// <summary>
    /// The spreading grid: placements 0..50, region placements from placements up to 200. The single point with no
    /// placements at all and no pseudo-placements (0/0) is left out here; <see cref="SpreidingWithoutPseudoCountAndNoPlacementsIsAHalf"/> covers it.
    /// </summary>
    private static IEnumerable<(int Placements, int Region, double Share, double K)> SpreidingGrid()
    {
        foreach (var share in FairShares)
        {
            foreach (var k in PseudoCounts)
            {
                for (var p = 0; p <= 50; p++)
                {
                    for (var region = p; region <= 200; region++)
                    {
                        if (k == 0 && region == 0) continue;
                        yield return (p, region, share, k);
                    }
                }
            }
        }
    }

    private static void AssertUnit(double value, string what) =>
        Assert.True(value is >= 0 and <= 1, $"{what} = {value} is outside [0,1]");

    [Fact]
    public void PreferredRankStaysWithinZeroAndOne()
    {
        for (var rank = 0; rank <= 50; rank++) AssertUnit(CriterionValues.PreferredRank(rank), $"PreferredRank({rank})");
    }

    [Fact]
    public void PreferredRankFallsWithEveryLowerPreference()
    {
        Assert.Equal(1.0, CriterionValues.PreferredRank(0));
        for (var rank = 1; rank <= 4; rank++)
        {
            Assert.True(CriterionValues.PreferredRank(rank) < CriterionValues.PreferredRank(rank - 1), $"rank {rank} does not score below rank {rank - 1}");
        }
        for (var rank = 5; rank <= 20; rank++)
        {
            Assert.True(CriterionValues.PreferredRank(rank) <= CriterionValues.PreferredRank(rank - 1), $"rank {rank} scores above rank {rank - 1}");
        }
    }

    [Fact]
    public void EveryPreferredRankBeatsTheBestMunicipalityThatIsNotPreferred()
    {
        for (var rank = 0; rank <= 4; rank++)
        {
            Assert.True(CriterionValues.PreferredRank(rank) > CriterionValues.NotPreferredCeiling, $"rank {rank} does not beat the not-preferred ceiling");
        }
    }

    [Fact]
    public void DistanceNeverReachesAboveTheNotPreferredCeilingOrBelowZero()
    {
        foreach (var max in MaxDistances.Append(0).Append(-5))
        {
            foreach (var km in Kilometres())
            {
                var value = CriterionValues.Distance(km, max);
                AssertUnit(value, $"Distance({km}, {max})");
                Assert.True(value <= CriterionValues.NotPreferredCeiling, $"Distance({km}, {max}) = {value} beats the ceiling");
            }
        }
    }

    [Fact]
    public void DistanceIsTheCeilingAtZeroKilometres()
    {
        foreach (var max in MaxDistances) Assert.Equal(CriterionValues.NotPreferredCeiling, CriterionValues.Distance(0, max), 12);
    }

    [Fact]
    public void DistanceNeverRisesWithMoreKilometres()
    {
        foreach (var max in MaxDistances)
        {
            var previous = double.MaxValue;
            foreach (var km in Kilometres())
            {
                var value = CriterionValues.Distance(km, max);
                Assert.True(value <= previous, $"Distance({km}, {max}) = {value} rises above {previous}");
                previous = value;
            }
        }
    }

    [Fact]
    public void DistanceIsZeroAtAndBeyondTheMaximum()
    {
        foreach (var max in MaxDistances)
        {
            Assert.Equal(0, CriterionValues.Distance(max, max));
            Assert.Equal(0, CriterionValues.Distance(max + 0.01, max));
            Assert.Equal(0, CriterionValues.Distance(max * 3, max));
            Assert.True(CriterionValues.Distance(max - 0.5, max) > 0);
        }
    }

    [Fact]
    public void SpreidingStaysWithinZeroAndOneOverTheWholeGrid()
    {
        foreach (var (p, region, share, k) in SpreidingGrid())
        {
            AssertUnit(CriterionValues.Spreiding(p, region, share, k), $"Spreiding({p}, {region}, {share}, {k})");
        }
    }

    [Fact]
    public void OneMorePlacementInAMunicipalityNeverRaisesItsSpreiding()
    {
        foreach (var (p, region, share, k) in SpreidingGrid())
        {
            if (region >= 200) continue;
            var before = CriterionValues.Spreiding(p, region, share, k);
            var after = CriterionValues.Spreiding(p + 1, region + 1, share, k);
            Assert.True(after <= before + 1e-12, $"Spreiding({p + 1}, {region + 1}, {share}, {k}) = {after} > Spreiding({p}, {region}, {share}, {k}) = {before}");
        }
    }

    [Fact]
    public void OnePlacementFromZeroLowersSpreidingEvenWithoutPseudoCount()
    {
        // The step from "no placements in the region" to "one, here" must also not raise the value.
        foreach (var share in FairShares)
        {
            Assert.True(CriterionValues.Spreiding(1, 1, share, 1) < CriterionValues.Spreiding(0, 0, share, 1));
            Assert.True(CriterionValues.Spreiding(1, 1, share, 10) < CriterionValues.Spreiding(0, 0, share, 10));
        }
    }

    [Fact]
    public void SpreidingIsAHalfWhenNobodyHasBeenPlacedYet()
    {
        foreach (var share in FairShares)
        {
            foreach (var k in new[] { 1.0, 10.0 })
            {
                Assert.Equal(0.5, CriterionValues.Spreiding(0, 0, share, k), 9);
            }
        }
    }

    [Fact]
    public void SpreidingIsAHalfAtTheFairShareAndAQuarterAtTwiceIt()
    {
        // With k = 0: 10 of 100 placements at a 10 % share is exactly the share; 20 of 100 twice it.
        Assert.Equal(0.5, CriterionValues.Spreiding(10, 100, 0.1, 0), 9);
        Assert.Equal(0.25, CriterionValues.Spreiding(20, 100, 0.1, 0), 9);
        Assert.True(CriterionValues.Spreiding(0, 100, 0.1, 10) > 0.5);
    }

    [Fact]
    public void SpreidingIsZeroForAMunicipalityWithoutAFairShare()
    {
        Assert.Equal(0, CriterionValues.Spreiding(3, 10, 0, 10));
        Assert.Equal(double.PositiveInfinity, CriterionValues.SpreidingRatio(3, 10, 0, 10));
    }

    [Fact]
    public void SupportStaysWithinZeroAndOne()
    {
        foreach (var need in Enum.GetValues<SupportNeed>())
        {
            foreach (var onSite in Enum.GetValues<SupportOnSite>())
            {
                AssertUnit(CriterionValues.SupportFit(need, onSite), $"SupportFit({need}, {onSite})");
                AssertUnit(CriterionValues.Support(need, onSite, true), $"Support({need}, {onSite}, true)");
                AssertUnit(CriterionValues.Support(need, onSite, false), $"Support({need}, {onSite}, false)");
            }
        }
    }

    [Fact]
    public void ForLightSupportTwentyFourSevenOnSiteScoresLowest()
    {
        var twentyFourSeven = CriterionValues.SupportFit(SupportNeed.Licht, SupportOnSite.TwentyFourSeven);
        Assert.True(twentyFourSeven < CriterionValues.SupportFit(SupportNeed.Licht, SupportOnSite.None));
        Assert.True(twentyFourSeven < CriterionValues.SupportFit(SupportNeed.Licht, SupportOnSite.Nearby));
    }

    [Fact]
    public void ForIntensiveSupportTwentyFourSevenOnSiteScoresHighest()
    {
        var twentyFourSeven = CriterionValues.SupportFit(SupportNeed.Intensief, SupportOnSite.TwentyFourSeven);
        Assert.True(twentyFourSeven > CriterionValues.SupportFit(SupportNeed.Intensief, SupportOnSite.None));
        Assert.True(twentyFourSeven > CriterionValues.SupportFit(SupportNeed.Intensief, SupportOnSite.Nearby));
    }

    [Fact]
    public void HandingSupportOverToAnotherProviderLowersTheValue()
    {
        foreach (var need in Enum.GetValues<SupportNeed>())
        {
            foreach (var onSite in Enum.GetValues<SupportOnSite>())
            {
                Assert.True(CriterionValues.Support(need, onSite, false) < CriterionValues.Support(need, onSite, true), $"hand-over does not lower ({need}, {onSite})");
            }
        }
    }

    [Fact]
    public void PrikkelarmStaysWithinZeroAndOneForEveryLevel()
    {
        foreach (var need in Enum.GetValues<PrikkelarmNeed>())
        {
            for (var level = -3; level <= 8; level++) AssertUnit(CriterionValues.Prikkelarm(need, level), $"Prikkelarm({need}, {level})");
        }
    }

    [Theory]
    [InlineData(PrikkelarmNeed.Required)]
    [InlineData(PrikkelarmNeed.Preferred)]
    public void WhoNeedsOrWantsLowStimulusGainsWithEveryLevel(PrikkelarmNeed need)
    {
        for (var level = 1; level <= 3; level++)
        {
            Assert.True(CriterionValues.Prikkelarm(need, level) >= CriterionValues.Prikkelarm(need, level - 1), $"{need} falls from level {level - 1} to {level}");
        }
        Assert.True(CriterionValues.Prikkelarm(need, 3) > CriterionValues.Prikkelarm(need, 0));
    }

    [Fact]
    public void WhoDoesNotNeedLowStimulusNeverGainsFromAHigherLevel()
    {
        for (var level = 1; level <= 3; level++)
        {
            Assert.True(CriterionValues.Prikkelarm(PrikkelarmNeed.None, level) <= CriterionValues.Prikkelarm(PrikkelarmNeed.None, level - 1), $"None rises from level {level - 1} to {level}");
        }
        Assert.True(CriterionValues.Prikkelarm(PrikkelarmNeed.None, 3) < CriterionValues.Prikkelarm(PrikkelarmNeed.None, 0));
    }

    [Fact]
    public void WachttijdStaysWithinZeroAndOne()
    {
        for (var days = -1000; days <= 3000; days++) AssertUnit(CriterionValues.Wachttijd(days), $"Wachttijd({days})");
    }

    [Fact]
    public void WachttijdGrowsUpToAYearAndThenStops()
    {
        for (var days = 1; days <= 365; days++) Assert.True(CriterionValues.Wachttijd(days) > CriterionValues.Wachttijd(days - 1));
        Assert.Equal(1.0, CriterionValues.Wachttijd(365));
        Assert.Equal(1.0, CriterionValues.Wachttijd(366));
        Assert.Equal(1.0, CriterionValues.Wachttijd(5000));
        Assert.Equal(0.2, CriterionValues.Wachttijd(73), 12);
    }

    [Fact]
    public void WachttijdIsZeroBeforeTheCandidateIsReady()
    {
        Assert.Equal(0, CriterionValues.Wachttijd(0));
        Assert.Equal(0, CriterionValues.Wachttijd(-1));
        Assert.Equal(0, CriterionValues.Wachttijd(-400));
        Assert.Equal(0, CriterionValues.Wachttijd(int.MinValue));
    }

    [Fact]
    public void UrgentieIsOneOrZero()
    {
        Assert.Equal(1, CriterionValues.Urgentie(true));
        Assert.Equal(0, CriterionValues.Urgentie(false));
    }

    [Fact]
    public void VenloToRoermondIsAboutTwentyThreeKilometres()
    {
        var venlo = MatchingTestData.Gemeente(MatchingTestData.Venlo);
        var roermond = MatchingTestData.Gemeente(MatchingTestData.Roermond);
        var km = CriterionValues.HaversineKm(venlo.Latitude, venlo.Longitude, roermond.Latitude, roermond.Longitude);

        // Independent check: equirectangular approximation, good to metres over this distance.
        var meanLat = (venlo.Latitude + roermond.Latitude) / 2 * Math.PI / 180;
        var dy = (roermond.Latitude - venlo.Latitude) * Math.PI / 180 * 6371;
        var dx = (roermond.Longitude - venlo.Longitude) * Math.PI / 180 * 6371 * Math.Cos(meanLat);
        Assert.Equal(Math.Sqrt((dx * dx) + (dy * dy)), km, 1);
        Assert.InRange(km, 23.2, 23.6);
    }

    [Fact]
    public void HaversineIsSymmetricAndZeroForOnePlace()
    {
        foreach (var a in MatchingTestData.AllGemeenten)
        {
            Assert.Equal(0, CriterionValues.HaversineKm(a.Latitude, a.Longitude, a.Latitude, a.Longitude), 9);
            foreach (var b in MatchingTestData.AllGemeenten)
            {
                Assert.Equal(CriterionValues.HaversineKm(a.Latitude, a.Longitude, b.Latitude, b.Longitude), CriterionValues.HaversineKm(b.Latitude, b.Longitude, a.Latitude, a.Longitude), 9);
            }
        }
    }

    /// <summary>
    /// With SpreidingPseudoCount = 0 (a value <see cref="MatchingOptions"/> accepts) and no placements in the region,
    /// the ratio is 0/0. "No placements at all" should mean "at the fair share" (0.5), as it does for k &gt; 0.
    /// </summary>
    [Fact]
    public void SpreidingWithoutPseudoCountAndNoPlacementsIsAHalf()
    {
        foreach (var share in FairShares)
        {
            Assert.Equal(0.5, CriterionValues.Spreiding(0, 0, share, 0), 9);
        }
    }

    // Known answers: each figure below is written from docs/matching.md (section named in the comment), never computed
    // with the code under test. A number changed in the engine without the document fails one of these.

    /// <summary>§2 "gemeente": v = 1 − 0.15 · r, "(1.00, 0.85, 0.70, 0.55, 0.40)".</summary>
    [Theory]
    [InlineData(0, 1.00)]
    [InlineData(1, 0.85)]
    [InlineData(2, 0.70)]
    [InlineData(3, 0.55)]
    [InlineData(4, 0.40)]
    public void APreferenceIsWorthWhatTheDocumentSays(int rank, double value)
    {
        Assert.Equal(value, CriterionValues.PreferredRank(rank), 12);
        Assert.Equal(value, MatchingDocument.PreferenceValues[rank], 12);
    }

    /// <summary>§2 "gemeente": v = 0.35 · max(0, 1 − d / Matching:MaxDistanceKm), MaxDistanceKm 40 by default.</summary>
    [Theory]
    [InlineData(0, 0.35)]
    [InlineData(10, 0.2625)]
    [InlineData(20, 0.175)]
    [InlineData(30, 0.0875)]
    [InlineData(40, 0)]
    [InlineData(55, 0)]
    public void ANonPreferredMunicipalityIsWorthThirtyFiveHundredthsFallingToZeroAtFortyKilometres(double km, double value)
    {
        Assert.Equal(0.35, CriterionValues.NotPreferredCeiling);
        Assert.Equal(value, CriterionValues.Distance(km, 40), 12);
    }

    /// <summary>§2 "gemeente": haversine with earth radius 6371 km, so one degree of latitude is 6371 · π / 180 = 111.195 km.</summary>
    [Fact]
    public void OneDegreeOfLatitudeIsTheDocumentsEarthRadiusTimesPiOver180()
    {
        Assert.Equal(111.195, CriterionValues.HaversineKm(51, 6, 52, 6), 3);
        Assert.Equal(111.195, CriterionValues.HaversineKm(0, 0, 0, 1), 3);
    }

    /// <summary>§2 "support": the table, need × support on site, before the hand-over factor.</summary>
    [Theory]
    [MemberData(nameof(MatchingDocument.SupportTable), MemberType = typeof(MatchingDocument))]
    public void SupportFitsAsTheTableSays(SupportNeed need, SupportOnSite onSite, double value)
    {
        Assert.Equal(value, CriterionValues.SupportFit(need, onSite), 12);
        Assert.Equal(value, CriterionValues.Support(need, onSite, providerWorksThere: true), 12);
    }

    /// <summary>§2 "support": "multiplied by 0.7 when the candidate's care provider does not work in the unit's municipality".</summary>
    [Theory]
    [MemberData(nameof(MatchingDocument.SupportTable), MemberType = typeof(MatchingDocument))]
    public void HandingSupportOverMultipliesBySevenTenths(SupportNeed need, SupportOnSite onSite, double value)
    {
        Assert.Equal(0.7, CriterionValues.HandoverFactor);
        Assert.Equal(value * 0.7, CriterionValues.Support(need, onSite, providerWorksThere: false), 12);
    }

    /// <summary>§2 "prikkelarm": the table, need × the unit's level.</summary>
    [Theory]
    [MemberData(nameof(MatchingDocument.PrikkelarmTable), MemberType = typeof(MatchingDocument))]
    public void PrikkelarmFitsAsTheTableSays(PrikkelarmNeed need, int level, double value)
    {
        Assert.Equal(value, CriterionValues.Prikkelarm(need, level), 12);
    }

    /// <summary>§2 "prikkelarm": Required at level 0 and 1 is "(ineligible)"; §1: prikkelarm-required when the level is below 2.</summary>
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    public void RequiredLowStimulusBelowLevelTwoIsIneligible(int level, bool ineligible)
    {
        var candidate = MatchingTestData.Candidate(1) with { PrikkelarmNeed = PrikkelarmNeed.Required };
        var model = MatchingTestData.Model([candidate], [MatchingTestData.Unit(1) with { PrikkelarmLevel = level }]);
        Assert.Equal(ineligible ? EligibilityRule.PrikkelarmRequired : EligibilityRule.None, model.Check(0, 0));
    }

    /// <summary>§2 "wachttijd": min(max(today − readySince, 0), 365) / 365; the worked example's 46 days give 0.126.</summary>
    [Theory]
    [InlineData(-30, 0)]
    [InlineData(0, 0)]
    [InlineData(46, 0.126)]
    [InlineData(73, 0.2)]
    [InlineData(146, 0.4)]
    [InlineData(292, 0.8)]
    [InlineData(365, 1)]
    [InlineData(366, 1)]
    [InlineData(1000, 1)]
    public void WaitingCountsUpToAYear(int days, double value)
    {
        Assert.Equal(365, CriterionValues.WaitCapDays);
        Assert.Equal(value, CriterionValues.Wachttijd(days), 3);
    }

    /// <summary>
    /// §2 "spreiding": ratio = (p + k·f) / ((P + k)·f), v = 2^(−ratio). "No placements anywhere gives ratio 1 and v = 0.5";
    /// "twice the fair share v ≈ 0.25"; the worked example: Venlo 4 of 4, f = 103,500 / 523,200, k = 10: ratio 2.16, v 0.224.
    /// The fourth row is the formula by hand: (2 + 10·0.1) / ((10 + 10)·0.1) = 1.5, 2^(−1.5) = 0.35355.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 0.198, 10, 1.0, 0.5, 9)]
    [InlineData(20, 100, 0.1, 0, 2.0, 0.25, 9)]
    [InlineData(4, 4, 103_500 / 523_200.0, 10, 2.16, 0.224, 3)]
    [InlineData(2, 10, 0.1, 10, 1.5, 0.35355, 5)]
    [InlineData(10, 100, 0.1, 0, 1.0, 0.5, 9)]
    public void SpreidingFollowsTheDocumentsCurve(int placements, int regionPlacements, double fairShare, double k, double ratio, double value, int digits)
    {
        Assert.Equal(ratio, CriterionValues.SpreidingRatio(placements, regionPlacements, fairShare, k), 2);
        Assert.Equal(value, CriterionValues.Spreiding(placements, regionPlacements, fairShare, k), digits);
    }
}
