using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// Identity's sign-in with one rule of ours: a deactivated person, or a person of an inactive organisation, cannot
/// sign in (password, passkey and single sign-on all pass <see cref="CanSignInAsync"/>), and an open session of one
/// fails its next security-stamp check (at most <c>SecurityStampValidatorOptions.ValidationInterval</c> later), even
/// when nobody changed the person's stamp, as when the organisation is deactivated. <c>IUserConfirmation</c> is not
/// used for this: Identity asks it only with <c>RequireConfirmedAccount</c>, which is off (docs/decisions.md, D44).
/// </summary>
public sealed class PersonSignInManager(
    UserManager<Person> people,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Person> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Person>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Person> confirmation,
    MatchingDbContext db)
    : SignInManager<Person>(people, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Person user) =>
        user.IsActive
        && (user.OrganisationId is not { } organisationId || await db.Organisations.AnyAsync(o => o.Id == organisationId && o.Active))
        && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(Person? user, string? securityStamp) =>
        user is not null && await CanSignInAsync(user) && await base.ValidateSecurityStampAsync(user, securityStamp);
}
