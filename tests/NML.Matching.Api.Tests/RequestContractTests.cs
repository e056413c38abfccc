using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The contract says exactly what the server does (issue 12, section 4): a request schema lists as required exactly
/// the properties whose absence the API refuses; actions without a body take none and <c>{}</c> alike; and If-Match
/// follows RFC 9110 §13.1.1 (a syntactically valid tag that does not match is 412, only a malformed header is 400).
/// </summary>
public sealed class RequestContractTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private World _world = null!;

    public async Task InitializeAsync() => _world = World.Shared(api, await Cast.CreateAsync(api));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A valid body per operation, sent by a role that may call it. Ids in the path are unknown, so that the valid body gets
    /// past validation to a 404 and changes nothing; validation runs before the handler looks anything up, so an absent
    /// required property is a 400 all the same. The values come from docs/registers.md and docs/api.md.
    /// </summary>
    private (string Role, JsonObject Body)? ValidRequest(string operationId) => operationId switch
    {
        "CreateOrganisation" => ("Admin", new JsonObject { ["name"] = "Contract test", ["type"] = "Matchingspunt", ["regionCode"] = "NML", ["gemeenteCode"] = null, ["pointCode"] = null, ["werkgebied"] = new JsonArray() }),
        "UpdateOrganisation" => ("Admin", new JsonObject { ["name"] = "Contract test", ["type"] = "Matchingspunt", ["regionCode"] = "NML", ["gemeenteCode"] = null, ["pointCode"] = null, ["werkgebied"] = new JsonArray(), ["active"] = true }),
        "IssueApiKey" => ("Admin", new JsonObject { ["label"] = "ci", ["expiresAt"] = "2027-01-01T00:00:00Z" }),
        "RotateApiKey" => ("Admin", new JsonObject { ["overlapHours"] = 24, ["label"] = "ci" }),
        "RegisterCandidate" or "UpdateCandidate" => (_world.Cast.ProviderA, Payloads.Candidate().With("requiredBedrooms", 1).With("urgencyReason", null)),
        "ParkCandidate" => ("Admin", new JsonObject { ["until"] = "2026-06-01", ["reason"] = "Opname" }),
        "WithdrawCandidate" or "WithdrawMatch" or "WithdrawUnit" => ("Admin", new JsonObject { ["reason"] = "Verhuisd" }),
        "PostUnit" or "UpdateUnit" => (_world.Cast.CorporationA, Payloads.Unit()),
        "RunMatchingRound" => (_world.Cast.MatchingspuntNml, new JsonObject { ["regionCode"] = "NML", ["point"] = null, ["dryRun"] = true, ["minScore"] = 50, ["maxProposalsPerGemeente"] = 3 }),
        "ProposeMatch" => (_world.Cast.MatchingspuntNml, new JsonObject { ["unitId"] = Guid.NewGuid(), ["candidateId"] = Guid.NewGuid(), ["overrideReason"] = null }),
        "ContractMatch" => ("Admin", new JsonObject { ["tenancyStart"] = "2026-03-02", ["contractForm"] = "Regulier", ["omklapAfterMonths"] = null }),
        "DeclineMatch" => ("Admin", new JsonObject { ["by"] = "Kandidaat", ["reasonCode"] = "kandidaat-niet-bereikbaar", ["note"] = "Geen reactie", ["parkDays"] = 7 }),
        "RecordFollowUp" => ("Admin", new JsonObject { ["month"] = 3, ["stillHoused"] = true, ["outcome"] = "Stabiel" }),
        "RecordOmklap" => ("Admin", new JsonObject { ["date"] = "2026-03-02" }),
        "CreatePerformanceAgreement" => (_world.Cast.GemeenteVenlo, new JsonObject { ["corporationId"] = _world.Cast.CorporationAId, ["gemeenteCode"] = "GM0983", ["year"] = 2026, ["targetUnits"] = 5, ["note"] = "Afspraak" }),
        "UpdatePerformanceAgreement" => (_world.Cast.GemeenteVenlo, new JsonObject { ["corporationId"] = _world.Cast.CorporationAId, ["gemeenteCode"] = "GM0983", ["year"] = 2026, ["targetUnits"] = 6, ["note"] = "Afspraak" }),
        "CreateWebhook" => (_world.Cast.ProviderA, new JsonObject { ["url"] = "https://example.org/hook", ["events"] = new JsonArray("match.proposed"), ["secret"] = "a-secret-of-sixteen-or-more" }),
        _ => null,
    };

    [Fact]
    public async Task EveryRequestSchemaRequiresExactlyWhatTheApiRefusesWhenAbsent()
    {
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Op: op.Value)))
            .Where(o => o.Op.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _))
            .ToList();
        Assert.NotEmpty(operations);

        var mismatches = new List<string>();
        var checkedFields = 0;
        foreach (var (path, method, op) in operations)
        {
            var operationId = op.GetProperty("operationId").GetString()!;
            var request = ValidRequest(operationId);
            Assert.True(request is not null, $"{operationId} has a JSON body but no valid body in {nameof(ValidRequest)}: add one.");
            var (role, body) = request.Value;
            var schema = Resolve(schemas, op.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
            var url = path.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{keyId}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

            // Positive control: the whole body is valid, so any 400 below is about the property left out.
            var valid = await SendAsync(role, method, url, body);
            Assert.True(valid.Status != HttpStatusCode.BadRequest, $"{operationId}: the valid body got 400: {valid.Text}");

            foreach (var (field, required) in Fields(schemas, schema, ""))
            {
                checkedFields++;
                var absent = await SendAsync(role, method, url, body.Without(field));
                var refused = absent.Status == HttpStatusCode.BadRequest
                    && JsonDocument.Parse(absent.Text).RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
                if (refused != required)
                    mismatches.Add($"{operationId} {field}: the document says {(required ? "required" : "optional")}, leaving it out gave {(int)absent.Status} {absent.Text}");
            }
        }
        Assert.True(checkedFields > 50, $"only {checkedFields} fields were checked");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>Each property of the schema, and of an object property one level down, with whether its schema requires it.</summary>
    private static IEnumerable<(string Field, bool Required)> Fields(JsonElement schemas, JsonElement schema, string prefix)
    {
        var required = schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet() : [];
        foreach (var property in schema.GetProperty("properties").EnumerateObject())
        {
            yield return (prefix + property.Name, required.Contains(property.Name));
            var inner = Resolve(schemas, property.Value);
            if (prefix.Length == 0 && inner.TryGetProperty("properties", out _))
                foreach (var nested in Fields(schemas, inner, property.Name + ".")) yield return nested;
        }
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference)) return Resolve(schemas, schemas.GetProperty(reference.GetString()!.Split('/')[^1]));
        if (schema.TryGetProperty("oneOf", out var oneOf))
            foreach (var branch in oneOf.EnumerateArray())
                if (branch.TryGetProperty("$ref", out _)) return Resolve(schemas, branch);
        return schema;
    }

    private async Task<(HttpStatusCode Status, string Text)> SendAsync(string role, string method, string url, JsonNode? body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, contentType!);
        else if (contentType is not null)
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        using var client = role == "Admin" ? api.Admin() : api.WithKey(role);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ActionsWithoutABodyTakeNoBodyAndAnEmptyObjectAlike()
    {
        var provider = api.WithKey(_world.Cast.ProviderA);
        var noBody = await provider.RegisterCandidateAsync();
        var emptyObject = await provider.RegisterCandidateAsync();
        foreach (var candidate in new[] { noBody, emptyObject })
            (await provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = "2026-06-01", reason = "Opname" })).EnsureSuccessStatusCode();

        var withoutBody = await SendAsync(_world.Cast.ProviderA, "post", $"/api/v1/candidates/{noBody.Id}/unpark", null);
        var withoutContentType = await SendAsync(_world.Cast.ProviderA, "post", $"/api/v1/candidates/{noBody.Id}/unpark", null, contentType: null);
        var withEmptyObject = await SendAsync(_world.Cast.ProviderA, "post", $"/api/v1/candidates/{emptyObject.Id}/unpark", new JsonObject());

        Assert.True(withoutBody.Status == HttpStatusCode.OK, withoutBody.Text);
        Assert.Contains("\"status\":\"Ready\"", withoutBody.Text);
        // Unparked already: the body is not what the second call is refused for (409 candidate-not-parked, docs/api.md).
        Assert.Equal(HttpStatusCode.Conflict, withoutContentType.Status);
        Assert.Contains("candidate-not-parked", withoutContentType.Text);
        Assert.True(withEmptyObject.Status == HttpStatusCode.OK, withEmptyObject.Text);

        // The document says so for every action without a body.
        using var document = JsonDocument.Parse(await api.Anonymous().GetStringAsync("/openapi/v1.json"));
        var actions = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Path: path.Name, Method: op.Name, Op: op.Value)))
            .Where(o => o.Method == "post" && !o.Op.TryGetProperty("requestBody", out _) && o.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(actions, a => a.Path.EndsWith("/unpark", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Path.EndsWith("/nominate", StringComparison.Ordinal));
        Assert.All(actions, a => Assert.Contains("`{}`", a.Op.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task NominateAndAcceptTakeAnEmptyObject()
    {
        var unit = await api.WithKey(_world.Cast.CorporationA).PostUnitAsync();
        var candidate = await api.WithKey(_world.Cast.ProviderA).RegisterCandidateAsync();
        var proposed = await api.WithKey(_world.Cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches",
            new { unitId = unit.Id, candidateId = candidate.Id, overrideReason = "Contracttest: handmatig voorstel" });
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var match = (await proposed.ReadJsonAsync()).GetProperty("id").GetGuid();

        var nominated = await SendAsync(_world.Cast.MatchingspuntNml, "post", $"/api/v1/matches/{match}/nominate", new JsonObject());
        var accepted = await SendAsync(_world.Cast.CorporationA, "post", $"/api/v1/matches/{match}/accept", new JsonObject());

        Assert.True(nominated.Status == HttpStatusCode.OK, nominated.Text);
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.Text);
        Assert.Contains("\"status\":\"Accepted\"", accepted.Text);
    }

    /// <summary>RFC 9110 §13.1.1: a list of entity tags or *, compared strongly; a tag that does not match is 412; only bad syntax is 400.</summary>
    [Theory]
    [InlineData("\"abc\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"-1\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"99999999999999999999999\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("W/\"{version}\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData("\"1\", \"{version}\"", HttpStatusCode.OK)]
    [InlineData("\"{version}\"", HttpStatusCode.OK)]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("\"unterminated", HttpStatusCode.BadRequest)]
    [InlineData("W/\"x\", *, \"zz", HttpStatusCode.BadRequest)]
    public async Task IfMatchIsAnEntityTagListComparedStrongly(string ifMatch, HttpStatusCode expected)
    {
        var provider = api.WithKey(_world.Cast.ProviderA);
        var candidate = await provider.RegisterCandidateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/candidates/{candidate.Id}/park")
        {
            Content = JsonContent.Create(new { until = "2026-06-01", reason = "Opname" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch.Replace("{version}", candidate.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        using var response = await provider.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"If-Match {ifMatch}: {(int)response.StatusCode} {text}");
        if (expected == HttpStatusCode.BadRequest) Assert.Contains("invalid-if-match", text);
        if (expected == HttpStatusCode.PreconditionFailed) Assert.Contains("precondition-failed", text);
    }
}
