using System.Security.Claims;
using NML.Matching.Domain.Auditing;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The authenticated caller of this request: its role and, for an organisation's key or person, its organisation, the
/// organisation's region and (for a Gemeente) the municipality it speaks for; and which key or which person it is.
/// A person's claims come from <c>PersonClaimsFactory</c> and give the same role, organisation, region and
/// municipality as the organisation's keys, so the same <c>*Access</c> rules apply to both.
/// </summary>
public sealed record Caller(string Role, Guid? OrganisationId, Guid? KeyId, string? RegionCode = null, string? GemeenteCode = null, Guid? PersonId = null, bool IsBeheerder = false)
{
    public bool IsAdmin => Role == Roles.Admin;

    public Actor AsActor() => new(Role, OrganisationId, KeyId, PersonId);

    /// <summary>True for Admin, and for the organisation itself.</summary>
    public bool IsAdminOr(Guid organisationId) => IsAdmin || OrganisationId == organisationId;

    public bool Is(string role) => Role == role;

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The caller is not authenticated.");
        return new Caller(role, ParseGuid(user.FindFirstValue(CallerClaims.OrganisationId)), ParseGuid(user.FindFirstValue(CallerClaims.KeyId)),
            user.FindFirstValue(CallerClaims.Region), user.FindFirstValue(CallerClaims.Gemeente), ParseGuid(user.FindFirstValue(CallerClaims.PersonId)),
            user.HasClaim(CallerClaims.PortalRole, PersonClaimsFactory.BeheerderValue));
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
