using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Matching;

/// <summary>
/// The shape of each criterion as a pure function returning a value in [0,1]. The formulas are written out
/// in docs/matching.md; tests prove their bounds and monotonicity.
/// </summary>
public static class CriterionValues
{
    /// <summary>Value of the n-th preferred municipality (0-based): 1.0, 0.85, 0.70, 0.55, 0.40.</summary>
    public static double PreferredRank(int rank) => Math.Max(0, 1.0 - (0.15 * rank));

    /// <summary>The most a municipality that is not preferred can score: less than any preferred one.</summary>
    public const double NotPreferredCeiling = 0.35;

    /// <summary>Falls linearly with the distance to the nearest reference municipality, from 0.35 at 0 km to 0 at maxDistanceKm.</summary>
    public static double Distance(double km, double maxDistanceKm) =>
        maxDistanceKm <= 0 ? 0 : NotPreferredCeiling * Math.Clamp(1 - (km / maxDistanceKm), 0, 1);

    /// <summary>
    /// Spreading: ratio = (placements + k·share) / ((regionPlacements + k)·share), value = 2^(−ratio).
    /// 1 for a municipality far below its fair share, 0.5 at its share, 0.25 at twice its share. k pseudo-placements,
    /// spread by fair share, smooth small numbers. One more placement in the municipality never raises its value.
    /// </summary>
    public static double Spreiding(int placements, int regionPlacements, double fairShare, double pseudoCount)
    {
        if (fairShare <= 0) return 0;
        return Math.Pow(2, -SpreidingRatio(placements, regionPlacements, fairShare, pseudoCount));
    }

    /// <summary>The spreading ratio itself: placements against the fair share, smoothed.</summary>
    /// <remarks>With no placements at all and no pseudo-count there is nothing to compare: the ratio is then 1.</remarks>
    public static double SpreidingRatio(int placements, int regionPlacements, double fairShare, double pseudoCount)
    {
        if (fairShare <= 0) return double.PositiveInfinity;
        var expected = (regionPlacements + pseudoCount) * fairShare;
        return expected <= 0 ? 1 : (placements + (pseudoCount * fairShare)) / expected;
    }

    /// <summary>Multiplier when the candidate's care provider does not work in the unit's municipality (support must be handed over).</summary>
    public const double HandoverFactor = 0.7;

    /// <summary>Fit between support need and support on site, before the hand-over factor.</summary>
    public static double SupportFit(SupportNeed need, SupportOnSite onSite) => (need, onSite) switch
    {
        (SupportNeed.Licht, SupportOnSite.None) => 1.0,
        (SupportNeed.Licht, SupportOnSite.Nearby) => 0.8,
        (SupportNeed.Licht, SupportOnSite.TwentyFourSeven) => 0.2,
        (SupportNeed.Midden, SupportOnSite.None) => 0.6,
        (SupportNeed.Midden, SupportOnSite.Nearby) => 1.0,
        (SupportNeed.Midden, SupportOnSite.TwentyFourSeven) => 0.5,
        (SupportNeed.Intensief, SupportOnSite.None) => 0.2,
        (SupportNeed.Intensief, SupportOnSite.Nearby) => 0.7,
        (SupportNeed.Intensief, SupportOnSite.TwentyFourSeven) => 1.0,
        _ => 0,
    };

    public static double Support(SupportNeed need, SupportOnSite onSite, bool providerWorksThere) =>
        SupportFit(need, onSite) * (providerWorksThere ? 1 : HandoverFactor);

    /// <summary>Rises with the level for Required and Preferred; falls slightly for None, so scarce low-stimulus units go to those who need them.</summary>
    public static double Prikkelarm(PrikkelarmNeed need, int level) => (need, Math.Clamp(level, 0, 3)) switch
    {
        (PrikkelarmNeed.Required, 0 or 1) => 0,
        (PrikkelarmNeed.Required, 2) => 0.75,
        (PrikkelarmNeed.Required, _) => 1.0,
        (PrikkelarmNeed.Preferred, 0) => 0.2,
        (PrikkelarmNeed.Preferred, 1) => 0.5,
        (PrikkelarmNeed.Preferred, 2) => 0.8,
        (PrikkelarmNeed.Preferred, _) => 1.0,
        (_, 0) => 1.0,
        (_, 1) => 0.95,
        (_, 2) => 0.85,
        _ => 0.75,
    };

    public const int WaitCapDays = 365;

    /// <summary>Days since readySince, capped at 365, as a share of 365 (0 before readySince).</summary>
    public static double Wachttijd(int daysWaiting) => Math.Clamp(daysWaiting, 0, WaitCapDays) / (double)WaitCapDays;

    public static double Urgentie(bool urgent) => urgent ? 1 : 0;

    /// <summary>Great-circle distance in km between two points (haversine, earth radius 6371 km).</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
