using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.People;

/// <summary>
/// A person as their beheerder sees them: name, address, role, and whether they are active and have accepted their
/// invitation (chosen a password or linked an organisation account).
/// </summary>
public sealed record PersonDto(Guid Id, Guid? OrganisationId, string Email, string DisplayName, PortalRole Role, bool Active, bool InvitationAccepted,
    bool SecondFactor, DateTimeOffset CreatedAt)
{
    public static PersonDto From(Person p, bool hasExternalLogin) =>
        new(p.Id, p.OrganisationId, p.Email!, p.DisplayName, p.PortalRole, p.IsActive, p.PasswordHash is not null || hasExternalLogin, p.TwoFactorEnabled, p.CreatedAt);

    /// <summary>What the audit trail keeps of a person: no password, no key.</summary>
    public static object AuditState(Person p) => new { p.Email, p.DisplayName, role = p.PortalRole.ToString(), active = p.IsActive, p.OrganisationId };
}
