using System.Buffers.Text;
using Microsoft.AspNetCore.Identity;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>A passkey as the account page shows it: its id (base64url), the name the person gave it, and when it was added.</summary>
public sealed record PasskeyListing(string Id, string? Name, DateTimeOffset AddedOn);

/// <summary>What became of adding a passkey: its id (base64url) to name it, or why not.</summary>
public sealed record PasskeyAdded(string? Id, string? Problem);

/// <summary>
/// The signed-in person's own passkeys (docs/decisions.md, "Passkeys"), through Identity's passkey support: the options
/// of the browser's creation ceremony, adding the credential it made (attestation), naming, renaming and removing one.
/// Each change is audited with the person as the actor (<c>person.passkey-added</c>, <c>-renamed</c>,
/// <c>-removed</c>, on the person), with the passkey's name and date, never the credential or its key. Identity's
/// store saves the person with its passkeys in the same unit of work as the audit line, so both commit together.
/// Only the person's own passkeys: every method finds the passkey among those of the signed-in person.
/// </summary>
public sealed class PersonPasskeys(
    SignInManager<Person> signIn,
    UserManager<Person> people,
    MatchingDbContext db,
    TimeProvider clock,
    ICallerAccessor caller,
    IHttpContextAccessor http,
    ILogger<PersonPasskeys> logger)
{
    public const string Added = "person.passkey-added";
    public const string Renamed = "person.passkey-renamed";
    public const string Removed = "person.passkey-removed";

    /// <summary>The most passkeys one person may have (each is a row and a way in; a handful is plenty).</summary>
    public const int MaxPasskeys = 20;

    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<PasskeyListing>> ListAsync()
    {
        var person = await PersonAsync();
        return [.. (await people.GetPasskeysAsync(person))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyListing(Base64Url.EncodeToString(p.CredentialId), p.Name, p.CreatedAt))];
    }

    public async Task<PasskeyListing?> FindAsync(string? id)
    {
        if (Decode(id) is not { } credentialId) return null;
        var passkey = await people.GetPasskeyAsync(await PersonAsync(), credentialId);
        return passkey is null ? null : new PasskeyListing(Base64Url.EncodeToString(passkey.CredentialId), passkey.Name, passkey.CreatedAt);
    }

    /// <summary>
    /// The options of the browser's creation ceremony (WebAuthn <c>navigator.credentials.create</c>), as JSON: the
    /// person's id as the user handle, the e-mail address as the name the authenticator shows, and the person's
    /// current passkeys as the ones to exclude. Identity keeps the challenge in its two-factor cookie until
    /// <see cref="AddAsync"/>.
    /// </summary>
    public async Task<string> CreationOptionsAsync()
    {
        var person = await PersonAsync();
        return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = await people.GetUserIdAsync(person),
            Name = person.Email ?? person.DisplayName,
            DisplayName = person.DisplayName,
        });
    }

    /// <summary>Checks the new credential against the challenge of <see cref="CreationOptionsAsync"/> and adds it, without a name yet.</summary>
    public async Task<PasskeyAdded> AddAsync(string credentialJson)
    {
        var person = await PersonAsync();
        if ((await people.GetPasskeysAsync(person)).Count >= MaxPasskeys)
            return new PasskeyAdded(null, $"U heeft al {MaxPasskeys} passkeys. Verwijder er eerst een.");

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException e)
        {
            // No challenge in this browser's cookie (the options were never asked for, or already used).
            logger.LogInformation("A passkey of person {PersonId} was not added: {Reason}", person.Id, e.Message);
            return new PasskeyAdded(null, NotAddedProblem);
        }
        if (!attestation.Succeeded || attestation.UserEntity.Id != person.Id.ToString())
        {
            logger.LogInformation("A passkey of person {PersonId} was not added: {Reason}", person.Id,
                attestation.Failure?.Message ?? "the passkey was made for another person");
            return new PasskeyAdded(null, NotAddedProblem);
        }
        if (await people.FindByPasskeyIdAsync(attestation.Passkey.CredentialId) is not null) return new PasskeyAdded(null, NotAddedProblem);

        var id = Base64Url.EncodeToString(attestation.Passkey.CredentialId);
        db.Record(clock.GetUtcNow(), caller.Caller.AsActor(), Added, SignInAudit.EntityType, person.Id.ToString(), null,
            new { addedOn = attestation.Passkey.CreatedAt });
        if (!(await people.AddOrUpdatePasskeyAsync(person, attestation.Passkey)).Succeeded) return new PasskeyAdded(null, NotAddedProblem);
        return new PasskeyAdded(id, null);
    }

    /// <summary>Gives the passkey <paramref name="id"/> of the person the name <paramref name="name"/> (trimmed, 1 to <see cref="MaxNameLength"/> characters).</summary>
    public async Task<bool> RenameAsync(string? id, string name)
    {
        var person = await PersonAsync();
        if (Decode(id) is not { } credentialId || await people.GetPasskeyAsync(person, credentialId) is not { } passkey) return false;
        var before = passkey.Name;
        passkey.Name = name.Trim();
        db.Record(clock.GetUtcNow(), caller.Caller.AsActor(), Renamed, SignInAudit.EntityType, person.Id.ToString(),
            new { name = before }, new { name = passkey.Name });
        return (await people.AddOrUpdatePasskeyAsync(person, passkey)).Succeeded;
    }

    /// <summary>Removes the person's passkey <paramref name="id"/>; from then on it signs nobody in.</summary>
    public async Task<bool> RemoveAsync(string? id)
    {
        var person = await PersonAsync();
        if (Decode(id) is not { } credentialId || await people.GetPasskeyAsync(person, credentialId) is not { } passkey) return false;
        db.Record(clock.GetUtcNow(), caller.Caller.AsActor(), Removed, SignInAudit.EntityType, person.Id.ToString(),
            new { name = passkey.Name, addedOn = passkey.CreatedAt }, null);
        return (await people.RemovePasskeyAsync(person, credentialId)).Succeeded;
    }

    private const string NotAddedProblem = "De passkey is niet toegevoegd. Probeer het opnieuw.";

    private async Task<Person> PersonAsync() =>
        await people.GetUserAsync(http.HttpContext?.User ?? throw new InvalidOperationException("No HTTP request in scope."))
        ?? throw new InvalidOperationException("No person is signed in.");

    private static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        try
        {
            return Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
