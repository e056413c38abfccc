using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NML.Matching.Api.Tests.Faults;

/// <summary>
/// Two API instances on one database, as behind a load balancer: the round lock and the match's row version must
/// hold across processes, not only across requests of one process (which MatchingApiTests and MatchWorkflowTests
/// cover); the outbox across processes is in <see cref="OutboxFaultTests"/>. Where the outcome must be exact, the
/// race is forced with a lock held from a test session; every race is repeated.
/// </summary>
public sealed class TwoInstanceTests(FaultApiFactory api, ITestOutputHelper output) : IClassFixture<FaultApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;
    private MatchMaker _maker = null!;
    private TestDatabase _db = null!;
    private ApiFactory _other = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _maker = new MatchMaker(api, _cast);
        _db = new TestDatabase(api.Database, api.ConnectionString);
        _other = await ApiFactory.OnSameDatabaseAsync(api);
        _ = _other.Server;
    }

    public async Task DisposeAsync() => await _other.DisposeAsync();

    /// <summary>
    /// Both instances start a real round for the region while the first to take the region's round lock is held up
    /// (the candidates table is locked from a test session, so it cannot finish): the other must answer 409
    /// <c>round-in-progress</c>, and the first, once free, 201 with its proposals.
    /// </summary>
    [Fact]
    public async Task RealRoundsFromBothInstancesAtOnceGiveOne201AndOne409()
    {
        var roundsBefore = await _db.ScalarAsync<long>("SELECT count(*) FROM matching_rounds WHERE NOT dry_run");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            for (var i = 0; i < 3; i++) await _maker.PairAsync();
            Task<HttpResponseMessage> fromApi, fromOther, first;
            await using (await _db.HoldLockAsync("LOCK TABLE candidates IN ACCESS EXCLUSIVE MODE"))
            {
                var body = new { regionCode = "NML", dryRun = false };
                // Alternate who sends first; both are on their way before either can finish.
                if (attempt % 2 == 0)
                {
                    fromApi = api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", body);
                    fromOther = _other.Admin().PostAsJsonAsync("/api/v1/matching-rounds", body);
                }
                else
                {
                    fromOther = _other.Admin().PostAsJsonAsync("/api/v1/matching-rounds", body);
                    fromApi = api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", body);
                }
                first = await Task.WhenAny(fromApi, fromOther).WaitAsync(TestDatabase.Patience);
                // The winner holds the round lock and waits for the candidates table.
                await _db.WaitForSessionsWaitingOnALockAsync(1);
                Assert.False(fromApi.IsCompleted && fromOther.IsCompleted, "Both rounds finished while the table was locked.");
            }
            var loser = await first;
            var winner = await (first == fromApi ? fromOther : fromApi).WaitAsync(TestDatabase.Patience);

            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal("round-in-progress", (await loser.ReadJsonAsync()).GetProperty("code").GetString());
            Assert.True(winner.StatusCode == HttpStatusCode.Created, await winner.Content.ReadAsStringAsync());
            Assert.True((await winner.ReadJsonAsync()).GetProperty("proposals").GetArrayLength() >= 3);
        }
        Assert.Empty(await _db.HalfWrittenStateAsync());
        Assert.Equal(roundsBefore + 3, await _db.ScalarAsync<long>("SELECT count(*) FROM matching_rounds WHERE NOT dry_run"));
    }

    /// <summary>
    /// The same without holding anything up: released together, the two rounds either overlap (201 and 409) or
    /// follow each other (two 201s, the second with what the first left); never anything else, never a unit or
    /// candidate in two active matches.
    /// </summary>
    [Fact]
    public async Task UnforcedRealRoundsFromBothInstancesNeverDoubleBook()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            for (var i = 0; i < 3; i++) await _maker.PairAsync();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var body = new { regionCode = "NML", dryRun = false };
            var both = Task.WhenAll(new[] { api.WithKey(_cast.MatchingspuntNml), _other.Admin() }.Select(async client =>
            {
                await gate.Task;
                return await client.PostAsJsonAsync("/api/v1/matching-rounds", body);
            }));
            gate.SetResult();
            var answers = await both.WaitAsync(TestDatabase.Patience);

            output.WriteLine($"attempt {attempt}: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
            Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
            foreach (var answer in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            {
                Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
                Assert.Equal("round-in-progress", (await answer.ReadJsonAsync()).GetProperty("code").GetString());
            }
            // The three new pairs were free: between them the rounds proposed at least those.
            var proposed = 0;
            foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
                proposed += (await answer.ReadJsonAsync()).GetProperty("proposals").GetArrayLength();
            Assert.True(proposed >= 3, $"attempt {attempt}: only {proposed} proposals");
            Assert.Empty(await _db.HalfWrittenStateAsync());
        }
    }

    /// <summary>
    /// The owner's two instances accept one nominated match at once, twice from each instance: exactly one accept
    /// wins, the others answer 409, and the match has one Accepted step, one event and one audit line. Odd attempts
    /// park all four on the match's row (a lock from a test session) and let them go together; even attempts only
    /// release them at the same moment.
    /// </summary>
    [Fact]
    public async Task ConcurrentAcceptsFromBothInstancesExactlyOneWins()
    {
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var match = await _maker.NominatedAsync();
            var clients = new[] { api.WithKey(_cast.CorporationA), _other.WithKey(_cast.CorporationA), api.WithKey(_cast.CorporationA), _other.WithKey(_cast.CorporationA) };
            HttpResponseMessage[] answers;
            if (attempt % 2 == 1)
            {
                Task<HttpResponseMessage[]> all;
                await using (await _db.HoldLockAsync("SELECT 1 FROM matches WHERE id = @id FOR UPDATE", ("id", match.Id)))
                {
                    all = Task.WhenAll(clients.Select(c => c.PostAsync($"/api/v1/matches/{match.Id}/accept", null)));
                    await _db.WaitForSessionsWaitingOnALockAsync(clients.Length);
                }
                answers = await all.WaitAsync(TestDatabase.Patience);
            }
            else
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var all = Task.WhenAll(clients.Select(async c =>
                {
                    await gate.Task;
                    return await c.PostAsync($"/api/v1/matches/{match.Id}/accept", null);
                }));
                gate.SetResult();
                answers = await all.WaitAsync(TestDatabase.Patience);
            }

            var summary = string.Join(", ", answers.Select(a => (int)a.StatusCode));
            output.WriteLine($"attempt {attempt}: {summary}");
            Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.OK) == 1, summary);
            foreach (var conflict in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
            {
                Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
                Assert.Contains((await conflict.ReadJsonAsync()).GetProperty("code").GetString(), new[] { "concurrent-update", "invalid-transition" });
            }
            var id = ("m", (object)match.Id);
            Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM match_transitions WHERE match_id = @m AND \"to\" = 'Accepted'", id));
            Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE type = 'match.accepted' AND payload->'data'->>'matchId' = @m", ("m", match.Id.ToString())));
            Assert.Equal(1L, await _db.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'match.accepted' AND entity_id = @m", ("m", match.Id.ToString())));
        }
        Assert.Empty(await _db.HalfWrittenStateAsync());
    }
}
