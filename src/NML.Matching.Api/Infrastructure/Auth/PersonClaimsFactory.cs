using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The claims of a signed-in person: Identity's own (id, e-mail, security stamp), and the same role, organisation,
/// region and municipality claims that <see cref="ApiKeyAuthenticationHandler"/> gives the organisation's keys, so
/// that <see cref="Caller.From"/>, the policies and the <c>*Access</c> classes treat a person as its organisation;
/// and the person's id and portal role. Identity roles are not used (a second <c>ClaimTypes.Role</c> claim would be
/// read as the organisation's type). A service administrator (no organisation) gets the Admin role, as the admin key.
/// </summary>
public sealed class PersonClaimsFactory(UserManager<Person> people, IOptions<IdentityOptions> options, MatchingDbContext db)
    : UserClaimsPrincipalFactory<Person>(people, options)
{
    public const string BeheerderValue = "beheerder";
    public const string MedewerkerValue = "medewerker";

    /// <summary>What the portal shows as the organisation of a service administrator.</summary>
    public const string ServiceAdminName = "Functioneel beheer NML Matching";

    public static string PortalRoleValue(PortalRole role) => role == PortalRole.Beheerder ? BeheerderValue : MedewerkerValue;

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Person person)
    {
        var identity = await base.GenerateClaimsAsync(person);
        if (person.OrganisationId is not { } organisationId)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Admin));
            identity.AddClaim(new Claim(CallerClaims.Name, ServiceAdminName));
        }
        else
        {
            var organisation = await db.Organisations.AsNoTracking()
                .Where(o => o.Id == organisationId)
                .Select(o => new { o.Type, o.Name, o.RegionCode, o.GemeenteCode })
                .SingleAsync();
            identity.AddClaim(new Claim(ClaimTypes.Role, Roles.For(organisation.Type)));
            identity.AddClaim(new Claim(CallerClaims.OrganisationId, organisationId.ToString()));
            identity.AddClaim(new Claim(CallerClaims.Name, organisation.Name));
            identity.AddClaim(new Claim(CallerClaims.Region, organisation.RegionCode));
            if (organisation.GemeenteCode is not null) identity.AddClaim(new Claim(CallerClaims.Gemeente, organisation.GemeenteCode));
        }
        identity.AddClaim(new Claim(CallerClaims.PersonId, person.Id.ToString()));
        identity.AddClaim(new Claim(CallerClaims.PortalRole, PortalRoleValue(person.PortalRole)));
        identity.AddClaim(new Claim(CallerClaims.DisplayName, person.DisplayName));
        return identity;
    }
}
