using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Auth.Sso;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Portal.Account;

/// <summary>
/// The end of a single sign-on (docs/decisions.md, "Single sign-on per organisation"): the provider's answer waits in
/// Identity's external cookie. A stored link (<c>person_logins</c>: provider and subject) signs its person in; without
/// one, the ACTIVE person with the provider's e-mail address in the provider's own organisation is linked, once, and
/// signed in. Nobody is ever created, and nobody of another organisation is ever linked or signed in. Every outcome is
/// audited (<see cref="SignInAudit"/>), and the external cookie is removed.
/// </summary>
public sealed class CompleteSsoSignIn(
    SignInManager<Person> signIn,
    UserManager<Person> people,
    MatchingDbContext db,
    TimeProvider clock,
    ILogger<CompleteSsoSignIn> logger)
{
    /// <summary>The provider's claim that it has verified the address (OpenID Connect Core 1.0, 5.1).</summary>
    public const string EmailVerifiedClaim = "email_verified";

    /// <summary>Whether the person behind the external login is now signed in.</summary>
    public async Task<bool> RunAsync(SsoProvider provider, CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        try
        {
            // No answer of this provider waiting (the page visited directly, or the external cookie expired): nothing was tried.
            if (info is null || info.LoginProvider != provider.Scheme) return false;
            return await SignInAsync(provider, info, cancellationToken);
        }
        finally
        {
            await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task<bool> SignInAsync(SsoProvider provider, ExternalLoginInfo info, CancellationToken cancellationToken)
    {
        var linked = await people.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (linked is not null)
        {
            // A link of another organisation's person (the provider was moved to another organisation in configuration) does not count.
            if (linked.OrganisationId != provider.OrganisationId) return await RefuseAsync(provider, linked, SignInAudit.OtherOrganisation, cancellationToken);
            return await SignInLinkedAsync(provider, linked, info.ProviderKey, linkedNow: false, cancellationToken);
        }

        var email = EmailOf(info.Principal);
        var person = email is null ? null : await people.FindByEmailAsync(email);
        if (IsUnverified(info.Principal)) return await RefuseAsync(provider, person, SignInAudit.EmailNotVerified, cancellationToken);
        if (person is null) return await RefuseAsync(provider, null, SignInAudit.NoAccount, cancellationToken);
        if (person.OrganisationId != provider.OrganisationId) return await RefuseAsync(provider, person, SignInAudit.OtherOrganisation, cancellationToken);
        // Active, and of an active organisation: checked before the link is made, so an inactive person is never linked.
        if (!await signIn.CanSignInAsync(person)) return await RefuseAsync(provider, person, SignInAudit.NotAllowed, cancellationToken);
        // Linking by address happens once per provider: a second account at the provider with the same address (an
        // address given to someone else, say) is not linked; an administrator removes the old link first.
        if ((await people.GetLoginsAsync(person)).Any(l => l.LoginProvider == provider.Scheme))
            return await RefuseAsync(provider, person, SignInAudit.AlreadyLinked, cancellationToken);

        var added = await people.AddLoginAsync(person, new UserLoginInfo(info.LoginProvider, info.ProviderKey, provider.DisplayName));
        if (!added.Succeeded)
        {
            logger.LogWarning("Linking {Provider} to person {PersonId} failed: {Errors}", provider.Id, person.Id, string.Join(", ", added.Errors.Select(e => e.Code)));
            return await RefuseAsync(provider, person, SignInAudit.NotAllowed, cancellationToken);
        }
        return await SignInLinkedAsync(provider, person, info.ProviderKey, linkedNow: true, cancellationToken);
    }

    /// <summary>
    /// Identity's external sign-in (which asks <see cref="PersonSignInManager.CanSignInAsync"/> and the lockout again) as a
    /// full session: the organisation's provider is responsible for its own factors, so no second factor is asked here.
    /// </summary>
    private async Task<bool> SignInLinkedAsync(SsoProvider provider, Person person, string providerKey, bool linkedNow, CancellationToken cancellationToken)
    {
        var result = await signIn.ExternalLoginSignInAsync(provider.Scheme, providerKey, isPersistent: false, bypassTwoFactor: true);
        if (!result.Succeeded)
            return await RefuseAsync(provider, person, result.IsLockedOut ? SignInAudit.LockedOut : SignInAudit.NotAllowed, cancellationToken);

        var caller = Caller.From(await signIn.CreateUserPrincipalAsync(person));
        var now = clock.GetUtcNow();
        if (linkedNow) db.RecordLoginLinked(now, caller, provider.Id);
        db.RecordSignIn(now, caller, SignInAudit.Sso(provider.Id));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<bool> RefuseAsync(SsoProvider provider, Person? person, string reason, CancellationToken cancellationToken)
    {
        db.RecordFailure(clock.GetUtcNow(), person, SignInAudit.Sso(provider.Id), reason);
        await db.SaveChangesAsync(cancellationToken);
        return false;
    }

    private static string? EmailOf(ClaimsPrincipal principal) =>
        (principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue("email"))?.Trim() is { Length: > 0 } email ? email : null;

    /// <summary>Only an explicit <c>email_verified</c> other than true refuses; a provider that does not send the claim is trusted for its organisation's addresses.</summary>
    private static bool IsUnverified(ClaimsPrincipal principal) =>
        principal.FindFirstValue(EmailVerifiedClaim) is { } verified && !string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase);
}
