using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// The tables, constants and formulas of docs/matching.md §2 ("The score") and §5 ("Configuration"), written out
/// literally from the document, never taken from the engine. The tests compare the engine with these; a number
/// changed in the engine (or here) without the document fails them.
/// </summary>
public static class MatchingDocument
{
    /// <summary>§2 "gemeente": v = 1 − 0.15 · r for preference r (0-based): "(1.00, 0.85, 0.70, 0.55, 0.40)".</summary>
    public static readonly double[] PreferenceValues = [1.00, 0.85, 0.70, 0.55, 0.40];

    /// <summary>§2 "gemeente": v = 0.35 · max(0, 1 − d / Matching:MaxDistanceKm) for a municipality that is not preferred.</summary>
    public const double DistanceFactor = 0.35;

    /// <summary>§2 "gemeente": "haversine between municipality centres, earth radius 6371 km".</summary>
    public const double EarthRadiusKm = 6371;

    /// <summary>§2 "support": multiplied by 0.7 when the candidate's care provider does not work in the unit's municipality.</summary>
    public const double HandoverFactor = 0.7;

    /// <summary>§2 "wachttijd": min(max(today − readySince, 0), 365) / 365.</summary>
    public const int WaitCapDays = 365;

    /// <summary>§2 "support": the table, need × support on site.</summary>
    public static TheoryData<SupportNeed, SupportOnSite, double> SupportTable => new()
    {
        { SupportNeed.Licht, SupportOnSite.None, 1.0 },
        { SupportNeed.Licht, SupportOnSite.Nearby, 0.8 },
        { SupportNeed.Licht, SupportOnSite.TwentyFourSeven, 0.2 },
        { SupportNeed.Midden, SupportOnSite.None, 0.6 },
        { SupportNeed.Midden, SupportOnSite.Nearby, 1.0 },
        { SupportNeed.Midden, SupportOnSite.TwentyFourSeven, 0.5 },
        { SupportNeed.Intensief, SupportOnSite.None, 0.2 },
        { SupportNeed.Intensief, SupportOnSite.Nearby, 0.7 },
        { SupportNeed.Intensief, SupportOnSite.TwentyFourSeven, 1.0 },
    };

    /// <summary>§2 "prikkelarm": the table, need × the unit's level, without the two "(ineligible)" cells.</summary>
    public static TheoryData<PrikkelarmNeed, int, double> PrikkelarmTable => new()
    {
        { PrikkelarmNeed.Required, 2, 0.75 },
        { PrikkelarmNeed.Required, 3, 1.0 },
        { PrikkelarmNeed.Preferred, 0, 0.2 },
        { PrikkelarmNeed.Preferred, 1, 0.5 },
        { PrikkelarmNeed.Preferred, 2, 0.8 },
        { PrikkelarmNeed.Preferred, 3, 1.0 },
        { PrikkelarmNeed.None, 0, 1.0 },
        { PrikkelarmNeed.None, 1, 0.95 },
        { PrikkelarmNeed.None, 2, 0.85 },
        { PrikkelarmNeed.None, 3, 0.75 },
    };

    /// <summary>§2 "support" table as a lookup.</summary>
    public static double Support(SupportNeed need, SupportOnSite onSite) =>
        (double)SupportTable.Single(row => (SupportNeed)row[0] == need && (SupportOnSite)row[1] == onSite)[2];

    /// <summary>§2 "prikkelarm" table as a lookup; null for the cells the document marks "(ineligible)".</summary>
    public static double? Prikkelarm(PrikkelarmNeed need, int level) =>
        PrikkelarmTable.SingleOrDefault(row => (PrikkelarmNeed)row[0] == need && (int)row[1] == level)?[2] as double?;

    /// <summary>§2 "spreiding": ratio = (p + k·f) / ((P + k)·f); "no placements anywhere gives ratio 1".</summary>
    public static double SpreidingRatio(int placements, int regionPlacements, double fairShare, double pseudoCount) =>
        regionPlacements + pseudoCount == 0 ? 1 : (placements + (pseudoCount * fairShare)) / ((regionPlacements + pseudoCount) * fairShare);

    /// <summary>§2 "spreiding": v = 2^(−ratio).</summary>
    public static double Spreiding(int placements, int regionPlacements, double fairShare, double pseudoCount) =>
        Math.Pow(2, -SpreidingRatio(placements, regionPlacements, fairShare, pseudoCount));

    /// <summary>§2 "wachttijd".</summary>
    public static double Wachttijd(int days) => Math.Min(Math.Max(days, 0), WaitCapDays) / (double)WaitCapDays;

    /// <summary>§2 "gemeente": the haversine distance with the document's earth radius.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2)
            + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(a));
    }
}
