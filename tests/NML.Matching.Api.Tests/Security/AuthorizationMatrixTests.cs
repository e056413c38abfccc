using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Security;

/// <summary>
/// Every operation of <c>/openapi/v1.json</c>, called by every kind of caller (no key, a revoked key, the owner, another
/// organisation of the same type, every other type, Admin), against the expected statuses in
/// <c>AuthorizationMatrix.txt</c> beside this file. The operations come from the running API, so that a new endpoint
/// cannot escape: it fails until the table has a line for it.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixApi api) : IClassFixture<AuthorizationMatrixApi>
{
    /// <summary>One test case per line of the table, so that a failure names the operation.</summary>
    public static TheoryData<string> Operations() => [.. AuthorizationMatrix.Load().Lines.Keys];

    [Fact]
    public void EveryOperationOfTheOpenApiDocumentHasALineAndEveryLineAnOperation()
    {
        var table = AuthorizationMatrix.Load();

        var unnamed = api.UnnamedOperations;
        var missing = api.Operations.Keys.Where(id => !table.Lines.ContainsKey(id)).Order(StringComparer.Ordinal)
            .Select(id => $"{id} ({api.Operations[id].Method} {api.Operations[id].Path})").ToList();
        var stale = table.Lines.Keys.Where(id => !api.Operations.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();

        Assert.True(unnamed.Count == 0, $"Operations without an operationId: {string.Join(", ", unnamed)}");
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"{AuthorizationMatrix.FileName} is out of date with /openapi/v1.json.\n" +
            $"Missing lines (add them with the expected status per caller): {(missing.Count == 0 ? "none" : string.Join(", ", missing))}\n" +
            $"Stale lines (no such operation any more): {(stale.Count == 0 ? "none" : string.Join(", ", stale))}");
        Assert.Equal(api.Callers.Keys.Order(StringComparer.Ordinal), table.Callers.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task EveryCallerGetsTheExpectedStatus(string operationId)
    {
        var table = AuthorizationMatrix.Load();
        Assert.True(api.Operations.TryGetValue(operationId, out var operation),
            $"{operationId} has a line in {AuthorizationMatrix.FileName} but is not in /openapi/v1.json: remove the stale line.");
        var scenario = Scenarios.GetValueOrDefault(operationId);
        Assert.True(scenario is not null || operation.Method == HttpMethod.Get,
            $"{operation.Method} {operation.Path} ({operationId}) changes state: add a Scenario for it (the state it needs and a valid body).");
        scenario ??= new Scenario();
        Assert.True(!operation.HasBody || scenario.Body is not null,
            $"{operation.Method} {operation.Path} ({operationId}) takes a body: add a valid one to its Scenario, so that a 400 cannot hide the answer.");

        var mismatches = new List<string>();
        World? denied = null;
        for (var i = 0; i < table.Callers.Count; i++)
        {
            var caller = table.Callers[i];
            var expected = table.Lines[operationId][i];
            World world;
            if (scenario.Arrange is null) world = api.Shared;
            else if (IsDenial(expected)) world = denied ??= await scenario.Arrange(api);
            else world = await scenario.Arrange(api); // each caller that may write gets a world of its own

            var path = FillPath(operation.Path, world) + scenario.Query;
            using var response = await api.SendAsync(api.Callers[caller], operation.Method, path, scenario.Body?.Invoke(world, caller), world.IfMatch);
            var status = (int)response.StatusCode;
            if (!Matches(expected, status))
            {
                var body = Regex.Replace(await response.Content.ReadAsStringAsync(), @"\s+", " ");
                mismatches.Add($"{operationId}, {caller}: expected {expected}, got {status} ({(body.Length > 300 ? body[..300] + "…" : body)})");
            }
        }

        Assert.True(mismatches.Count == 0, $"{operation.Method} {operation.Path}:\n{string.Join("\n", mismatches)}");
    }

    private static bool IsDenial(string expected) => expected is "401" or "403" or "404";

    private static bool Matches(string expected, int status) =>
        expected == "2xx" ? status is >= 200 and < 300 : expected == status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fills each path parameter from the world, by the collection it follows (<c>/matches/{id}</c> is the match).</summary>
    private static string FillPath(string template, World world)
    {
        var segments = template.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{')) continue;
            segments[i] = segments[i - 1] switch
            {
                "organisations" => world.OrganisationId.ToString(),
                "api-keys" => world.KeyId.ToString(),
                "candidates" => world.CandidateId.ToString(),
                "units" => world.UnitId.ToString(),
                "matches" => world.MatchId.ToString(),
                "tenancies" => world.TenancyId.ToString(),
                "matching-rounds" => world.RoundId.ToString(),
                "performance-agreements" => world.AgreementId.ToString(),
                "webhooks" => world.WebhookId.ToString(),
                "deliveries" => world.DeliveryId.ToString(),
                "regions" => "NML",
                "gemeenten" => "GM0983",
                var other => throw new InvalidOperationException($"No value for {segments[i]} after /{other} in {template}: teach FillPath (and the world) about it."),
            };
        }
        return string.Join('/', segments);
    }

    /// <summary>
    /// How to call an operation: <see cref="Arrange"/> makes a fresh world in the state the operation needs (null: the
    /// shared world, for reads and for writes that leave it as it was); <see cref="Body"/> a valid body for a caller.
    /// </summary>
    private sealed record Scenario(Func<AuthorizationMatrixApi, Task<World>>? Arrange = null, Func<World, string, JsonNode?>? Body = null, string Query = "");

    private static int _year = 2030;

    private static JsonNode NextAgreement(Guid corporationId) => new JsonObject
    {
        ["corporationId"] = corporationId, ["gemeenteCode"] = "GM0983", ["year"] = Interlocked.Increment(ref _year), ["targetUnits"] = 4,
    };

    /// <summary>The party each caller declines in: its own (the others are refused before the party matters).</summary>
    private static JsonNode DeclineAs(string caller) => caller switch
    {
        _ when caller.StartsWith("corporation", StringComparison.Ordinal) => new JsonObject { ["by"] = "Verhuurder", ["reasonCode"] = "verhuurder-woning-niet-beschikbaar" },
        _ when caller.StartsWith("matchingspunt", StringComparison.Ordinal) || caller == "admin" =>
            new JsonObject { ["by"] = "Matchingspunt", ["reasonCode"] = "matchingspunt-betere-match" },
        _ => new JsonObject { ["by"] = "Kandidaat", ["reasonCode"] = "kandidaat-niet-bereikbaar" },
    };

    /// <summary>The request per operation that needs more than a GET on the shared world. Keyed by operationId.</summary>
    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["CreateOrganisation"] = new(Body: (_, _) => new JsonObject
        {
            ["name"] = "Stichting Matrix", ["type"] = "Zorgaanbieder", ["regionCode"] = "NML", ["werkgebied"] = new JsonArray("GM0983"),
        }),
        // PUT with the organisation's own data: it stays as it was.
        ["UpdateOrganisation"] = new(Body: (world, _) => world.Organisation!.DeepClone()),
        ["IssueApiKey"] = new(Body: (_, _) => new JsonObject { ["label"] = "matrix" }),
        ["RevokeApiKey"] = new(async api => api.Shared with { KeyId = await api.NewKeyAsync() }),
        ["RotateApiKey"] = new(async api => api.Shared with { KeyId = await api.NewKeyAsync() },
            (_, _) => new JsonObject { ["overlapHours"] = 24, ["label"] = "matrix" }),

        ["RegisterCandidate"] = new(Body: (_, _) => Payloads.Candidate("GM0983")),
        ["UpdateCandidate"] = new(async api =>
        {
            var (id, version) = await api.NewCandidateAsync();
            return api.Shared with { CandidateId = id, IfMatch = $"\"{version}\"" };
        }, (_, _) => Payloads.Candidate("GM0983")),
        ["ParkCandidate"] = new(async api => api.Shared with { CandidateId = (await api.NewCandidateAsync()).Id },
            (_, _) => new JsonObject { ["until"] = "2026-06-01", ["reason"] = "Tijdelijke opname" }),
        ["UnparkCandidate"] = new(async api =>
        {
            var (id, _) = await api.NewCandidateAsync();
            await api.SendOkAsync(api.Cast.ProviderA, HttpMethod.Post, $"/api/v1/candidates/{id}/park", new JsonObject { ["until"] = "2026-06-01", ["reason"] = "Tijdelijke opname" });
            return api.Shared with { CandidateId = id };
        }),
        ["WithdrawCandidate"] = new(async api => api.Shared with { CandidateId = (await api.NewCandidateAsync()).Id },
            (_, _) => new JsonObject { ["reason"] = "Zelf woonruimte gevonden" }),

        ["PostUnit"] = new(Body: (_, _) => Payloads.Unit("GM0983")),
        ["UpdateUnit"] = new(async api =>
        {
            var (id, version) = await api.NewUnitAsync();
            return api.Shared with { UnitId = id, IfMatch = $"\"{version}\"" };
        }, (_, _) => Payloads.Unit("GM0983")),
        ["WithdrawUnit"] = new(async api => api.Shared with { UnitId = (await api.NewUnitAsync()).Id },
            (_, _) => new JsonObject { ["reason"] = "Verkocht" }),

        ["RunMatchingRound"] = new(Body: (_, _) => new JsonObject { ["regionCode"] = "NML", ["dryRun"] = true }),
        ["ProposeMatch"] = new(async api => api.Shared with { CandidateId = (await api.NewCandidateAsync()).Id, UnitId = (await api.NewUnitAsync()).Id },
            (world, _) => new JsonObject { ["unitId"] = world.UnitId, ["candidateId"] = world.CandidateId, ["overrideReason"] = "Matrixtest" }),
        ["NominateMatch"] = new(async api => api.Shared with { MatchId = await api.NewMatchAsync(MatchStep.Proposed) }),
        ["AcceptMatch"] = new(async api => api.Shared with { MatchId = await api.NewMatchAsync(MatchStep.Nominated) }),
        ["ContractMatch"] = new(async api => api.Shared with { MatchId = await api.NewMatchAsync(MatchStep.Accepted) },
            (_, _) => new JsonObject { ["tenancyStart"] = "2026-04-01", ["contractForm"] = "Regulier" }),
        ["DeclineMatch"] = new(async api => api.Shared with { MatchId = await api.NewMatchAsync(MatchStep.Proposed) }, (_, caller) => DeclineAs(caller)),
        ["WithdrawMatch"] = new(async api => api.Shared with { MatchId = await api.NewMatchAsync(MatchStep.Proposed) },
            (_, _) => new JsonObject { ["reason"] = "Matrixtest" }),

        ["RecordFollowUp"] = new(async api => api.Shared with { TenancyId = await api.NewTenancyAsync() },
            (_, _) => new JsonObject { ["month"] = 3, ["stillHoused"] = true, ["outcome"] = "Stabiel" }),
        ["RecordOmklap"] = new(async api => api.Shared with { TenancyId = await api.NewTenancyAsync() },
            (_, _) => new JsonObject { ["date"] = "2026-03-01" }),

        ["CreatePerformanceAgreement"] = new(Body: (world, _) => NextAgreement(world.CorporationId)),
        ["UpdatePerformanceAgreement"] = new(async api => api.Shared with { AgreementId = await api.NewAgreementAsync(NextAgreement(api.Cast.CorporationAId)) },
            (_, _) => new JsonObject { ["targetUnits"] = 5, ["note"] = "Bijgesteld" }),
        ["DeletePerformanceAgreement"] = new(async api => api.Shared with { AgreementId = await api.NewAgreementAsync(NextAgreement(api.Cast.CorporationAId)) }),

        ["GetMonitoringSummary"] = new(Query: "?regionCode=NML&gemeente=GM0983"),
        ["GetSpreiding"] = new(Query: "?regionCode=NML"),
        ["GetSupply"] = new(Query: "?regionCode=NML"),
        ["ExportMonitoring"] = new(Query: "?report=agreements&format=csv&regionCode=NML"),

        ["CreateWebhook"] = new(Body: (_, _) => new JsonObject { ["url"] = AuthorizationMatrixApi.HookUrl, ["events"] = new JsonArray("match.expired") }),
        ["DeleteWebhook"] = new(async api => api.Shared with { WebhookId = await api.NewWebhookAsync() }),
        ["RetryWebhookDelivery"] = new(async api =>
        {
            var webhook = await api.NewWebhookAsync();
            return api.Shared with { WebhookId = webhook, DeliveryId = await api.NewDeliveryAsync(webhook) };
        }),
    };
}

/// <summary>The table beside the test: the callers (its columns) and the expected code per operation and caller.</summary>
public sealed record AuthorizationMatrix(IReadOnlyList<string> Callers, IReadOnlyDictionary<string, string[]> Lines)
{
    public const string FileName = "tests/NML.Matching.Api.Tests/Security/AuthorizationMatrix.txt";

    public static AuthorizationMatrix Load()
    {
        var path = Path.Combine(OpenApiContractTests.RepositoryRoot(), FileName);
        List<string>? callers = null;
        var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (callers is null)
            {
                if (cells[0] != "operationId") throw new FormatException($"{FileName}:{number}: the first line must be the header 'operationId <callers...>'.");
                callers = [.. cells.Skip(1)];
                continue;
            }
            if (cells.Length != callers.Count + 1)
                throw new FormatException($"{FileName}:{number}: {cells[0]} has {cells.Length - 1} codes for {callers.Count} callers.");
            if (cells.Skip(1).FirstOrDefault(c => c != "2xx" && !Regex.IsMatch(c, "^[1-5][0-9][0-9]$")) is { } bad)
                throw new FormatException($"{FileName}:{number}: '{bad}' is not a status code or 2xx.");
            if (!lines.TryAdd(cells[0], cells[1..])) throw new FormatException($"{FileName}:{number}: {cells[0]} has two lines.");
        }
        return new AuthorizationMatrix(callers ?? throw new FormatException($"{FileName} has no header line."), lines);
    }
}

public enum MatchStep
{
    Proposed,
    Nominated,
    Accepted,
}

/// <summary>The ids the path parameters are filled from, and an If-Match for the operations that need one.</summary>
public sealed record World(
    Guid CorporationId, Guid OrganisationId, JsonObject? Organisation, Guid KeyId, Guid CandidateId, Guid UnitId, Guid MatchId, Guid TenancyId,
    Guid RoundId, Guid AgreementId, Guid WebhookId, Guid DeliveryId)
{
    public string? IfMatch { get; init; }
}

/// <summary>
/// The API for the matrix, with the organisations and keys made once and a shared world (see the table's header for
/// what it holds). The webhook dispatcher stays idle: no delivery leaves the process.
/// </summary>
public sealed class AuthorizationMatrixApi : ApiFactory
{
    public const string HookUrl = "https://hooks.example.org/nml-matrix";

    private HttpClient _client = null!;

    public Cast Cast { get; private set; } = null!;

    /// <summary>Caller name (a column of the table) to its key; null sends none.</summary>
    public Dictionary<string, string?> Callers { get; private set; } = null!;

    public World Shared { get; private set; } = null!;

    /// <summary>operationId to the operation, read from the running API's /openapi/v1.json.</summary>
    public Dictionary<string, (HttpMethod Method, string Path, bool HasBody)> Operations { get; } = new(StringComparer.Ordinal);

    public List<string> UnnamedOperations { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:IntervalSeconds", "86400");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = CreateClient();
        await ReadOperationsAsync();

        Cast = await Cast.CreateAsync(this);
        var revoked = await IssueKeyAsync();
        await SendOkAsync(AdminKey, HttpMethod.Delete, $"/api/v1/organisations/{Cast.ProviderAId}/api-keys/{revoked.Id}");
        Callers = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["anon"] = null,
            ["revoked"] = revoked.Key,
            ["providerA"] = Cast.ProviderA,
            ["providerB"] = Cast.ProviderB,
            ["corporationA"] = Cast.CorporationA,
            ["corporationB"] = Cast.CorporationB,
            ["gemeenteVenlo"] = Cast.GemeenteVenlo,
            ["gemeenteRoermond"] = Cast.GemeenteRoermond,
            ["matchingspuntNml"] = Cast.MatchingspuntNml,
            ["matchingspuntMhl"] = Cast.MatchingspuntMhl,
            ["admin"] = AdminKey,
        };

        var organisation = await SendOkAsync(AdminKey, HttpMethod.Get, $"/api/v1/organisations/{Cast.ProviderAId}");
        var fields = new JsonObject();
        foreach (var field in new[] { "name", "type", "regionCode", "gemeenteCode", "pointCode", "werkgebied", "active" }) fields[field] = organisation[field]?.DeepClone();

        var (candidate, _) = await NewCandidateAsync();
        var (unit, _) = await NewUnitAsync();
        var match = await ProposeAsync(candidate, unit);
        var round = await SendOkAsync(Cast.MatchingspuntNml, HttpMethod.Post, "/api/v1/matching-rounds", new JsonObject { ["regionCode"] = "NML", ["dryRun"] = true });
        var agreement = await NewAgreementAsync(new JsonObject
        {
            ["corporationId"] = Cast.CorporationAId, ["gemeenteCode"] = "GM0983", ["year"] = 2026, ["targetUnits"] = 3,
        });
        var webhook = await NewWebhookAsync();
        Shared = new World(Cast.CorporationAId, Cast.ProviderAId, fields, (await IssueKeyAsync()).Id, candidate, unit, match, await NewTenancyAsync(),
            IdOf(round), agreement, webhook, await NewDeliveryAsync(webhook));
    }

    private async Task ReadOperationsAsync()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Name is "parameters" or "summary" or "description" or "servers") continue;
                var method = new HttpMethod(operation.Name.ToUpperInvariant());
                if (!operation.Value.TryGetProperty("operationId", out var id) || id.GetString() is not { Length: > 0 } name)
                {
                    UnnamedOperations.Add($"{method} {path.Name}");
                    continue;
                }
                Operations[name] = (method, path.Name, operation.Value.TryGetProperty("requestBody", out _));
            }
        }
    }

    public async Task<HttpResponseMessage> SendAsync(string? key, HttpMethod method, string path, JsonNode? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _client.SendAsync(request);
    }

    /// <summary>Sends a request that arranges the world; anything but a success stops the test with the answer.</summary>
    public async Task<JsonNode> SendOkAsync(string? key, HttpMethod method, string path, JsonNode? body = null)
    {
        using var response = await SendAsync(key, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Arranging failed: {method} {path} gave {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static Guid IdOf(JsonNode node) => node["id"]!.GetValue<Guid>();

    private async Task<(Guid Id, string Key)> IssueKeyAsync()
    {
        var issued = await SendOkAsync(AdminKey, HttpMethod.Post, $"/api/v1/organisations/{Cast.ProviderAId}/api-keys", new JsonObject { ["label"] = "matrix" });
        return (IdOf(issued), issued["key"]!.GetValue<string>());
    }

    public async Task<Guid> NewKeyAsync() => (await IssueKeyAsync()).Id;

    public async Task<(Guid Id, long Version)> NewCandidateAsync()
    {
        var candidate = await SendOkAsync(Cast.ProviderA, HttpMethod.Post, "/api/v1/candidates", Payloads.Candidate("GM0983"));
        return (IdOf(candidate), candidate["version"]!.GetValue<long>());
    }

    public async Task<(Guid Id, long Version)> NewUnitAsync()
    {
        var unit = await SendOkAsync(Cast.CorporationA, HttpMethod.Post, "/api/v1/units", Payloads.Unit("GM0983"));
        return (IdOf(unit), unit["version"]!.GetValue<long>());
    }

    private async Task<Guid> ProposeAsync(Guid candidate, Guid unit) => IdOf(await SendOkAsync(Cast.MatchingspuntNml, HttpMethod.Post, "/api/v1/matches",
        new JsonObject { ["unitId"] = unit, ["candidateId"] = candidate, ["overrideReason"] = "Matrixtest" }));

    /// <summary>A match of a fresh candidate of providerA and a fresh unit of corporationA, taken up to <paramref name="step"/>.</summary>
    public async Task<Guid> NewMatchAsync(MatchStep step)
    {
        var match = await ProposeAsync((await NewCandidateAsync()).Id, (await NewUnitAsync()).Id);
        if (step >= MatchStep.Nominated) await SendOkAsync(Cast.MatchingspuntNml, HttpMethod.Post, $"/api/v1/matches/{match}/nominate");
        if (step >= MatchStep.Accepted) await SendOkAsync(Cast.CorporationA, HttpMethod.Post, $"/api/v1/matches/{match}/accept");
        return match;
    }

    /// <summary>An omklap lease that started on 2025-11-15: its 3-month follow-up (due 2026-02-15) may be recorded today.</summary>
    public async Task<Guid> NewTenancyAsync()
    {
        var match = await NewMatchAsync(MatchStep.Accepted);
        return IdOf(await SendOkAsync(Cast.CorporationA, HttpMethod.Post, $"/api/v1/matches/{match}/contract",
            new JsonObject { ["tenancyStart"] = "2025-11-15", ["contractForm"] = "Omklap", ["omklapAfterMonths"] = 12 }));
    }

    public async Task<Guid> NewAgreementAsync(JsonNode body) =>
        IdOf(await SendOkAsync(Cast.GemeenteVenlo, HttpMethod.Post, "/api/v1/performance-agreements", body));

    public async Task<Guid> NewWebhookAsync() => IdOf(await SendOkAsync(Cast.ProviderA, HttpMethod.Post, "/api/v1/webhooks",
        new JsonObject { ["url"] = HookUrl, ["events"] = new JsonArray("match.expired") }));

    /// <summary>A failed delivery of an existing event to the subscription, written directly (the dispatcher is idle).</summary>
    public async Task<Guid> NewDeliveryAsync(Guid webhook)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var outboxEvent = await db.OutboxEvents.AsNoTracking().OrderBy(e => e.Sequence).Select(e => new { e.Id, e.Type }).FirstAsync();
        var now = Clock.GetUtcNow();
        var delivery = new WebhookDelivery
        {
            Id = Guid.CreateVersion7(now), SubscriptionId = webhook, EventId = outboxEvent.Id, EventType = outboxEvent.Type, Status = DeliveryStatus.Failed,
            Attempts = 8, NextAttemptAt = now, LastStatusCode = 500, LastError = "HTTP 500", CreatedAt = now,
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return delivery.Id;
    }
}
