using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Demo;

/// <summary>A fictional organisation of the demo data, with its fixed API key (listed in the README).</summary>
public sealed record DemoOrganisation(
    string Name, OrganisationType Type, string RegionCode, string? GemeenteCode, string? PointCode, IReadOnlyList<string> Werkgebied, string Key);
