using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// What the contract fuzzing (tests/contract, portman + newman) found: inputs that gave a 500, and answers that did not
/// match the OpenAPI document. Each is an answer from the contract now.
/// </summary>
public sealed class ContractFuzzingFindingsTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AStringThatIsNotValidUnicodeIsInvalidJson()
    {
        // "\ud800" is valid JSON text, but half of a UTF-16 pair: System.Text.Json refuses to read it as a string.
        var body = Payloads.Candidate().ToJsonString().Replace("\"GM0983\"", "\"GM0983\\ud800\"", StringComparison.Ordinal);
        var response = await api.WithKey(_cast.ProviderA).PostAsync("/api/v1/candidates", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-json");
    }

    [Fact]
    public async Task AnUnknownCharsetIsAnUnsupportedMediaType()
    {
        var content = new StringContent(Payloads.Unit().ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=klingon");
        var response = await api.WithKey(_cast.CorporationA).PostAsync("/api/v1/units", content);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task ANulCharacterInAQueryValueIsRefusedBeforeTheDatabase()
    {
        var response = await api.Admin().GetAsync("/api/v1/organisations?region=%00");

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-character");
        Assert.True(problem.GetProperty("errors").TryGetProperty("region", out _));
    }

    [Fact]
    public async Task ANulCharacterInABodyStringIsRefusedNamingTheField()
    {
        var response = await api.WithKey(_cast.CorporationA).PostAsJsonAsync("/api/v1/units", Payloads.Unit().With("kern", "Tegelen\u0000"));

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-character");
        Assert.True(problem.GetProperty("errors").TryGetProperty("kern", out _));
    }

    [Fact]
    public async Task APageBeyondAnyListIsEmptyNotAnOverflow()
    {
        var response = await api.Admin().GetAsync("/api/v1/organisations?page=2147483647&pageSize=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(int.MaxValue, page.GetProperty("page").GetInt32());
        // There are organisations (the list is not simply empty): the page lies beyond them.
        Assert.True(page.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task AnEmptySlotInAListOfMunicipalitiesIsAValidationError()
    {
        var body = Payloads.Candidate().With("preferredGemeenten", new JsonArray("GM0983", null));
        var response = await api.WithKey(_cast.ProviderA).PostAsJsonAsync("/api/v1/candidates", body);

        await AssertProblem(response, HttpStatusCode.BadRequest, "validation-failed");
    }

    [Fact]
    public async Task AProblemIsJsonEvenWhenTheClientAsksForCsv()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/v1/monitoring/export?report=summary");
        anonymous.Headers.Accept.ParseAdd("text/csv");
        using var forbidden = new HttpRequestMessage(HttpMethod.Get, "/api/v1/monitoring/export?report=summary&gemeente=GM0957");
        forbidden.Headers.Accept.ParseAdd("text/csv");

        await AssertProblem(await api.Anonymous().SendAsync(anonymous), HttpStatusCode.Unauthorized, "unauthenticated");
        await AssertProblem(await api.WithKey(_cast.GemeenteVenlo).SendAsync(forbidden), HttpStatusCode.Forbidden, "monitoring-scope");
    }

    [Fact]
    public async Task TheContractDescribesEachRequestBodyAndTheProblemsAsSent()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");
        string BodyRef(string path) => root.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;

        // Each feature's nested Command or Body record has a schema of its own (they used to share one).
        var round = schemas.GetProperty(BodyRef("/api/v1/matching-rounds").Split('/')[^1]);
        Assert.True(round.GetProperty("properties").TryGetProperty("dryRun", out _));
        Assert.NotEqual(BodyRef("/api/v1/organisations"), BodyRef("/api/v1/matching-rounds"));

        // A problem carries code and traceId.
        var problem = schemas.GetProperty("ProblemDetails");
        var required = problem.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("code", required);
        Assert.Contains("traceId", required);
        Assert.False(problem.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);

        // Fields left out for some keys are not required; a nullable enum does not list null twice.
        Assert.DoesNotContain("candidateId", schemas.GetProperty("MatchDto").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("unitId", schemas.GetProperty("MatchDto").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(schemas.GetProperty("UrgencyReason").GetProperty("enum").EnumerateArray(), v => v.ValueKind == JsonValueKind.Null);
        Assert.Contains(schemas.GetProperty("UrgencyReason").GetProperty("enum").EnumerateArray(), v => v.ValueKind == JsonValueKind.String);

        // A body can be too large or of another media type.
        var responses = root.GetProperty("paths").GetProperty("/api/v1/candidates").GetProperty("post").GetProperty("responses");
        Assert.True(responses.TryGetProperty("413", out _));
        Assert.True(responses.TryGetProperty("415", out _));
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
        return problem;
    }
}
