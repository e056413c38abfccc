namespace NML.Matching.Api.Infrastructure.Auth;

public static class AuthSetup
{
    /// <summary>
    /// Authentication by <c>X-Api-Key</c> (the admin key from <c>Auth:AdminApiKey</c>, or from the documented
    /// environment variable <c>NML_ADMIN_KEY</c>), the caller of the request, the throttled last-use writes, and the
    /// authorization policies: roles follow the organisation type.
    /// </summary>
    public static WebApplicationBuilder AddMatchingAuth(this WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable("NML_ADMIN_KEY") is { Length: > 0 } adminKey) builder.Configuration["Auth:AdminApiKey"] = adminKey;

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICallerAccessor, HttpCallerAccessor>();
        builder.Services.AddSingleton<ApiKeyUsageTracker>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                options => options.AdminApiKey = builder.Configuration["Auth:AdminApiKey"]);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AdminOnly, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.AnyCaller, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.CandidateWriters, policy => policy.RequireRole(Roles.Zorgaanbieder, Roles.Admin))
            .AddPolicy(Policies.CandidateRegistrars, policy => policy.RequireRole(Roles.Zorgaanbieder))
            .AddPolicy(Policies.UnitWriters, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Admin))
            .AddPolicy(Policies.UnitPosters, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder))
            .AddPolicy(Policies.MatchParties, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
            .AddPolicy(Policies.Subscribers, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Gemeente, Roles.Matchingspunt))
            .AddPolicy(Policies.RoundRunners, policy => policy.RequireRole(Roles.Matchingspunt, Roles.Admin))
            .AddPolicy(Policies.UnitRankers, policy => policy.RequireRole(Roles.Corporatie, Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
            .AddPolicy(Policies.CandidateRankers, policy => policy.RequireRole(Roles.Zorgaanbieder, Roles.Matchingspunt, Roles.Admin))
            .AddPolicy(Policies.AgreementReaders, policy => policy.RequireRole(Roles.Corporatie, Roles.Gemeente, Roles.Matchingspunt, Roles.Admin))
            .AddPolicy(Policies.AgreementWriters, policy => policy.RequireRole(Roles.Gemeente, Roles.Matchingspunt));
        return builder;
    }
}
