using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using Npgsql;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The <c>Idempotency-Key</c> as docs/api.md (Idempotency-Key) describes it: 1–255 printable characters, per
/// organisation, "the same request" being the same method, path, query and body, remembered for
/// <c>Idempotency:RetentionHours</c> (default 48), and 409 <c>idempotency-request-in-progress</c> while the first
/// request runs. The replay of the same request, another body on the same path, keys per organisation, failed
/// requests and the first day are in <see cref="InputSafetyTests"/>.
/// </summary>
public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const string Header = "Idempotency-Key";
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> PostWithKey(string apiKey, string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        Assert.True(request.Headers.TryAddWithoutValidation(Header, idempotencyKey));
        return api.WithKey(apiKey).SendAsync(request);
    }

    private async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    private Task<long?> RecordsWithKeyAsync(string key) => ScalarAsync<long?>("SELECT count(*) FROM idempotency_records WHERE key = @k", ("k", key));

    private static string NewKey() => "k-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    public async Task AKeyOf1To255PrintableCharactersIsHonoured(int length)
    {
        // This class's database is its own, and ProviderB uses no other key here, so one character is unique.
        var key = length == 1 ? "z" : (NewKey() + new string('x', 300))[..length];
        Assert.Equal(length, key.Length);
        var body = Payloads.Candidate();

        var first = await PostWithKey(_cast.ProviderB, "/api/v1/candidates", body, key);
        var again = await PostWithKey(_cast.ProviderB, "/api/v1/candidates", body, key);

        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
    }

    public static TheoryData<string> InvalidKeys() =>
    [
        "   ",                       // empty: HTTP strips the whitespace around a field value (RFC 9110 5.5); the
                                     // in-memory test host drops a header sent with no value at all
        new string('k', 256),        // one character too long
        "tab\there",                 // a control character (HT)
        "bell\u0007",                // a control character (BEL)
        "delete\u007f",              // a control character (DEL)
    ];

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task AnEmptyTooLongOrControlCharacterKeyIs400NamingTheHeader(string key)
    {
        var body = Payloads.Candidate();

        var refused = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", body, key);

        await OrganisationTests.AssertBadRequestNaming(refused, Header);
        Assert.Equal("invalid-idempotency-key", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        // Nothing was registered: the same body with a valid key is a new candidate, not a duplicate reference.
        var valid = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", body, NewKey());
        Assert.True(valid.StatusCode == HttpStatusCode.Created, await valid.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSameKeyAndBodyOnAnotherPathIsRefusedNotReplayed()
    {
        var provider = api.WithKey(_cast.ProviderA);
        var first = await provider.RegisterCandidateAsync();
        var second = await provider.RegisterCandidateAsync();
        var key = NewKey();
        var body = new { reason = "Verhuisd buiten de regio" };

        var withdrawn = await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{first.Id}/withdraw", body, key);
        var other = await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{second.Id}/withdraw", body, key);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("idempotency-key-reused", (await other.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.DoesNotContain(first.Id.ToString(), await other.Content.ReadAsStringAsync());
        Assert.NotEqual(CandidateStatus.Withdrawn, (await provider.GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{second.Id}", Json.Options))!.Status);
        // Positive control: with a key of its own the second withdrawal goes through.
        Assert.Equal(HttpStatusCode.OK, (await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{second.Id}/withdraw", body, NewKey())).StatusCode);
    }

    [Fact]
    public async Task TheSameKeyOnAnotherPathWithAnotherBodyIsRefusedAndDoesNothing()
    {
        var key = NewKey();
        var registered = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", Payloads.Candidate(), key);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var candidate = (await registered.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        var until = Domain.Registers.RegionalDate.Today(api.Clock).AddDays(30).ToString("yyyy-MM-dd");

        var park = await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{candidate.Id}/park", new { until, reason = "Opname" }, key);

        Assert.Equal(HttpStatusCode.Conflict, park.StatusCode);
        Assert.False(park.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("idempotency-key-reused", (await park.ReadJsonAsync()).GetProperty("code").GetString());
        var now = (await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!;
        Assert.NotEqual(CandidateStatus.Parked, now.Status);
        Assert.Null(now.ParkReason);
    }

    [Fact]
    public async Task AKeyIsForgottenAfterTheRetentionAndTheSameRequestThenRunsAnew()
    {
        var key = NewKey();
        var round = new { regionCode = "NML", dryRun = true };
        var first = await PostWithKey(_cast.MatchingspuntNml, "/api/v1/matching-rounds", round, key);
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var firstId = (await first.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!.Id;

        // Within the retention (default 48 hours): the same request is replayed.
        api.Clock.Advance(TimeSpan.FromHours(47));
        var replay = await PostWithKey(_cast.MatchingspuntNml, "/api/v1/matching-rounds", round, key);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstId, (await replay.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!.Id);
        Assert.Equal(1L, await RecordsWithKeyAsync(key));

        // Past it, the hourly cleanup forgets the key (it runs on the moved clock) ...
        api.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RecordsWithKeyAsync(key) != 0L && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(0L, await RecordsWithKeyAsync(key));

        // ... and the same request runs again: a new round, not a replay.
        var anew = await PostWithKey(_cast.MatchingspuntNml, "/api/v1/matching-rounds", round, key);
        Assert.Equal(HttpStatusCode.Created, anew.StatusCode);
        Assert.False(anew.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(firstId, (await anew.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!.Id);
    }

    /// <summary>
    /// The first request is held in the database (its update waits for a row lock the test holds), so it has
    /// claimed the key but not finished. The same request then gets 409 with Retry-After; once the first one has
    /// finished, the same request is its replay.
    /// </summary>
    [Fact]
    public async Task TheSameRequestWhileTheFirstIsStillRunningIs409InProgress()
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var key = NewKey();
        var body = new { reason = "Elders gehuisvest" };

        await using var holder = new NpgsqlConnection(api.ConnectionString);
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand("SELECT id FROM candidates WHERE id = @id FOR UPDATE", holder, hold))
        {
            lockRow.Parameters.AddWithValue("id", candidate.Id);
            Assert.NotNull(await lockRow.ExecuteScalarAsync());
        }

        var firstTask = PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{candidate.Id}/withdraw", body, key);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await RecordsWithKeyAsync(key) != 1L && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(1L, await RecordsWithKeyAsync(key));
        Assert.False(firstTask.IsCompleted);

        var second = await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{candidate.Id}/withdraw", body, key);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("idempotency-request-in-progress", (await second.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter?.Delta);
        Assert.False(firstTask.IsCompleted);

        await hold.RollbackAsync();
        var first = await firstTask;
        Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var third = await PostWithKey(_cast.ProviderA, $"/api/v1/candidates/{candidate.Id}/withdraw", body, key);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.True(third.Headers.Contains("Idempotent-Replayed"));
    }
}
