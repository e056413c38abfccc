using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

/// <summary>An organisation as the API shows it.</summary>
public sealed record OrganisationDto(
    Guid Id, string Name, OrganisationType Type, string RegionCode, string? GemeenteCode, string? PointCode,
    IReadOnlyList<string> Werkgebied, bool Active, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version)
{
    public static OrganisationDto From(Organisation o) =>
        new(o.Id, o.Name, o.Type, o.RegionCode, o.GemeenteCode, o.PointCode, [.. o.Werkgebied], o.Active, o.CreatedAt, o.UpdatedAt, o.Version);
}
