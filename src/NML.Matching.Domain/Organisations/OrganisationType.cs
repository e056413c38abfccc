namespace NML.Matching.Domain.Organisations;

/// <summary>The kind of organisation; it decides the role its API keys carry.</summary>
public enum OrganisationType
{
    Corporatie = 1,
    Zorgaanbieder = 2,
    Gemeente = 3,
    Matchingspunt = 4,
}
