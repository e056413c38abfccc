using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

/// <summary>
/// An organisation sees and manages itself (its record and its API keys); Admin every organisation. Creating,
/// changing and deactivating organisations and issuing or revoking keys is for Admin only (<see cref="Policies.AdminOnly"/>).
/// Another organisation answers 404.
/// </summary>
public static class OrganisationAccess
{
    public static IQueryable<Organisation> VisibleTo(this IQueryable<Organisation> organisations, Caller caller) =>
        caller.IsAdmin ? organisations : organisations.Where(o => o.Id == caller.OrganisationId);

    /// <summary>Whether the caller may see the organisation and manage its keys: its own, or any for Admin.</summary>
    public static bool MayManage(Caller caller, Guid organisationId) => caller.IsAdminOr(organisationId);
}
