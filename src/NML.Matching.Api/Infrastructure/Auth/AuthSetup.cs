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
        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AnyCaller, policy => policy.RequireAuthenticatedUser());
        foreach (var (name, roles) in Policies.RolesOf.Where(p => p.Key != Policies.AnyCaller))
            authorization.AddPolicy(name, policy => policy.RequireRole(roles));
        return builder;
    }
}
