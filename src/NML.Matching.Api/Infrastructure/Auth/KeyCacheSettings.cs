namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary><c>Auth:*</c> settings of the verified-key cache.</summary>
public sealed class KeyCacheSettings
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a verified key is trusted without asking the database again (default 15 s; 0 switches the cache off).
    /// A change on this instance (revoke, rotate, a deactivated organisation) takes effect at once; one made on another
    /// replica within this time.
    /// </summary>
    public int KeyCacheSeconds { get; set; } = 15;
}
