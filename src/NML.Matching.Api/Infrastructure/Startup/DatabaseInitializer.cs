using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Demo;
using NML.Matching.Api.Features.Regions;

namespace NML.Matching.Api.Infrastructure.Startup;

/// <summary>
/// Runs before the API serves requests: waits for the database, applies migrations when configured,
/// synchronises the reference data (regions and municipalities) from the versioned data file, and loads
/// the demo data when asked.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<MatchingDbContext>();

        await WaitForDatabaseAsync(db, options.MigrateOnStartup, TimeSpan.FromSeconds(options.StartupWaitSeconds), logger, cancellationToken);

        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            logger.LogWarning("Migrations are pending and Database:MigrateOnStartup is off; reference data is not synchronised and /health/ready reports unhealthy");
            return;
        }

        await provider.GetRequiredService<ReferenceDataLoader>().SyncAsync(cancellationToken);

        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            await provider.GetRequiredService<DemoData>().SeedAsync(cancellationToken);
        }
    }

    /// <summary>Retries until the database answers (and, when asked, is migrated; that also creates it).</summary>
    private static async Task WaitForDatabaseAsync(MatchingDbContext db, bool migrate, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                if (migrate)
                {
                    logger.LogInformation("Applying database migrations");
                    await db.Database.MigrateAsync(cancellationToken);
                    return;
                }
                if (await db.Database.CanConnectAsync(cancellationToken)) return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                logger.LogInformation("Database not reachable yet: {Reason}", ex.Message);
            }
            if (DateTime.UtcNow >= deadline) throw new InvalidOperationException("The database did not answer within the start-up wait.");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
