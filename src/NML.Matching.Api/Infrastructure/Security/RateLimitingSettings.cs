namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// Limits per API key and, for calls without a valid key, per client IP (<c>RateLimiting:*</c> in configuration).
/// Token buckets: a key may burst up to its limit, and the bucket refills by the limit every window.
/// </summary>
public sealed class RateLimitingSettings
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window for one API key (organisation keys and the admin key alike).</summary>
    public int PerKeyPermitLimit { get; set; } = 1200;

    /// <summary>Requests per window for one client IP without a valid key (failed keys count here).</summary>
    public int AnonymousPermitLimit { get; set; } = 120;

    /// <summary>
    /// Sign-in form posts (password, code, reset, invitation) per window for one client IP, on top of the limits above:
    /// guessing is slowed per address here and per person by the lockout (docs/security.md, "Signing in").
    /// </summary>
    public int SignInPermitLimit { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;
}
