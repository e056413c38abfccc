using System.Globalization;
using System.Threading.RateLimiting;

namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// The sign-in limit (<see cref="RateLimitingSettings.SignInPermitLimit"/> per window per client IP) for the sign-in
/// requests that the rate-limiting middleware never sees: a provider's answer at <c>/inloggen/sso/&lt;id&gt;/callback</c>
/// is handled by the authentication middleware, which runs before it (the limiter partitions by the authenticated
/// caller). The OpenID Connect handler asks here before it audits a failed answer (<c>SsoSetup</c>), so that junk sent
/// to a callback address cannot fill the audit trail; a good answer needs the state and correlation cookie of a form
/// POST that the middleware counted.
/// </summary>
public sealed class SignInCallbackLimiter(PartitionedRateLimiter<HttpContext> limiter, RateLimitingSettings settings) : IDisposable
{
    /// <summary>Takes one permit for this request's client; false (and a 429 with <c>Retry-After</c> written) when none is left.</summary>
    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired) return true;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(settings.WindowSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public void Dispose() => limiter.Dispose();
}
