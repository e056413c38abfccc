using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// Who sees which matches: Admin all, the Matchingspunt its region, the candidate's provider and the unit's owner
/// theirs, a Gemeente those of units in its municipality or candidates from it (read only).
/// </summary>
public static class MatchAccess
{
    public static IQueryable<Match> VisibleTo(this IQueryable<Match> matches, Caller caller) => caller.Role switch
    {
        Roles.Admin => matches,
        Roles.Matchingspunt => matches.Where(m => m.RegionCode == caller.RegionCode),
        Roles.Zorgaanbieder => matches.Where(m => m.ProviderOrganisationId == caller.OrganisationId || m.OwnerOrganisationId == caller.OrganisationId),
        Roles.Corporatie => matches.Where(m => m.OwnerOrganisationId == caller.OrganisationId),
        Roles.Gemeente => matches.Where(m => m.UnitGemeenteCode == caller.GemeenteCode || m.CandidateHerkomstCode == caller.GemeenteCode),
        _ => matches.Where(_ => false),
    };
}
