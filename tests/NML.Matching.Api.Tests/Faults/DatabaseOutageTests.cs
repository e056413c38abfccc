using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Infrastructure.Idempotency;
using NML.Matching.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NML.Matching.Api.Tests.Faults;

/// <summary>
/// The database goes away under the running API and comes back (see <see cref="TestDatabase"/> for how): requests
/// in flight complete or answer 503 <c>database-unavailable</c>, never 500 and never hang; a change of several rows
/// is in the database whole or not at all; readiness follows the database without a restart of the API.
/// </summary>
public sealed class DatabaseOutageTests(FaultApiFactory api, ITestOutputHelper output) : IClassFixture<FaultApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;
    private MatchMaker _maker = null!;
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _maker = new MatchMaker(api, _cast);
        _db = new TestDatabase(api.Database, api.ConnectionString);
    }

    // Whatever happened in a test, the database accepts connections again for the next one (and for the drop).
    public Task DisposeAsync() => _db.BringBackAsync();

    /// <summary>A lease start a month after the class clock's day (one test moves that clock by a minute).</summary>
    private string TenancyStart => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd");

    [Fact]
    public async Task ReadinessFollowsTheDatabaseWithoutARestart()
    {
        var anonymous = api.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        await _db.TakeAwayAsync();
        try
        {
            var away = await anonymous.GetAsync("/health/ready").WaitAsync(TestDatabase.Patience);
            var live = await anonymous.GetAsync("/health/live").WaitAsync(TestDatabase.Patience);
            var request = await api.WithKey(_cast.ProviderA).GetAsync("/api/v1/candidates").WaitAsync(TestDatabase.Patience);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
            var body = await away.ReadJsonAsync();
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("The database cannot be reached.", body.GetProperty("checks")[0].GetProperty("description").GetString());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            await AssertDatabaseUnavailableAsync(request);
        }
        finally
        {
            await _db.BringBackAsync();
        }

        await WaitUntilReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(_cast.ProviderA).GetAsync("/api/v1/candidates")).StatusCode);
    }

    /// <summary>
    /// A proposal (match, its first history line, unit Reserved, candidate Matched, outbox event, audit line) is
    /// parked mid-transaction on a row lock of its unit, then its session is killed and the database refuses
    /// connections: at once back (EF's retry may then complete it) or away until the request has answered (503).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AProposalCutOffMidTransactionIsWholeOrAbsent(bool backAtOnce)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (unit, candidate) = await _maker.PairAsync();
            var propose = () => api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });

            var response = await CutOffMidTransactionAsync(propose, unit.Id, backAtOnce);

            Assert.Empty(await _db.HalfWrittenStateAsync());
            var matches = await _db.ScalarAsync<long>("SELECT count(*) FROM matches WHERE unit_id = @u", ("u", unit.Id));
            var unitStatus = await _db.ScalarAsync<string>("SELECT status FROM units WHERE id = @u", ("u", unit.Id));
            var events = await _db.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE payload->'data'->>'unitId' = @u", ("u", unit.Id.ToString()));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.True(backAtOnce, "Only a database that came back can complete the request.");
                Assert.Equal((1L, "Reserved", 1L), (matches, unitStatus, events));
                var created = (await response.Content.ReadFromJsonAsync<Features.Matches.MatchDto>(Json.Options))!;
                Assert.Equal(HttpStatusCode.OK, (await api.WithKey(_cast.MatchingspuntNml).GetAsync($"/api/v1/matches/{created.Id}")).StatusCode);
            }
            else
            {
                await AssertDatabaseUnavailableAsync(response);
                Assert.Equal((0L, "Available", 0L), (matches, unitStatus, events));
                // Nothing was written, so the client's retry simply works.
                Assert.Equal(HttpStatusCode.Created, (await propose()).StatusCode);
            }
            Assert.Empty(await _db.HalfWrittenStateAsync());
        }
    }

    /// <summary>The same for the signed lease: match Contracted, unit Let, candidate Housed, tenancy, event and two audit lines.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AContractCutOffMidTransactionIsWholeOrAbsent(bool backAtOnce)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var match = await _maker.AcceptedAsync();
            var contract = () => api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = TenancyStart, contractForm = "Regulier" });

            var response = await CutOffMidTransactionAsync(contract, match.UnitId, backAtOnce);

            Assert.Empty(await _db.HalfWrittenStateAsync());
            var status = await _db.ScalarAsync<string>("SELECT status FROM matches WHERE id = @m", ("m", match.Id));
            var tenancies = await _db.ScalarAsync<long>("SELECT count(*) FROM tenancies WHERE match_id = @m", ("m", match.Id));
            var unitStatus = await _db.ScalarAsync<string>("SELECT status FROM units WHERE id = @u", ("u", match.UnitId));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Assert.True(backAtOnce, "Only a database that came back can complete the request.");
                Assert.Equal(("Contracted", 1L, "Let"), (status, tenancies, unitStatus));
                Assert.Equal(HttpStatusCode.Conflict, (await contract()).StatusCode);
            }
            else
            {
                await AssertDatabaseUnavailableAsync(response);
                Assert.Equal(("Accepted", 0L, "Reserved"), (status, tenancies, unitStatus));
                Assert.Equal(HttpStatusCode.Created, (await contract()).StatusCode);
            }
            Assert.Empty(await _db.HalfWrittenStateAsync());
        }
    }

    /// <summary>
    /// A real matching round (matches, units, candidates, the round record, events and audit lines in one
    /// transaction under the region's advisory lock) cut off while it writes: whole or absent, and the round lock
    /// died with the session, so the next round runs.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARealRoundCutOffMidTransactionIsWholeOrAbsent(bool backAtOnce)
    {
        var (unit, _) = await _maker.PairAsync();
        var roundsBefore = await _db.ScalarAsync<long>("SELECT count(*) FROM matching_rounds WHERE NOT dry_run");
        var run = () => api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false });

        var response = await CutOffMidTransactionAsync(run, unit.Id, backAtOnce);

        Assert.Empty(await _db.HalfWrittenStateAsync());
        var rounds = await _db.ScalarAsync<long>("SELECT count(*) FROM matching_rounds WHERE NOT dry_run") - roundsBefore;
        var unitStatus = await _db.ScalarAsync<string>("SELECT status FROM units WHERE id = @u", ("u", unit.Id));
        if (response.StatusCode == HttpStatusCode.Created)
        {
            Assert.True(backAtOnce, "Only a database that came back can complete the request.");
            Assert.Equal((1L, "Reserved"), (rounds, unitStatus));
        }
        else
        {
            await AssertDatabaseUnavailableAsync(response);
            Assert.Equal((0L, "Available"), (rounds, unitStatus));
        }
        var next = await run();
        Assert.True(next.StatusCode == HttpStatusCode.Created, await next.Content.ReadAsStringAsync());
        Assert.Equal("Reserved", await _db.ScalarAsync<string>("SELECT status FROM units WHERE id = @u", ("u", unit.Id)));
        Assert.Empty(await _db.HalfWrittenStateAsync());
    }

    /// <summary>
    /// A proposal sent with an <c>Idempotency-Key</c>, cut off mid-transaction while the database stays away: the
    /// answer is a 503 problem (it was a 500 when the middleware's cleanup failed too), and once the database is
    /// back the client's retry with the same key and body goes through, after the pending timeout of the claim
    /// that could not be deleted while the database was away.
    /// </summary>
    [Fact]
    public async Task AnIdempotentRequestCutOffMidTransactionAnswers503AndItsRetryGoesThrough()
    {
        var (unit, candidate) = await _maker.PairAsync();
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Propose()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/matches") { Content = JsonContent.Create(new { unitId = unit.Id, candidateId = candidate.Id }) };
            request.Headers.Add("Idempotency-Key", key);
            return api.WithKey(_cast.MatchingspuntNml).SendAsync(request);
        }

        var response = await CutOffMidTransactionAsync(Propose, unit.Id, backAtOnce: false);
        await AssertDatabaseUnavailableAsync(response);

        // The claim on the key could not be deleted while the database was away: until the pending timeout it
        // answers "in progress"; after it, the retry runs (and nothing was written by the first try).
        var early = await Propose();
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("idempotency-request-in-progress", (await early.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.NotNull(early.Headers.RetryAfter);
        api.Clock.Advance(TimeSpan.FromSeconds(new IdempotencyOptions().PendingTimeoutSeconds + 1));
        var retry = await Propose();
        Assert.True(retry.StatusCode == HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM matches WHERE unit_id = @u", ("u", unit.Id)));
        Assert.Empty(await _db.HalfWrittenStateAsync());
    }

    /// <summary>
    /// Four clients read, propose and sign leases while the database goes away twice: once for about as long as
    /// EF's retries last, once for longer. Every answer is a success or a 503 problem; a client that got 503 tries
    /// the same step again later, as Retry-After asks. In the end every step is done once and the database holds
    /// no half-written change.
    /// </summary>
    /// <summary>The pauses of the four clients come from seeded generators (this seed plus the client's number).</summary>
    private const int LoadSeed = 20260302;

    [Fact]
    public async Task UnderLoadEveryRequestCompletesOrAnswers503AndNothingIsLeftHalfWritten()
    {
        output.WriteLine($"seed {LoadSeed}");
        var jobs = new ConcurrentQueue<Job>();
        for (var i = 0; i < 10; i++)
        {
            var (unit, candidate) = await _maker.PairAsync();
            jobs.Enqueue(new Job("propose", unit.Id, () => api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id })));
            var match = await _maker.AcceptedAsync();
            jobs.Enqueue(new Job("contract", match.Id, () => api.WithKey(_cast.CorporationA).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", new { tenancyStart = TenancyStart, contractForm = "Regulier" })));
        }
        var total = jobs.Count;
        var answers = new ConcurrentBag<(string Kind, bool Retried, HttpStatusCode Status, string? Code)>();
        var done = new ConcurrentBag<Job>();
        var outagesOver = 0;
        var failed = 0;

        // Each client writes a step now and then and reads in between, until the outages are over and every step is
        // done (or another client failed an assertion).
        async Task WorkAsync(Random random)
        {
            try
            {
                await LoopAsync(random);
            }
            catch
            {
                Volatile.Write(ref failed, 1);
                throw;
            }
        }

        async Task LoopAsync(Random random)
        {
            while (Volatile.Read(ref failed) == 0 && (Volatile.Read(ref outagesOver) == 0 || done.Count < total))
            {
                var read = await api.WithKey(_cast.ProviderA).GetAsync("/api/v1/matches?pageSize=5").WaitAsync(TestDatabase.Patience);
                answers.Add(("read", false, read.StatusCode, await CodeOfAsync(read)));
                if (read.StatusCode != HttpStatusCode.OK) await AssertDatabaseUnavailableAsync(read);
                if (!jobs.TryDequeue(out var job))
                {
                    await Task.Delay(50);
                    continue;
                }
                var response = await job.Send().WaitAsync(TestDatabase.Patience);
                var code = await CodeOfAsync(response);
                answers.Add((job.Kind, job.Tries > 0, response.StatusCode, code));
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict)
                {
                    // A 409 when an earlier try (the client's, or EF's retry inside the request) committed before
                    // its answer was lost; the step is then in the database once (checked below).
                    done.Add(job);
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{job.Kind}: {(int)response.StatusCode} {code} (seed {LoadSeed})");
                    await AssertDatabaseUnavailableAsync(response);
                    job.Tries++;
                    jobs.Enqueue(job);
                }
                await Task.Delay(random.Next(200, 800));
            }
        }

        async Task OutagesAsync()
        {
            foreach (var away in new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8) })
            {
                // The clients are at work on a healthy database before it goes away.
                var answered = answers.Count;
                await Eventually.WaitUntilAsync(() => answers.Count >= answered + 4 || Volatile.Read(ref failed) == 1, TestDatabase.Patience, "the clients to get answers before the outage");
                await _db.TakeAwayAsync();
                try
                {
                    await Task.Delay(away);
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Anonymous().GetAsync("/health/ready")).StatusCode);
                }
                finally
                {
                    await _db.BringBackAsync();
                }
                await WaitUntilReadyAsync();
            }
        }

        var workers = Enumerable.Range(0, 4).Select(i => Task.Run(() => WorkAsync(new Random(LoadSeed + i)))).ToList();
        try
        {
            await OutagesAsync();
        }
        finally
        {
            Volatile.Write(ref outagesOver, 1);
        }
        var all = Task.WhenAll(workers);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(3)));
        Assert.True(finished == all, $"The clients did not finish: {done.Count} of {total} steps done (seed {LoadSeed}).");
        await all;

        var summary = answers.GroupBy(a => $"{a.Kind}{(a.Retried ? " (again)" : "")} {(int)a.Status} {a.Code}").OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var described = $"seed {LoadSeed}; answers:{Environment.NewLine}{string.Join(Environment.NewLine, summary)}";
        output.WriteLine(described);
        Assert.False(answers.Any(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable), described);
        Assert.True(answers.Any(a => a.Status == HttpStatusCode.ServiceUnavailable), described);
        Assert.True(answers.Any(a => a.Status == HttpStatusCode.OK), described);
        Assert.True(total == done.Count, described);
        Assert.Empty(await _db.HalfWrittenStateAsync());
        foreach (var job in done.Where(j => j.Kind == "propose"))
            Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM matches WHERE unit_id = @u", ("u", job.Id)));
        foreach (var job in done.Where(j => j.Kind == "contract"))
            Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM tenancies WHERE match_id = @m", ("m", job.Id)));
    }

    /// <summary>
    /// The check every test above ends with (<see cref="TestDatabase.HalfWrittenStateAsync"/>) does find what a change
    /// cut off halfway would leave; without this control, its empty answer would prove nothing. On a database of its
    /// own, since it breaks it on purpose.
    /// </summary>
    [Fact]
    public async Task TheHalfWrittenStateCheckFindsAChangeLeftHalfway()
    {
        await using var own = await World.OwnAsync();
        var db = new TestDatabase(own.Api.Database, own.Api.ConnectionString);
        var match = await new MatchMaker(own.Api, own.Cast).ProposeAsync();
        Assert.Empty(await db.HalfWrittenStateAsync());

        Assert.Single(await db.RowsAsync("UPDATE units SET status = 'Available' WHERE id = @u RETURNING id", ("u", match.UnitId)));
        var unitLeftOut = await db.HalfWrittenStateAsync();
        Assert.Single(await db.RowsAsync("UPDATE units SET status = 'Reserved' WHERE id = @u RETURNING id", ("u", match.UnitId)));
        Assert.Empty(await db.HalfWrittenStateAsync());
        Assert.NotEmpty(await db.RowsAsync("DELETE FROM outbox_events WHERE payload->'data'->>'matchId' = @m RETURNING id", ("m", match.Id.ToString())));
        var eventLeftOut = await db.HalfWrittenStateAsync();

        Assert.Contains(unitLeftOut, line => line.StartsWith("active match without a Reserved unit and a Matched candidate", StringComparison.Ordinal));
        Assert.Contains(eventLeftOut, line => line.StartsWith("match whose history, outbox events and audit lines do not correspond", StringComparison.Ordinal));
    }

    private sealed class Job(string kind, Guid id, Func<Task<HttpResponseMessage>> send)
    {
        public string Kind { get; } = kind;
        public Guid Id { get; } = id;
        public Func<Task<HttpResponseMessage>> Send { get; } = send;
        public int Tries { get; set; }
    }

    /// <summary>
    /// Sends a write, waits until its transaction is parked on a row lock of the unit (held from a session of the
    /// test), takes the database away (which kills that transaction and the lock), and returns the answer.
    /// While the database is away, readiness is 503 and liveness 200.
    /// </summary>
    private async Task<HttpResponseMessage> CutOffMidTransactionAsync(Func<Task<HttpResponseMessage>> send, Guid unitId, bool backAtOnce)
    {
        try
        {
            await using var hold = await _db.HoldLockAsync("SELECT 1 FROM units WHERE id = @id FOR UPDATE", ("id", unitId));
            var request = send();
            await _db.WaitForSessionsWaitingOnALockAsync(1);
            await _db.TakeAwayAsync();
            if (backAtOnce)
            {
                await _db.BringBackAsync();
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.Anonymous().GetAsync("/health/ready").WaitAsync(TestDatabase.Patience)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live").WaitAsync(TestDatabase.Patience)).StatusCode);
            }
            var response = await request.WaitAsync(TestDatabase.Patience);
            output.WriteLine($"cut off mid-transaction (back at once: {backAtOnce}): {(int)response.StatusCode} {await CodeOfAsync(response)}");
            return response;
        }
        finally
        {
            await _db.BringBackAsync();
            await WaitUntilReadyAsync();
        }
    }

    private Task WaitUntilReadyAsync() => Eventually.WaitUntilAsync(
        async () => (await api.Anonymous().GetAsync("/health/ready").WaitAsync(TestDatabase.Patience)).StatusCode == HttpStatusCode.OK,
        TestDatabase.Patience, "the API to become ready again after the database came back", poll: TimeSpan.FromMilliseconds(100));

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
        return (await response.ReadJsonAsync()).GetProperty("code").GetString();
    }

    internal static async Task AssertDatabaseUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("database-unavailable", (await response.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }
}
