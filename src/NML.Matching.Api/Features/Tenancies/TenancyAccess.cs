using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Tenancies;

/// <summary>Tenancies are visible as their matches are.</summary>
public static class TenancyAccess
{
    /// <summary>A tenancy the caller may record on: the owner's or the care provider's (or any for Admin); 404 if not visible, 403 if only readable.</summary>
    public static async Task<Result<Tenancy>> FindForPartyAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var tenancy = await db.Tenancies.VisibleTo(caller).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenancy is null) return Error.NotFound("Tenancy");
        if (!(caller.IsAdmin || tenancy.OwnerOrganisationId == caller.OrganisationId || tenancy.ProviderOrganisationId == caller.OrganisationId))
            return new Error(ErrorKind.Forbidden, "forbidden", "Only the owner or the care provider records on a tenancy.");
        return tenancy;
    }

    public static IQueryable<Tenancy> VisibleTo(this IQueryable<Tenancy> tenancies, Caller caller) => caller.Role switch
    {
        Roles.Admin => tenancies,
        Roles.Matchingspunt => tenancies.Where(t => t.RegionCode == caller.RegionCode),
        Roles.Zorgaanbieder => tenancies.Where(t => t.ProviderOrganisationId == caller.OrganisationId || t.OwnerOrganisationId == caller.OrganisationId),
        Roles.Corporatie => tenancies.Where(t => t.OwnerOrganisationId == caller.OrganisationId),
        Roles.Gemeente => tenancies.Where(t => t.UnitGemeenteCode == caller.GemeenteCode || t.CandidateHerkomstCode == caller.GemeenteCode),
        _ => tenancies.Where(_ => false),
    };
}
