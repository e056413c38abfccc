using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Auditing;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The audit lines of signing in and out (docs/security.md, "What is audited"): a success names the person as the
/// actor; a failure is anonymous (nobody proved who they are) and names the person tried, or <see cref="UnknownPerson"/>
/// when the e-mail address belongs to nobody. Never the password, the code, or an unknown address that was typed (it
/// may be a password typed in the wrong field). <c>method</c> is how: <see cref="Password"/>, <see cref="Passkey"/> or
/// <c>sso:&lt;provider&gt;</c>; <c>reason</c> of a failure is one of the constants below.
/// </summary>
public static class SignInAudit
{
    public const string EntityType = "person";
    public const string SignedIn = "person.signed-in";
    public const string SignInFailed = "person.sign-in-failed";
    public const string SignedOut = "person.signed-out";

    /// <summary>A person's first single sign-on linked the provider's account to them (<c>person_logins</c>).</summary>
    public const string LoginLinked = "person.login-linked";

    public const string UnknownPerson = "onbekend";
    public const string AnonymousRole = "Anonymous";

    public const string Password = "password";
    public const string Passkey = "passkey";
    public static string Sso(string provider) => "sso:" + provider;

    public const string WrongPassword = "wrong-password";
    public const string WrongCode = "wrong-code";
    public const string LockedOut = "locked-out";
    public const string NotAllowed = "not-allowed";
    public const string NoAccount = "no-account";

    /// <summary>Single sign-on: the provider's answer was an error or failed the protocol's checks (state, nonce, code, token).</summary>
    public const string ProviderError = "provider-error";

    /// <summary>Single sign-on: the provider says that it has not verified the address (<c>email_verified</c> false).</summary>
    public const string EmailNotVerified = "email-not-verified";

    /// <summary>Single sign-on: the address (or the stored link) belongs to a person of another organisation than the provider's.</summary>
    public const string OtherOrganisation = "other-organisation";

    /// <summary>Single sign-on: the person is already linked to another account at this provider; a second one is not linked by address.</summary>
    public const string AlreadyLinked = "already-linked";
    /// <summary>The passkey was not one of a person's, or its signature, origin or user verification did not hold.</summary>
    public const string PasskeyRefused = "passkey-refused";

    /// <summary>A person signed in (first factor and, where required, the second); <paramref name="caller"/> is the new session's.</summary>
    public static void RecordSignIn(this MatchingDbContext db, DateTimeOffset now, Caller caller, string method) =>
        db.Record(now, caller.AsActor(), SignedIn, EntityType, caller.PersonId!.Value.ToString(), null, new { method });

    /// <summary>A person's first single sign-on linked <paramref name="provider"/>'s account to them; <paramref name="caller"/> is the new session's.</summary>
    public static void RecordLoginLinked(this MatchingDbContext db, DateTimeOffset now, Caller caller, string provider) =>
        db.Record(now, caller.AsActor(), LoginLinked, EntityType, caller.PersonId!.Value.ToString(), null, new { method = Sso(provider) });

    public static void RecordSignOut(this MatchingDbContext db, DateTimeOffset now, Caller caller, bool everywhere) =>
        db.Record(now, caller.AsActor(), SignedOut, EntityType, caller.PersonId!.Value.ToString(), null, new { everywhere });

    /// <summary>A sign-in was refused; <paramref name="person"/> is null when the address belongs to nobody.</summary>
    public static void RecordFailure(this MatchingDbContext db, DateTimeOffset now, Person? person, string method, string reason) =>
        db.Record(now, new Actor(AnonymousRole, null, null), SignInFailed, EntityType, person?.Id.ToString() ?? UnknownPerson, null,
            new { method, reason });
}
