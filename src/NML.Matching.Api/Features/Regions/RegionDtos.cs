using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Regions;

/// <summary>A region with its points.</summary>
public sealed record RegionDto(string Code, string Name, IReadOnlyList<PointDto> Points, int GemeenteCount);

/// <summary>A Transfer- or Matchingspunt within a region.</summary>
public sealed record PointDto(string Code, string Name);

/// <summary>A municipality with its population and the approximate coordinates of its centre.</summary>
public sealed record GemeenteDto(string Code, string Name, string RegionCode, string Point, int Population, double Latitude, double Longitude)
{
    public static GemeenteDto From(Gemeente g) => new(g.Code, g.Name, g.RegionCode, g.PointCode, g.Population, g.Latitude, g.Longitude);
}
