namespace NML.Matching.Api.Infrastructure.Health;

public static class HealthSetup
{
    /// <summary>The readiness check of the database, tagged <see cref="HealthEndpoints.ReadyTag"/> (<c>/health/ready</c>).</summary>
    public static WebApplicationBuilder AddMatchingHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
