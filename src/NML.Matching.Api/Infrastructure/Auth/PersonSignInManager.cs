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
/// And one of passkeys: a passkey sign-in is multi-factor (<see cref="PasskeySignInAsync"/>). And sessions: every
/// sign-in begins a <see cref="PersonSession"/> (its id in the cookie), which the minutely check keeps seeing and which,
/// once ended from elsewhere, signs that browser out (docs/security.md, "Sessions").
/// </summary>
public sealed class PersonSignInManager(
    UserManager<Person> people,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Person> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Person>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Person> confirmation,
    MatchingDbContext db,
    TimeProvider clock)
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

    /// <summary>
    /// Every way of signing in ends here (password and code, passkey, single sign-on, and the refresh after a change of
    /// password or factor). A browser already signed in as this person keeps its session; any other begins a new one.
    /// </summary>
    public override async Task SignInWithClaimsAsync(Person user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != PersonSession.Claim).ToList();
        var session = await OpenSessionOfThisBrowserAsync(user);
        if (session is null)
        {
            // The person's sessions that are over are of no more use (the audit trail keeps the sign-ins and -outs).
            var now = clock.GetUtcNow();
            await db.PersonSessions.Where(s => s.PersonId == user.Id).Where(PersonSession.OverAt(now, AuthSetup.AbsoluteLifetime)).ExecuteDeleteAsync();
            session = PersonSession.Start(user.Id, MethodOf(claims), DeviceName.From(Context.Request.Headers.UserAgent), now);
            db.PersonSessions.Add(session);
            await db.SaveChangesAsync();
        }
        claims.Add(new Claim(PersonSession.Claim, session.Id.ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>
    /// The minutely check of a session (Identity's security stamp validator): the person may still sign in, the stamp
    /// is unchanged, and the session is still open; then it counts as seen now. A cookie without a session id (made
    /// before sessions were kept) is judged by the person and stamp alone; it ends within its 12 hours.
    /// </summary>
    public override async Task<Person?> ValidateSecurityStampAsync(ClaimsPrincipal? principal)
    {
        var person = await base.ValidateSecurityStampAsync(principal);
        if (person is null || !Guid.TryParse(principal?.FindFirstValue(PersonSession.Claim), out var sessionId)) return person;
        var now = clock.GetUtcNow();
        var session = await db.PersonSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.PersonId == person.Id);
        if (session is null || !session.IsOpenAt(now, AuthSetup.AbsoluteLifetime)) return null;
        session.Seen(now);
        await db.SaveChangesAsync();
        return person;
    }

    private async Task<PersonSession?> OpenSessionOfThisBrowserAsync(Person user)
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded || !Guid.TryParse(current.Principal.FindFirstValue(PersonSession.Claim), out var sessionId)) return null;
        var session = await db.PersonSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.PersonId == user.Id);
        return session is not null && session.IsOpenAt(clock.GetUtcNow(), AuthSetup.AbsoluteLifetime) ? session : null;
    }

    private static string MethodOf(IReadOnlyCollection<Claim> claims) =>
        claims.FirstOrDefault(c => c.Type == ClaimTypes.AuthenticationMethod) is { } provider ? $"sso:{provider.Value}"
        : claims.Any(c => c.Type == SecondFactor.AmrClaim && c.Value == SecondFactor.MultiFactor) ? "mfa"
        : "password";

    public override async Task<bool> ValidateSecurityStampAsync(Person? user, string? securityStamp) =>
        user is not null && await CanSignInAsync(user) && await base.ValidateSecurityStampAsync(user, securityStamp);
}
