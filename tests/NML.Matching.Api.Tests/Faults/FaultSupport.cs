using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Tests.Infrastructure;
using Npgsql;

namespace NML.Matching.Api.Tests.Faults;

/// <summary>
/// The API for the fault tests: its own webhook dispatcher is idle (the tests start dispatchers where they want
/// them), so that nothing but the test's own requests touches the database while it is taken away.
/// </summary>
public sealed class FaultApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:IntervalSeconds", "86400");
    }
}

/// <summary>
/// Takes one test database away and brings it back, without touching the other databases of the shared cluster
/// (other test classes run on it at the same time). "Away" is <c>ALTER DATABASE … ALLOW_CONNECTIONS false</c>
/// followed by <c>pg_terminate_backend</c> on every session of that database, repeated until none is left: the
/// sessions in use die mid-statement (their transactions roll back, the client reads <c>57P01</c> or a closed
/// socket) and new connections are refused (<c>55000</c>), as with a database server that stops and does not come
/// back yet. "Back" is <c>ALLOW_CONNECTIONS true</c>. All of it runs from the cluster's admin connection
/// (database <c>postgres</c>), so it keeps working while the test database refuses connections.
/// </summary>
public sealed class TestDatabase(PostgresServer server, string connectionString)
{
    public string Name { get; } = new NpgsqlConnectionStringBuilder(connectionString).Database!;

    public string ConnectionString { get; } = connectionString;

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private const string OwnSessions = "nml-fault-tests";

    /// <summary>The test's own sessions: unpooled and named, so that they never mix with the API's pool.</summary>
    private string Own => new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = OwnSessions, Pooling = false }.ConnectionString;

    public async Task TakeAwayAsync()
    {
        await AdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS false");
        // A session that passed its connection check just before the ALTER may show up a moment later: repeat
        // until two rounds in a row find none.
        var quiet = 0;
        var deadline = DateTime.UtcNow + Patience;
        while (quiet < 2)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Sessions of {Name} kept coming back.");
            var killed = await AdminScalarAsync<long>(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", ("db", Name));
            quiet = killed == 0 ? quiet + 1 : 0;
            await Task.Delay(50);
        }
    }

    public Task BringBackAsync() => AdminAsync($"ALTER DATABASE \"{Name}\" ALLOW_CONNECTIONS true");

    /// <summary>Waits until <paramref name="count"/> sessions of this database wait for a lock (a request parked mid-transaction).</summary>
    public Task WaitForSessionsWaitingOnALockAsync(int count) => Eventually.WaitUntilAsync(
        async () => await AdminScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock' AND application_name <> @own",
            ("db", Name), ("own", OwnSessions)) >= count,
        Patience, $"{count} session(s) of {Name} to wait on a lock");

    /// <summary>Opens a transaction on the test database that holds a row or table lock until it is disposed.</summary>
    public async Task<IAsyncDisposable> HoldLockAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var connection = new NpgsqlConnection(Own);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
            await command.ExecuteNonQueryAsync();
        }
        return new Lock(connection);
    }

    private sealed class Lock(NpgsqlConnection connection) : IAsyncDisposable
    {
        // Closing the session ends its transaction (a rollback); it may also have been terminated already.
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.CloseAsync();
            }
            catch (NpgsqlException)
            {
            }
            await connection.DisposeAsync();
        }
    }

    /// <summary>A value read from the test database (after the faults, to check what was left behind).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Own);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The rows of a query on the test database, each as an array of strings.</summary>
    public async Task<List<string[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Own);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> AdminScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Every multi-row change is whole or absent. Returns one line per broken rule (empty when all hold), checked
    /// over the whole test database: matches with their unit, candidate, history, outbox event and audit line;
    /// contracts with their tenancy; units and candidates that claim a match that is not there.
    /// </summary>
    public async Task<List<string>> HalfWrittenStateAsync()
    {
        const string transitionEvents = "('match.proposed','match.nominated','match.accepted','match.contracted','match.declined','match.expired','match.withdrawn')";
        (string Rule, string Sql)[] rules =
        [
            ("active match without a Reserved unit and a Matched candidate",
                """
                SELECT m.id FROM matches m JOIN units u ON u.id = m.unit_id JOIN candidates c ON c.id = m.candidate_id
                WHERE m.status IN ('Proposed','Nominated','Accepted') AND (u.status <> 'Reserved' OR c.placement <> 'Matched')
                """),
            ("contracted match without a Let unit, a Housed candidate and exactly one tenancy",
                """
                SELECT m.id FROM matches m JOIN units u ON u.id = m.unit_id JOIN candidates c ON c.id = m.candidate_id
                WHERE m.status = 'Contracted' AND (u.status <> 'Let' OR c.placement <> 'Housed'
                      OR (SELECT count(*) FROM tenancies t WHERE t.match_id = m.id) <> 1)
                """),
            ("tenancy whose match is not Contracted, or without its tenancy.started audit line",
                """
                SELECT t.id FROM tenancies t LEFT JOIN matches m ON m.id = t.match_id
                WHERE m.status IS DISTINCT FROM 'Contracted'
                   OR NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_type = 'tenancy' AND a.entity_id = t.id::text AND a.action = 'tenancy.started')
                """),
            ("match whose history, outbox events and audit lines do not correspond one to one",
                $"""
                SELECT m.id FROM matches m
                WHERE (SELECT count(*) FROM match_transitions h WHERE h.match_id = m.id)
                      <> (SELECT count(*) FROM outbox_events e WHERE e.payload->'data'->>'matchId' = m.id::text AND e.type IN {transitionEvents})
                   OR (SELECT count(*) FROM match_transitions h WHERE h.match_id = m.id)
                      <> (SELECT count(*) FROM audit_events a WHERE a.entity_type = 'match' AND a.entity_id = m.id::text)
                   OR NOT EXISTS (SELECT 1 FROM outbox_events e WHERE e.payload->'data'->>'matchId' = m.id::text AND e.type = 'match.' || lower(m.status))
                """),
            ("outbox event or audit line about a match that does not exist",
                """
                SELECT e.id::text FROM outbox_events e WHERE e.payload->'data'->>'matchId' IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.id::text = e.payload->'data'->>'matchId')
                UNION ALL
                SELECT a.id::text FROM audit_events a WHERE a.entity_type = 'match'
                  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.id::text = a.entity_id)
                """),
            ("Reserved unit or Matched candidate without exactly one active match",
                """
                SELECT u.id FROM units u WHERE u.status = 'Reserved'
                  AND (SELECT count(*) FROM matches m WHERE m.unit_id = u.id AND m.status IN ('Proposed','Nominated','Accepted')) <> 1
                UNION ALL
                SELECT c.id FROM candidates c WHERE c.placement = 'Matched'
                  AND (SELECT count(*) FROM matches m WHERE m.candidate_id = c.id AND m.status IN ('Proposed','Nominated','Accepted')) <> 1
                """),
            ("Let unit or Housed candidate without a contracted match",
                """
                SELECT u.id FROM units u WHERE u.status = 'Let'
                  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.unit_id = u.id AND m.status = 'Contracted')
                UNION ALL
                SELECT c.id FROM candidates c WHERE c.placement = 'Housed'
                  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.candidate_id = c.id AND m.status = 'Contracted')
                """),
            ("real matching round whose proposal count differs from its matches",
                """
                SELECT r.id FROM matching_rounds r WHERE NOT r.dry_run
                  AND r.proposal_count <> (SELECT count(*) FROM matches m WHERE m.round_id = r.id)
                """),
        ];
        var broken = new List<string>();
        foreach (var (rule, sql) in rules)
        {
            var rows = await RowsAsync(sql);
            if (rows.Count > 0) broken.Add($"{rule}: {string.Join(", ", rows.Select(r => r[0]))}");
        }
        return broken;
    }
}

/// <summary>Pairs of a unit and a candidate that only fit each other, and the workflow steps on them.</summary>
public sealed class MatchMaker(ApiFactory api, Cast cast)
{
    /// <summary>An eligible unit and candidate (a target group and 24/7 support, as in the workflow tests).</summary>
    public async Task<(UnitDto Unit, CandidateDto Candidate)> PairAsync()
    {
        var group = new JsonArray("ExGedetineerde");
        var unit = await api.WithKey(cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("targetGroups", group).With("supportOnSite", "TwentyFourSeven"));
        var candidate = await api.WithKey(cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("targetGroups", group).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        return (unit, candidate);
    }

    public async Task<MatchDto> ProposeAsync(HttpClient? through = null)
    {
        var (unit, candidate) = await PairAsync();
        var response = await (through ?? api.WithKey(cast.MatchingspuntNml)).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
    }

    public async Task<MatchDto> NominatedAsync()
    {
        var match = await ProposeAsync();
        (await api.WithKey(cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();
        return match;
    }

    public async Task<MatchDto> AcceptedAsync()
    {
        var match = await NominatedAsync();
        (await api.WithKey(cast.CorporationA).PostAsync($"/api/v1/matches/{match.Id}/accept", null)).EnsureSuccessStatusCode();
        return match;
    }
}
