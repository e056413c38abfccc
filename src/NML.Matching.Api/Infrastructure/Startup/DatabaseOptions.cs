namespace NML.Matching.Api.Infrastructure.Startup;

public sealed class DatabaseOptions
{
    /// <summary>Apply pending migrations at start-up (<c>Database:MigrateOnStartup</c>).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>How long start-up waits for the database to answer.</summary>
    public int StartupWaitSeconds { get; set; } = 60;
}
