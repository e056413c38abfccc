namespace NML.Matching.Api.Infrastructure.Auth;

public static class CallerClaims
{
    public const string OrganisationId = "nml:organisation";
    public const string KeyId = "nml:key";
    public const string Name = "nml:name";
    public const string Region = "nml:region";
    public const string Gemeente = "nml:gemeente";

    /// <summary>The person's id, on a person's principal only (never on a key's).</summary>
    public const string PersonId = "nml:person";

    /// <summary>
    /// <c>beheerder</c> or <c>medewerker</c>: what a person may do with its organisation's people. Not a
    /// <c>ClaimTypes.Role</c> claim, which is the organisation's role (<see cref="Caller.From"/> reads the first one).
    /// </summary>
    public const string PortalRole = "nml:portal-role";

    /// <summary>The person's own name as colleagues see it (the portal's header shows it).</summary>
    public const string DisplayName = "nml:display-name";
}
