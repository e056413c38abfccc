namespace NML.Matching.Api.Portal.Account;

/// <summary>Which WebAuthn ceremony: create a passkey (<c>navigator.credentials.create</c>) or sign in with one (<c>get</c>).</summary>
public enum PasskeyOperation
{
    Create,
    Request,
}

/// <summary>
/// What <see cref="PasskeyCeremony"/>'s script posts: the credential (the serialised <c>PublicKeyCredential</c>), or a
/// code of what went wrong in the browser (<see cref="Cancelled"/>, <see cref="AlreadyThere"/>, <see cref="Failed"/>).
/// </summary>
public sealed class PasskeyCeremonyInput
{
    public const string Cancelled = "geannuleerd";
    public const string AlreadyThere = "bestaat-al";
    public const string Failed = "mislukt";

    public string? CredentialJson { get; set; }

    public string? Error { get; set; }
}
