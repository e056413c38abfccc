using System.Security.Claims;
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
/// And one of passkeys: a passkey sign-in is multi-factor (<see cref="PasskeySignInAsync"/>).
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

    /// <summary>
    /// Identity's passkey sign-in, with the session marked multi-factor. .NET 10's own <c>PasskeySignInAsync</c> verifies
    /// the assertion, checks <see cref="CanSignInAsync"/> and the lockout, stores the new signature counter, and then
    /// signs in with <c>amr</c> = <c>pwd</c>, as if only a password had been checked; <see cref="SecondFactor.IsStrong"/>
    /// would then count the session as one factor. A passkey here always has user verification (PIN or biometrics on
    /// the device: <c>IdentityPasskeyOptions.UserVerificationRequirement</c> is "required", and the assertion is refused
    /// without the UV flag): something the person has and something they know or are, so this override does the same
    /// steps and signs in with <c>amr</c> = <c>mfa</c>, as Identity does after a password and an authenticator code
    /// (docs/security.md, "Factors"). A successful passkey also resets the count of failed attempts, as a code does.
    /// </summary>
    public override async Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialJson);
        var assertion = await PerformPasskeyAssertionAsync(credentialJson);
        if (!assertion.Succeeded || !assertion.Passkey.IsUserVerified) return SignInResult.Failed;
        var person = assertion.User;
        if (await PreSignInCheck(person) is { } refused) return refused;
        if (!(await UserManager.AddOrUpdatePasskeyAsync(person, assertion.Passkey)).Succeeded) return SignInResult.Failed;
        await ResetLockout(person);
        await SignInWithClaimsAsync(person, isPersistent: false, [new Claim(SecondFactor.AmrClaim, SecondFactor.MultiFactor)]);
        return SignInResult.Success;
    }

    public override async Task<bool> ValidateSecurityStampAsync(Person? user, string? securityStamp) =>
        user is not null && await CanSignInAsync(user) && await base.ValidateSecurityStampAsync(user, securityStamp);
}
