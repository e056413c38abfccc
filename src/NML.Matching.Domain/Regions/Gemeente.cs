using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Regions;

/// <summary>
/// A municipality with the figures the matching needs: population (fair share for spreading) and the
/// approximate coordinates of its centre (distances). Reference data from the versioned data file.
/// </summary>
public sealed class Gemeente
{
    private Gemeente() { Code = Name = RegionCode = PointCode = string.Empty; }

    public Gemeente(string code, string name, string regionCode, string pointCode, int population, double latitude, double longitude, int? bwClients2020)
    {
        Code = GemeenteCode.Normalize(code);
        Name = name;
        RegionCode = regionCode.Trim().ToUpperInvariant();
        PointCode = pointCode;
        Update(name, population, latitude, longitude, bwClients2020);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string RegionCode { get; private set; }
    public string PointCode { get; private set; }
    public int Population { get; private set; }
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }

    /// <summary>Beschermd-wonen clients on 1 July 2020 (seed 002, table 1), where known; used for demo data.</summary>
    public int? BwClients2020 { get; private set; }

    public void MoveTo(string regionCode, string pointCode)
    {
        RegionCode = regionCode.Trim().ToUpperInvariant();
        PointCode = pointCode;
    }

    public void Update(string name, int population, double latitude, double longitude, int? bwClients2020)
    {
        if (population <= 0) throw new DomainRuleViolation("invalid-population", $"Population of {Code} must be positive.");
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180)
            throw new DomainRuleViolation("invalid-coordinates", $"Coordinates of {Code} are out of range.");
        Name = name;
        Population = population;
        Latitude = latitude;
        Longitude = longitude;
        BwClients2020 = bwClients2020;
    }
}
