using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.PerformanceAgreements;

/// <summary>
/// Who sees and who changes an agreement. Seen by the corporation concerned, the municipality, the Matchingspunt
/// of the region and Admin; created and changed by the municipality (its own only) or the Matchingspunt (its region).
/// </summary>
public static class AgreementAccess
{
    public static IQueryable<PerformanceAgreement> VisibleTo(this IQueryable<PerformanceAgreement> agreements, Caller caller) => caller.Role switch
    {
        Roles.Admin => agreements,
        Roles.Matchingspunt => agreements.Where(a => a.RegionCode == caller.RegionCode),
        Roles.Gemeente => agreements.Where(a => a.GemeenteCode == caller.GemeenteCode),
        Roles.Corporatie => agreements.Where(a => a.CorporationId == caller.OrganisationId),
        _ => agreements.Where(_ => false),
    };

    /// <summary>
    /// The corporations the caller can make an agreement with: for a municipality the active corporations whose
    /// werkgebied holds it, for the Matchingspunt those of its region, for Admin all; nobody else writes agreements.
    /// </summary>
    public static IQueryable<Organisation> AgreementPartnersOf(this IQueryable<Organisation> organisations, Caller caller)
    {
        var corporations = organisations.Where(o => o.Type == OrganisationType.Corporatie && o.Active);
        return caller.Role switch
        {
            Roles.Admin => corporations,
            Roles.Gemeente when caller.GemeenteCode is { } code => corporations.Where(o => o.Werkgebied.Contains(code)),
            Roles.Matchingspunt => corporations.Where(o => o.RegionCode == caller.RegionCode),
            _ => corporations.Where(_ => false),
        };
    }

    /// <summary>Null when the caller may write agreements for the municipality, otherwise a 403.</summary>
    public static Error? CheckWriter(Caller caller, string gemeenteCode, string regionCode) => caller.Role switch
    {
        Roles.Gemeente when caller.GemeenteCode == gemeenteCode => null,
        Roles.Matchingspunt when caller.RegionCode == regionCode => null,
        Roles.Gemeente => new Error(ErrorKind.Forbidden, "not-own-gemeente", "A municipality makes agreements for its own gemeenteCode only.", "gemeenteCode"),
        Roles.Matchingspunt => new Error(ErrorKind.Forbidden, "not-own-region", "A Matchingspunt makes agreements for municipalities of its own region only.", "gemeenteCode"),
        _ => new Error(ErrorKind.Forbidden, "forbidden", "Agreements are recorded and changed by the municipality itself or the Matchingspunt."),
    };
}
