using Microsoft.AspNetCore.Identity;

namespace NML.Matching.Api.Persistence.Records;

/// <summary>What a person may do within their own organisation: manage its people (beheerder) or not (medewerker).</summary>
public enum PortalRole
{
    Medewerker = 1,
    Beheerder = 2,
}

/// <summary>
/// A member of staff who signs in to the portal (<c>persons</c>): an Identity user that belongs to exactly one
/// organisation and acts in that organisation's role, like the organisation's keys; or, without an organisation, one of
/// the service's own administrators (functioneel beheer), who acts as Admin, like the admin key
/// (<see cref="ServiceAdmin"/>). Its <see cref="PortalRole"/> says only what it may do with its organisation's people. It lives in the API project because it derives from
/// Identity's <see cref="IdentityUser{TKey}"/>, which the pure domain project does not reference (docs/decisions.md,
/// D44). A deactivated person keeps its row (the audit trail names it) but cannot sign in.
/// </summary>
public sealed class Person : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 200;

    private Person() => DisplayName = string.Empty;

    /// <summary>A new person of <paramref name="organisationId"/>; the e-mail address is also the user name.</summary>
    public Person(Guid id, Guid organisationId, string email, string displayName, PortalRole role, DateTimeOffset now)
        : this(id, (Guid?)organisationId, email, displayName, role, now)
    {
    }

    private Person(Guid id, Guid? organisationId, string email, string displayName, PortalRole role, DateTimeOffset now)
    {
        Id = id;
        OrganisationId = organisationId;
        UserName = email;
        Email = email;
        DisplayName = displayName;
        PortalRole = role;
        CreatedAt = now;
    }

    /// <summary>One of the service's administrators: no organisation, the Admin role, and beheerder of every organisation's people.</summary>
    public static Person ServiceAdmin(Guid id, string email, string displayName, DateTimeOffset now) =>
        new(id, null, email, displayName, PortalRole.Beheerder, now);

    /// <summary>The organisation the person works for; null for one of the service's administrators.</summary>
    public Guid? OrganisationId { get; private set; }

    public bool IsServiceAdmin => OrganisationId is null;
    public PortalRole PortalRole { get; private set; }

    /// <summary>The staff member's own name, as shown to colleagues; never a client's.</summary>
    public string DisplayName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the person was deactivated; null while active.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>A service administrator stays beheerder (there is no organisation of theirs to be medewerker of).</summary>
    public void ChangeRole(PortalRole role) => PortalRole = IsServiceAdmin ? PortalRole.Beheerder : role;

    /// <summary>Deactivates once; the caller also changes the security stamp so that open sessions end.</summary>
    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;
}
