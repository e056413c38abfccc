using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>Roles follow the organisation type; <see cref="Admin"/> is the configured admin key.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Corporatie = nameof(OrganisationType.Corporatie);
    public const string Zorgaanbieder = nameof(OrganisationType.Zorgaanbieder);
    public const string Gemeente = nameof(OrganisationType.Gemeente);
    public const string Matchingspunt = nameof(OrganisationType.Matchingspunt);

    public static string For(OrganisationType type) => type.ToString();
}
