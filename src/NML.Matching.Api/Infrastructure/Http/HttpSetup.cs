using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Json;
using NML.Matching.Api.Infrastructure.Security;

namespace NML.Matching.Api.Infrastructure.Http;

public static class HttpSetup
{
    /// <summary>
    /// JSON (camelCase, enums as strings, unknown properties refused, a bounded depth) and the abuse limits: request
    /// sizes, rate limits per key and per IP, HSTS, the trusted proxies, CORS only when configured, and binding
    /// failures thrown as bad requests.
    /// </summary>
    public static WebApplicationBuilder AddMatchingHttp(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            options.SerializerOptions.MaxDepth = builder.Configuration.GetValue(RequestLimitsSettings.Section + ":MaxJsonDepth", new RequestLimitsSettings().MaxJsonDepth);
        });

        builder.Services.Configure<RequestLimitsSettings>(builder.Configuration.GetSection(RequestLimitsSettings.Section));
        builder.Services.AddMatchingRateLimiting(builder.Configuration);
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        // Behind a load balancer: trust X-Forwarded-For/-Proto from the configured proxies only (rate limits per client IP, HSTS).
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in KnownProxies(builder.Configuration)) options.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        var corsOrigins = CorsOrigins(builder.Configuration);
        if (corsOrigins.Length > 0)
        {
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy
                .WithOrigins(corsOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                .WithHeaders(ApiKeyAuthenticationHandler.HeaderName, "Content-Type", "If-Match", "Idempotency-Key")
                .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        }
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Reads <c>X-Forwarded-For</c>/<c>-Proto</c>, only when proxies are configured.</summary>
    public static WebApplication UseMatchingForwardedHeaders(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Length > 0) app.UseForwardedHeaders();
        return app;
    }

    /// <summary>The CORS policy, only when origins are configured.</summary>
    public static WebApplication UseMatchingCors(this WebApplication app)
    {
        if (CorsOrigins(app.Configuration).Length > 0) app.UseCors();
        return app;
    }

    private static string[] KnownProxies(IConfiguration configuration) =>
        configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];

    private static string[] CorsOrigins(IConfiguration configuration) =>
        configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
}
