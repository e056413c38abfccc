using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>Idempotency keys, the BSN guard and unknown properties on the registers.</summary>
public sealed class InputSafetyTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheSameIdempotencyKeyAndBodyReplayTheFirstResponse()
    {
        var body = Payloads.Candidate();
        var first = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", body, "key-replay-1");
        var second = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", body, "key-replay-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        var b = (await second.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var mine = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates?pageSize=200", Json.Options);
        Assert.Single(mine!.Items, c => c.ExternalReference == a.ExternalReference);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyWithAnotherBodyIsAConflict()
    {
        var first = await PostWithKey(_cast.CorporationA, "/api/v1/units", Payloads.Unit(), "key-conflict-1");
        var second = await PostWithKey(_cast.CorporationA, "/api/v1/units", Payloads.Unit(), "key-conflict-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("idempotency-key-reused", (await second.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task IdempotencyKeysBelongToOneOrganisation()
    {
        var first = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", Payloads.Candidate(reference: "SHARED-KEY"), "key-shared");
        var other = await PostWithKey(_cast.ProviderB, "/api/v1/candidates", Payloads.Candidate(reference: "SHARED-KEY"), "key-shared");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AFailedRequestIsNotRememberedSoItCanBeRetried()
    {
        var bad = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", Payloads.Candidate().With("maxRent", 0), "key-retry");
        var good = await PostWithKey(_cast.ProviderA, "/api/v1/candidates", Payloads.Candidate().With("maxRent", 500), "key-retry");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    [Fact]
    public async Task KeysAreKeptForAtLeastADay()
    {
        await using var own = await World.OwnAsync(); // moves the clock
        var body = Payloads.Unit();
        var first = await PostWithKey(own, own.Cast.CorporationA, "/api/v1/units", body, "key-day");
        own.Api.Clock.Advance(TimeSpan.FromHours(23));
        var replay = await PostWithKey(own, own.Cast.CorporationA, "/api/v1/units", body, "key-day");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"), "the second request was not answered from the stored response");
        Assert.Equal((await first.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!.Id, (await replay.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!.Id);
    }

    [Theory]
    [InlineData("externalReference", "123456782")]
    [InlineData("externalReference", "client 1234.56.782")]
    [InlineData("externalReference", "111222333")]
    public async Task AValidBsnInAStringFieldIsRefused(string field, string value)
    {
        var response = await api.WithKey(_cast.ProviderA).PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate().With(field, value));

        await OrganisationTests.AssertBadRequestNaming(response, field);
        Assert.Equal("bsn-not-allowed", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("1234567890")]
    [InlineData("12345678")]
    public async Task ANineDigitNumberThatFailsTheElevenTestIsAccepted(string value)
    {
        var response = await api.WithKey(_cast.ProviderA).PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate().With("externalReference", value));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public void IdentifiersAreNeverMistakenForABsn()
    {
        // This UUID's last group holds the nine digits 123456782, which pass the eleven-test.
        using var document = System.Text.Json.JsonDocument.Parse("""{"unitId":"019cadc6-9a80-73a7-80ab-a123456782bc","note":"a123456782bc"}""");
        Assert.Equal("note", NML.Matching.Api.Infrastructure.Privacy.BsnGuardMiddleware.FindBsn(document.RootElement, string.Empty));
    }

    [Fact]
    public async Task ABsnIsRefusedInFreeTextAndNestedFieldsToo()
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();
        var park = await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(90), reason = "BSN 123456782 in kliniek" });
        var unit = await api.WithKey(_cast.CorporationA).PostAsJsonAsync("/api/v1/units", Payloads.Unit().With("kern", "123456782"));

        await OrganisationTests.AssertBadRequestNaming(park, "reason");
        await OrganisationTests.AssertBadRequestNaming(unit, "kern");
        Assert.Equal("bsn-not-allowed", (await park.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal("bsn-not-allowed", (await unit.ReadJsonAsync()).GetProperty("code").GetString());
        // Without the number the same requests go through: it is the BSN that is refused.
        var parkWithout = await api.WithKey(_cast.ProviderA).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(90), reason = "In kliniek" });
        Assert.Equal(HttpStatusCode.OK, parkWithout.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.WithKey(_cast.CorporationA).PostAsJsonAsync("/api/v1/units", Payloads.Unit().With("kern", "Blerick"))).StatusCode);
    }

    [Fact]
    public async Task AnUnknownPropertyIsRefusedSoThatNoDataIsSilentlyDropped()
    {
        var candidate = await api.WithKey(_cast.ProviderA).PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate().With("name", "Jan"));
        var nested = await api.WithKey(_cast.CorporationA).PostAsJsonAsync("/api/v1/units", Payloads.Unit().With("prikkelarm.garden", true));

        await OrganisationTests.AssertBadRequestNaming(candidate, "name");
        await OrganisationTests.AssertBadRequestNaming(nested, "prikkelarm.garden");
    }

    private string InDays(int days) => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd");

    private Task<HttpResponseMessage> PostWithKey(string apiKey, string path, JsonObject body, string idempotencyKey) =>
        PostWithKey(World.Shared(api, _cast), apiKey, path, body, idempotencyKey);

    private static Task<HttpResponseMessage> PostWithKey(World world, string apiKey, string path, JsonObject body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return world.Api.WithKey(apiKey).SendAsync(request);
    }
}
