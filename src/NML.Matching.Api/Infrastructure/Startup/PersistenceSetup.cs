using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Demo;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Infrastructure.Startup;

public static class PersistenceSetup
{
    /// <summary>
    /// PostgreSQL through EF Core (retrying transient failures, snake_case names), the cache of verified keys with the
    /// interceptor that invalidates it on a save, the <c>Database</c> section, and what <see cref="DatabaseInitializer"/>
    /// loads at start-up: the reference data and the demo data.
    /// </summary>
    public static WebApplicationBuilder AddMatchingPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = ConnectionStrings.WithPoolDefaults(builder.Configuration.GetConnectionString("Matching")
            ?? throw new InvalidOperationException("ConnectionStrings:Matching is not configured."));
        builder.Services.Configure<KeyCacheSettings>(builder.Configuration.GetSection(KeyCacheSettings.Section));
        builder.Services.AddSingleton<VerifiedKeyCache>();
        builder.Services.AddSingleton<KeyCacheInvalidator>();
        builder.Services.AddDbContext<MatchingDbContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<KeyCacheInvalidator>()));
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
        builder.Services.AddScoped<ReferenceDataLoader>();
        builder.Services.AddScoped<DemoData>();
        return builder;
    }
}
