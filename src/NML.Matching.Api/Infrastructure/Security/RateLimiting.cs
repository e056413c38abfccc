using System.Globalization;
using System.Threading.RateLimiting;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Infrastructure.Security;

public static class RateLimiting
{
    /// <summary>
    /// The endpoints where a person signs in: the form posts of the sign-in pages (password, code, reset, invitation),
    /// the single sign-on form post and its completion. On top of the global limit, at most
    /// <see cref="RateLimitingSettings.SignInPermitLimit"/> per window per client IP, whoever is signed in; reading a
    /// sign-in form is not limited (docs/security.md, "Signing in").
    /// </summary>
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddMatchingRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitingSettings.Section).Get<RateLimitingSettings>() ?? new RateLimitingSettings();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!settings.Enabled || context.Request.Path.StartsWithSegments("/health"))
                    return RateLimitPartition.GetNoLimiter("unlimited");
                var (partition, limit) = PartitionOf(context, settings);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit,
                    TokensPerPeriod = limit,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(settings.WindowSeconds),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(SignInPolicy, context => SignInPartition(context, settings));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(settings.WindowSeconds);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                // A portal page gets the Dutch status page (re-executed for a response without a body), not JSON.
                if (Portal.PortalPaths.IsPortal(http.Request.Path)) return;
                var problem = ProblemTypes.Create(StatusCodes.Status429TooManyRequests, ProblemTypes.CodeFor(StatusCodes.Status429TooManyRequests),
                    $"Too many requests. Try again in {seconds} s.");
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteProblemAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };
        });
        // The same limit for the sign-in requests that the middleware never sees (SignInCallbackLimiter).
        services.AddSingleton(new SignInCallbackLimiter(PartitionedRateLimiter.Create<HttpContext, string>(context => SignInPartition(context, settings)), settings));
        return services;
    }

    private static RateLimitPartition<string> SignInPartition(HttpContext context, RateLimitingSettings settings) =>
        !settings.Enabled || (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/inloggen/sso"))
        ? RateLimitPartition.GetNoLimiter("unlimited")
        : RateLimitPartition.GetFixedWindowLimiter("sign-in:" + ClientAddress(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.SignInPermitLimit,
            Window = TimeSpan.FromSeconds(settings.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>An authenticated call counts against its key (or person); anything else against the client's IP.</summary>
    private static (string Partition, int Limit) PartitionOf(HttpContext context, RateLimitingSettings settings)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            var key = context.User.FindFirst(CallerClaims.KeyId)?.Value
                ?? (context.User.FindFirst(CallerClaims.PersonId)?.Value is { } person ? "person:" + person : "admin");
            return ("key:" + key, settings.PerKeyPermitLimit);
        }
        return ("ip:" + ClientAddress(context), settings.AnonymousPermitLimit);
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
