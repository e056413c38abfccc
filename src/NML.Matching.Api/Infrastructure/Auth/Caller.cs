using System.Security.Claims;
using NML.Matching.Domain.Auditing;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The authenticated caller of this request: its role and, for organisation keys, its organisation, the
/// organisation's region and (for a Gemeente) the municipality it speaks for.
/// </summary>
public sealed record Caller(string Role, Guid? OrganisationId, Guid? KeyId, string? RegionCode = null, string? GemeenteCode = null)
{
    public bool IsAdmin => Role == Roles.Admin;

    public Actor AsActor() => new(Role, OrganisationId, KeyId);

    /// <summary>True for Admin, and for the organisation itself.</summary>
    public bool IsAdminOr(Guid organisationId) => IsAdmin || OrganisationId == organisationId;

    public bool Is(string role) => Role == role;

    public static Caller From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("The caller is not authenticated.");
        return new Caller(role, ParseGuid(user.FindFirstValue(CallerClaims.OrganisationId)), ParseGuid(user.FindFirstValue(CallerClaims.KeyId)),
            user.FindFirstValue(CallerClaims.Region), user.FindFirstValue(CallerClaims.Gemeente));
    }

    private static Guid? ParseGuid(string? value) => Guid.TryParse(value, out var id) ? id : null;
}
