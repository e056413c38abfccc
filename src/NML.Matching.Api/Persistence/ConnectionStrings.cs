using Npgsql;

namespace NML.Matching.Api.Persistence;

/// <summary>
/// The API's defaults for its Npgsql connection pool, applied unless the configured connection string sets them
/// (docs/operations.md, D37). Measured in deploy/load (docs/performance.md): the cheapest authenticated read went
/// from 1,822 to 3,346 req/s and the mixed workload from 353 to 437 req/s.
/// </summary>
public static class ConnectionStrings
{
    /// <summary>
    /// Returns <paramref name="configured"/> with, where it does not say otherwise: <c>No Reset On Close=true</c> (no
    /// <c>DISCARD ALL</c> each time EF Core returns a connection: the API keeps no session state, its advisory locks
    /// are transaction-scoped and it sets nothing), <c>Max Auto Prepare=64</c> and <c>Auto Prepare Min Usages=2</c>
    /// (statements used twice on a connection are prepared on the server, so PostgreSQL stops parsing and planning
    /// them each time).
    /// </summary>
    public static string WithPoolDefaults(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var given = new DbConnectionStringKeys(configured);
        if (!given.Has("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!given.Has("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!given.Has("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>The keys a connection string names, compared as Npgsql does: case- and space-insensitive.</summary>
    private sealed class DbConnectionStringKeys(string connectionString)
    {
        private readonly HashSet<string> _keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }
            .Keys.Cast<string>().Select(Normalise).ToHashSet(StringComparer.Ordinal);

        public bool Has(params string[] names) => names.Any(n => _keys.Contains(Normalise(n)));

        private static string Normalise(string key) => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
    }
}
