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

    /// <summary>Sign-in attempts per window for one client IP (<see cref="RateLimiting.SignInPolicy"/>), on top of the limits above.</summary>
    public int SignInPermitLimit { get; set; } = 30;

    public int WindowSeconds { get; set; } = 60;
}
