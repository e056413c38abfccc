using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>The outcome of a sign-in step, as the portal's pages show it.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in: go to the return URL.</summary>
    SignedIn,

    /// <summary>The password was right and the person has an authenticator: ask for its code.</summary>
    NeedsCode,

    /// <summary>Refused, with the one answer that does not tell why (docs/security.md, "Signing in").</summary>
    Refused,

    /// <summary>The code step locked the person out (the person is known at that step: it may say so).</summary>
    LockedOut,
}

/// <summary>
/// Signing people in and out of the portal with Identity's <see cref="SignInManager{TUser}"/>, and auditing each step
/// (<see cref="SignInAudit"/>). The password step gives one answer for an unknown address, a wrong password, a locked
/// or deactivated person, and spends the same work on each: an unknown address is checked against a dummy hash.
/// Failures count towards the lockout (5 in a row: 15 minutes), wrong codes too. Scoped (it needs the request).
/// </summary>
public sealed class PortalSignIn(
    SignInManager<Person> signIn,
    UserManager<Person> people,
    IPasswordHasher<Person> hasher,
    MatchingDbContext db,
    TimeProvider clock,
    IHttpContextAccessor http)
{
    // A hash of a random password, made once per process with the configured hasher: verifying against it costs what
    // verifying a person's password costs.
    private static string? _dummyHash;

    public async Task<SignInOutcome> PasswordAsync(string? email, string? password)
    {
        email = email?.Trim() ?? "";
        password ??= "";
        var person = email.Length == 0 ? null : await people.FindByEmailAsync(email);
        if (person is null)
        {
            _dummyHash ??= hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
            hasher.VerifyHashedPassword(null!, _dummyHash, password);
            await FailAsync(null, SignInAudit.Password, SignInAudit.NoAccount);
            return SignInOutcome.Refused;
        }

        var result = await signIn.PasswordSignInAsync(person, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await SignedInAsync(person, SignInAudit.Password);
            return SignInOutcome.SignedIn;
        }
        if (result.RequiresTwoFactor) return SignInOutcome.NeedsCode;
        await FailAsync(person, SignInAudit.Password,
            result.IsLockedOut ? SignInAudit.LockedOut : result.IsNotAllowed ? SignInAudit.NotAllowed : SignInAudit.WrongPassword);
        return SignInOutcome.Refused;
    }

    /// <summary>The person between the password and the code step (Identity's two-factor cookie), or null.</summary>
    public Task<Person?> PendingPersonAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>The six digits of the authenticator app (spaces and dashes are ignored).</summary>
    public async Task<SignInOutcome> CodeAsync(string? code)
    {
        var person = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (person is null) return SignInOutcome.Refused;
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false);
        return await AfterSecondStepAsync(person, result, "authenticator");
    }

    /// <summary>One of the person's recovery codes; each works once.</summary>
    public async Task<SignInOutcome> RecoveryCodeAsync(string? code)
    {
        var person = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (person is null) return SignInOutcome.Refused;
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync((code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim());
        if (!result.Succeeded && !result.IsLockedOut)
        {
            // Identity does not count a wrong recovery code; the portal does, so that guessing one also locks out.
            await people.AccessFailedAsync(person);
            if (await people.IsLockedOutAsync(person)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        return await AfterSecondStepAsync(person, result, "recovery-code");
    }

    /// <summary>
    /// The options of the browser's passkey request (WebAuthn <c>navigator.credentials.get</c>), as JSON, for anybody: no
    /// person is named, so the list of allowed credentials is empty and the authenticator offers the passkeys it keeps
    /// for this site (discoverable credentials); the answer tells nothing about who has a passkey. Identity keeps the
    /// challenge in its short-lived two-factor cookie until <see cref="PasskeyAsync"/>.
    /// </summary>
    public Task<string> PasskeyRequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <summary>
    /// Signs in with the passkey the browser answered with (<paramref name="credentialJson"/>: the serialised
    /// <c>PublicKeyCredential</c>), through <see cref="SignInManager{TUser}.PasskeySignInAsync"/>, which
    /// <see cref="PersonSignInManager"/> makes multi-factor. No second step follows. The person is the owner of the
    /// credential; a refusal is audited with that owner when the credential is known (the person tried, as the e-mail
    /// address of a refused password), or as unknown. A refused passkey does not count towards the lockout: a
    /// signature cannot be guessed.
    /// </summary>
    public async Task<SignInOutcome> PasskeyAsync(string credentialJson)
    {
        Microsoft.AspNetCore.Identity.SignInResult result;
        try
        {
            result = await signIn.PasskeySignInAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // Identity throws when this browser asked for no options first (no challenge in its cookie): a forged or
            // repeated post, refused like a wrong passkey.
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        var owner = CredentialId(credentialJson) is { } credentialId ? await people.FindByPasskeyIdAsync(credentialId) : null;
        if (result.Succeeded)
        {
            await SignedInAsync(owner ?? throw new InvalidOperationException("A passkey signed in without an owner."), SignInAudit.Passkey);
            return SignInOutcome.SignedIn;
        }
        await FailAsync(owner, SignInAudit.Passkey,
            result.IsLockedOut ? SignInAudit.LockedOut : result.IsNotAllowed ? SignInAudit.NotAllowed : SignInAudit.PasskeyRefused);
        return SignInOutcome.Refused;
    }

    /// <summary>The credential's id (<c>rawId</c>, base64url), or null when the JSON holds none.</summary>
    private static byte[]? CredentialId(string credentialJson)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("rawId", out var rawId) && rawId.ValueKind == System.Text.Json.JsonValueKind.String
                ? System.Buffers.Text.Base64Url.DecodeFromChars(rawId.GetString())
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// After the person set up an authenticator in this session, with a code that proved it: the session becomes
    /// multi-factor (the password was checked when it began).
    /// </summary>
    public async Task UpgradeToMultiFactorAsync(Person person)
    {
        await signIn.SignInWithClaimsAsync(person, isPersistent: false, [new Claim(SecondFactor.AmrClaim, SecondFactor.MultiFactor)]);
    }

    /// <summary>Signs out of this browser, or, with <paramref name="everywhere"/>, ends every session of the person (a new security stamp).</summary>
    public async Task SignOutAsync(bool everywhere)
    {
        var user = http.HttpContext!.User;
        if (user.HasClaim(c => c.Type == CallerClaims.PersonId))
        {
            var caller = Caller.From(user);
            if (everywhere && await people.GetUserAsync(user) is { } person) await people.UpdateSecurityStampAsync(person);
            var now = clock.GetUtcNow();
            var sessionId = Guid.TryParse(user.FindFirst(PersonSession.Claim)?.Value, out var id) ? id : Guid.Empty;
            var personId = caller.PersonId!.Value;
            var ended = await db.PersonSessions.Where(s => s.PersonId == personId && s.EndedAt == null && (everywhere || s.Id == sessionId)).ToListAsync();
            foreach (var session in ended) session.End(now);
            db.RecordSignOut(now, caller, everywhere);
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        await http.HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
    }

    /// <summary>Audits a completed sign-in of <paramref name="person"/> by <paramref name="method"/>.</summary>
    public async Task SignedInAsync(Person person, string method)
    {
        var principal = await signIn.CreateUserPrincipalAsync(person);
        db.RecordSignIn(clock.GetUtcNow(), Caller.From(principal), method);
        await db.SaveChangesAsync();
    }

    private async Task<SignInOutcome> AfterSecondStepAsync(Person person, Microsoft.AspNetCore.Identity.SignInResult result, string step)
    {
        if (result.Succeeded)
        {
            await SignedInAsync(person, SignInAudit.Password + "+" + step);
            return SignInOutcome.SignedIn;
        }
        // The wrong code that reached the limit is answered as a lockout at once, not only the attempt after it.
        var lockedOut = result.IsLockedOut || await people.IsLockedOutAsync(person);
        await FailAsync(person, SignInAudit.Password + "+" + step, lockedOut ? SignInAudit.LockedOut : result.IsNotAllowed ? SignInAudit.NotAllowed : SignInAudit.WrongCode);
        return lockedOut ? SignInOutcome.LockedOut : SignInOutcome.Refused;
    }

    private async Task FailAsync(Person? person, string method, string reason)
    {
        db.RecordFailure(clock.GetUtcNow(), person, method, reason);
        await db.SaveChangesAsync();
    }
}
