using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using Npgsql;
using Testcontainers.PostgreSql;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the whole test run, found in this order: a connection string in
/// <c>NML_TEST_DB</c>; Testcontainers when a Docker engine answers; otherwise a throwaway cluster from the
/// local PostgreSQL binaries (initdb/pg_ctl in a temp folder, reached through a Unix socket in that folder and no
/// TCP port at all, so that nothing else on the machine can take its address; as the postgres user when root).
/// There is no fallback to a stand-in: without a server every database test fails.
/// Each test class gets its own database, cloned from a migrated template (fast and isolated).
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _counter;
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private bool _templateReady;

    private PostgresServer(string adminConnectionString, string source)
    {
        AdminConnectionString = adminConnectionString;
        Source = source;
    }

    public string AdminConnectionString { get; }
    public string Source { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty, fully migrated database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        await EnsureTemplateAsync();
        var name = $"nml_test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{TemplateName}\"");
        return WithDatabase(name);
    }

    /// <summary>Creates an empty database without schema (for tests of the start-up migration itself).</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"nml_empty_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return WithDatabase(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string TemplateName => $"nml_template_{Environment.ProcessId}";

    private string WithDatabase(string name) => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;

    private async Task EnsureTemplateAsync()
    {
        if (_templateReady) return;
        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady) return;
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)");
            var options = new DbContextOptionsBuilder<MatchingDbContext>()
                .UseNpgsql(WithDatabase(TemplateName)).UseSnakeCaseNamingConvention().Options;
            await using (var db = new MatchingDbContext(options))
            {
                await db.Database.MigrateAsync();
            }
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("NML_TEST_DB") is { Length: > 0 } configured)
        {
            return new PostgresServer(configured, "NML_TEST_DB");
        }
        if (DockerMightAnswer())
        {
            try
            {
                var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                return new PostgresServer(container.GetConnectionString(), "Testcontainers");
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Testcontainers could not start PostgreSQL ({ex.Message}); using the local binaries.");
            }
        }
        return await LocalCluster.StartAsync();
    }

    private static bool DockerMightAnswer() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");

    /// <summary>A throwaway cluster from the local PostgreSQL binaries.</summary>
    private static class LocalCluster
    {
        public static async Task<PostgresServer> StartAsync()
        {
            var bin = FindBinaries() ?? throw new InvalidOperationException(
                "No PostgreSQL server for the tests: set NML_TEST_DB, run a Docker engine, or install the PostgreSQL 15+ binaries (apt-get install postgresql).");
            var root = Directory.CreateTempSubdirectory("nml-pg-").FullName;
            var data = Path.Combine(root, "data");
            var asRoot = Environment.UserName == "root";
            if (asRoot) await RunAsync("chown", ["postgres", root], asPostgres: false);

            // No TCP port: a port chosen as free can be taken by another process before the server binds it. The
            // server listens only on a Unix socket in its own folder, where nobody else puts one; the port number
            // merely names the socket file.
            const int port = 5432;
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], asRoot);
            await RunAsync(Path.Combine(bin, "pg_ctl"),
                ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                 "-o", $"-p {port} -c listen_addresses='' -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
                 "start"], asRoot);

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot).GetAwaiter().GetResult();
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"Could not remove the test cluster in {root}: {ex.Message}");
                }
            };
            var connectionString = $"Host={root};Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50";
            return new PostgresServer(connectionString, $"local binaries in {bin}");
        }

        private static string? FindBinaries()
        {
            const string root = "/usr/lib/postgresql";
            if (Directory.Exists(root))
            {
                var best = Directory.GetDirectories(root)
                    .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                    .Where(x => x.Version >= 15 && File.Exists(Path.Combine(x.Dir, "initdb")))
                    .OrderByDescending(x => x.Version).FirstOrDefault();
                if (best.Dir is not null) return best.Dir;
            }
            var path = Environment.GetEnvironmentVariable("PATH")?.Split(':') ?? [];
            return path.FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")) && File.Exists(Path.Combine(p, "pg_ctl")));
        }

        private static async Task RunAsync(string file, string[] arguments, bool asPostgres)
        {
            var start = asPostgres
                ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. arguments])
                : new ProcessStartInfo(file, arguments);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {process.ExitCode}: {await stderr} {await stdout}");
        }
    }
}
