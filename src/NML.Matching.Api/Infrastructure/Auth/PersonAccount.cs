using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// What a signed-in person does with their own account (the pages under <c>/account</c>): the authenticator app, its
/// recovery codes, and the password. Each change is audited with the person as the actor; never a key, code or password.
/// Identity's <see cref="UserManager{TUser}"/> holds the rules (docs/security.md, "Accounts" and "Factors").
/// </summary>
public sealed class PersonAccount(
    UserManager<Person> people, SignInManager<Person> signIn, PortalSignIn portalSignIn, MatchingDbContext db, TimeProvider clock,
    Email.Mailbox mailbox, Email.PortalLinks links)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "NML Matching";

    public Task<Person?> CurrentAsync(ClaimsPrincipal user) => people.GetUserAsync(user);

    /// <summary>The key to enter in the app (Base32, in groups of four) and its <c>otpauth://</c> URI; made on first use.</summary>
    public async Task<(string Key, string Uri)> AuthenticatorKeyAsync(Person person)
    {
        var key = await people.GetAuthenticatorKeyAsync(person);
        if (string.IsNullOrEmpty(key))
        {
            await people.ResetAuthenticatorKeyAsync(person);
            key = await people.GetAuthenticatorKeyAsync(person);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(person.Email!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return (string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant(), uri);
    }

    /// <summary>
    /// Turns the authenticator on once the person proved it with a code from the app; returns new recovery codes (shown
    /// once), or null when the code is wrong. The session becomes multi-factor.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAuthenticatorAsync(Person person, Caller caller, string? code)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!await people.VerifyTwoFactorTokenAsync(person, people.Options.Tokens.AuthenticatorTokenProvider, digits)) return null;
        await people.SetTwoFactorEnabledAsync(person, true);
        var codes = (await people.GenerateNewTwoFactorRecoveryCodesAsync(person, RecoveryCodeCount))!.ToList();
        Audit(caller, "person.authenticator-enabled");
        await db.SaveChangesAsync();
        await portalSignIn.UpgradeToMultiFactorAsync(person);
        return codes;
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Person person, Caller caller)
    {
        var codes = (await people.GenerateNewTwoFactorRecoveryCodesAsync(person, RecoveryCodeCount))!.ToList();
        Audit(caller, "person.recovery-codes-renewed");
        await db.SaveChangesAsync();
        return codes;
    }

    public Task<int> RecoveryCodesLeftAsync(Person person) => people.CountRecoveryCodesAsync(person);

    /// <summary>Changes the password; other sessions end (a new security stamp), this one stays.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(Person person, Caller caller, string? current, string? next)
    {
        var result = await people.ChangePasswordAsync(person, current ?? "", next ?? "");
        if (!result.Succeeded) return result;
        Audit(caller, "person.password-changed");
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(person);
        return result;
    }

    /// <summary>The invited person of a link, when the link is valid: the person is active, has no password yet, and the token holds.</summary>
    public async Task<Person?> InvitedPersonAsync(Guid id, string? code)
    {
        var person = await people.FindByIdAsync(id.ToString());
        if (person is null || !person.IsActive || person.PasswordHash is not null || string.IsNullOrEmpty(code)) return null;
        return await people.VerifyUserTokenAsync(person, InvitationTokens.ProviderName, InvitationTokens.Purpose, code) ? person : null;
    }

    /// <summary>
    /// Accepts an invitation: the password is set (the link stops working: a new security stamp), the address counts
    /// as confirmed (the mail reached it), and the person is signed in with the password as its one factor so far.
    /// </summary>
    public async Task<IdentityResult> AcceptInvitationAsync(Person person, string password)
    {
        var result = await people.AddPasswordAsync(person, password);
        if (!result.Succeeded) return result;
        person.EmailConfirmed = true;
        var caller = Caller.From(await signIn.CreateUserPrincipalAsync(person));
        db.Record(clock.GetUtcNow(), caller.AsActor(), "person.invitation-accepted", SignInAudit.EntityType, person.Id.ToString(), null, null);
        await people.UpdateAsync(person);
        await signIn.SignInWithClaimsAsync(person, isPersistent: false, [new Claim(SecondFactor.AmrClaim, "pwd")]);
        await portalSignIn.SignedInAsync(person, SignInAudit.Password);
        return result;
    }

    /// <summary>
    /// Sends a reset link (2 hours) to an active person who has a password; nothing for any other address. The page
    /// gives the same answer either way (no account enumeration).
    /// </summary>
    public async Task RequestPasswordResetAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || await people.FindByEmailAsync(email.Trim()) is not { IsActive: true, PasswordHash: not null } person) return;
        var token = await people.GeneratePasswordResetTokenAsync(person);
        var link = links.Absolute($"/wachtwoord-herstellen?id={person.Id}&code={Uri.EscapeDataString(token)}");
        mailbox.Queue(person.Email!, "Nieuw wachtwoord voor NML Matching", PasswordResetMail.Text(person.DisplayName, link), null, PasswordResetMail.Kind);
        db.Record(clock.GetUtcNow(), new Domain.Auditing.Actor(SignInAudit.AnonymousRole, null, null), "person.password-reset-requested",
            SignInAudit.EntityType, person.Id.ToString(), null, null);
        await db.SaveChangesAsync();
    }

    /// <summary>Sets a new password with a reset link's token; a failed count and a lockout are cleared.</summary>
    public async Task<IdentityResult> ResetPasswordAsync(Guid id, string? code, string password)
    {
        var person = await people.FindByIdAsync(id.ToString());
        if (person is null || !person.IsActive || string.IsNullOrEmpty(code)) return IdentityResult.Failed(people.ErrorDescriber.InvalidToken());
        var result = await people.ResetPasswordAsync(person, code, password);
        if (!result.Succeeded) return result;
        await people.ResetAccessFailedCountAsync(person);
        await people.SetLockoutEndDateAsync(person, null);
        db.Record(clock.GetUtcNow(), new Domain.Auditing.Actor(SignInAudit.AnonymousRole, null, null), "person.password-reset",
            SignInAudit.EntityType, person.Id.ToString(), null, null);
        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>The person's open sessions, the most recently seen first; <c>Current</c> marks the one of <paramref name="user"/>'s browser.</summary>
    public async Task<IReadOnlyList<OpenSession>> OpenSessionsAsync(ClaimsPrincipal user)
    {
        if (!Guid.TryParse(user.FindFirst(CallerClaims.PersonId)?.Value, out var personId)) return [];
        var now = clock.GetUtcNow();
        var current = user.FindFirst(PersonSession.Claim)?.Value;
        var sessions = await db.PersonSessions.AsNoTracking()
            .Where(s => s.PersonId == personId).Where(PersonSession.OpenAt(now, AuthSetup.AbsoluteLifetime))
            .OrderByDescending(s => s.LastSeenAt).ToListAsync();
        return [.. sessions.Select(s => new OpenSession(s.Id, s.Device, s.Method, s.StartedAt, s.LastSeenAt, s.Id.ToString() == current))];
    }

    /// <summary>
    /// Ends one of the person's own sessions (another browser's: this one signs out instead); that browser is signed out
    /// at its next check, within a minute. False when the session is not the person's or no longer open.
    /// </summary>
    public async Task<bool> EndSessionAsync(ClaimsPrincipal user, Guid sessionId)
    {
        var caller = Caller.From(user);
        if (caller.PersonId is not { } personId) return false;
        var now = clock.GetUtcNow();
        var session = await db.PersonSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.PersonId == personId);
        if (session is null || !session.IsOpenAt(now, AuthSetup.AbsoluteLifetime)) return false;
        session.End(now);
        db.Record(now, caller.AsActor(), "person.session-ended", SignInAudit.EntityType, personId.ToString(), null, new { device = session.Device });
        await db.SaveChangesAsync();
        return true;
    }

    private void Audit(Caller caller, string action) =>
        db.Record(clock.GetUtcNow(), caller.AsActor(), action, SignInAudit.EntityType, caller.PersonId!.Value.ToString(), null, null);
}

/// <summary>An open session as the account page lists it.</summary>
public sealed record OpenSession(Guid Id, string Device, string Method, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt, bool Current);

/// <summary>The reset mail, in Dutch.</summary>
public static class PasswordResetMail
{
    public const string Kind = "password-reset";

    public static string Text(string displayName, string link) =>
        $"""
        Beste {displayName},

        U vroeg een nieuw wachtwoord aan voor NML Matching. Kies het via deze link; hij werkt één keer en 2 uur lang:
        {link}

        Vroeg u dit niet aan? Dan kunt u deze e-mail negeren: uw wachtwoord blijft dan hetzelfde.

        Transfer- en Matchingspunt Noord- en Midden-Limburg
        """;
}
