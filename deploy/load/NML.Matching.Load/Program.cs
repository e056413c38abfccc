// The data loader of deploy/load/run.sh. It talks to a running API over HTTP only.
//
//   seed   --api URL --admin-key KEY --regions regions.json --candidates N --units M [--parallel P]
//          Tops the registers of region NML up to N candidates and M units (counting what is there), with
//          the demo generators of the API (RegisterGenerator.CandidateProfileFor / UnitDescriptionFor), posted by
//          the demo care providers and corporations that work in each municipality. As in the demo, 3 % of
//          the new candidates are withdrawn and 3 % parked afterwards.
//   export --api URL --admin-key KEY --regions regions.json --out ids.lua [--write-bodies N]
//          Writes what the wrk script needs as a Lua table: every candidate, unit and recent match id with a
//          key that may see it, the keys per role, and N ready-to-post candidate and unit bodies (from the
//          same generators) for the write part of the workload.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using NML.Matching.Api.Demo;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Load;

internal static class Program
{
    private static readonly string[] ProviderKeys = ["nml_horizon_demo", "nml_overstap_demo", "nml_kompas_demo"];
    private static readonly string[] CorporationKeys = ["nml_maasvallei_demo", "nml_peelrand_demo", "nml_roerstreek_demo", "nml_weerterland_demo"];
    private static readonly string[] MatchingspuntKeys = ["nml_mpnoord_demo", "nml_mpmidden_demo"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("seed" or "export"))
        {
            await Console.Error.WriteLineAsync("usage: seed|export --api URL --admin-key KEY --regions regions.json [...] (see the top of Program.cs)");
            return 2;
        }
        var options = Options.Parse(args.Skip(1));
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(options.Get("api", "http://127.0.0.1:8091")), Timeout = TimeSpan.FromMinutes(5) };
        var api = new Api(http, options.Get("admin-key", "nml-admin-local-demo-key"));
        var region = LoadRegion(options.Get("regions", "src/NML.Matching.Api/Data/regions.json"));
        var organisations = await Organisations.LoadAsync(api, region);
        return args[0] == "seed"
            ? await SeedAsync(api, region, organisations, options)
            : await ExportAsync(api, region, organisations, options);
    }

    /// <summary>The 14 NML municipalities from the reference data file, in code order (as the demo generator orders them).</summary>
    private static List<Gemeente> LoadRegion(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var nml = document.RootElement.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "NML");
        return [.. nml.GetProperty("gemeenten").EnumerateArray()
            .Select(g => new Gemeente(
                g.GetProperty("code").GetString()!, g.GetProperty("name").GetString()!, "NML", g.GetProperty("point").GetString()!,
                g.GetProperty("population").GetInt32(), g.GetProperty("latitude").GetDouble(), g.GetProperty("longitude").GetDouble(),
                g.TryGetProperty("bw2020", out var bw) ? bw.GetInt32() : null))
            .OrderBy(g => g.Code, StringComparer.Ordinal)];
    }

    private static async Task<int> SeedAsync(Api api, List<Gemeente> region, Organisations organisations, Options options)
    {
        var targetCandidates = options.GetInt("candidates", 10_000);
        var targetUnits = options.GetInt("units", 3_000);
        var parallel = options.GetInt("parallel", 4);
        var today = RegionalDate.Today(TimeProvider.System);

        // References are unique per run (a top-up after a partial load must not collide with what is there).
        var tag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        var existingCandidates = await api.TotalAsync("/api/v1/candidates");
        var existingUnits = await api.TotalAsync("/api/v1/units");
        var newCandidates = Math.Max(0, targetCandidates - existingCandidates);
        var newUnits = Math.Max(0, targetUnits - existingUnits);
        Console.WriteLine($"seed: {existingCandidates} candidates and {existingUnits} units exist; adding {newCandidates} and {newUnits} with {parallel} parallel clients");

        // Generate first (one seeded Random, in order, so the data set is the same every time), then post in parallel.
        var work = new List<WorkItem>(newCandidates + newUnits);
        var random = new Random(20_260_000 + existingCandidates);
        var perGemeente = RegisterGenerator.Apportion([.. region.Select(g => g.BwClients2020 ?? 0)], newCandidates);
        var index = existingCandidates;
        for (var g = 0; g < region.Count; g++)
        {
            var herkomst = region[g];
            var providers = organisations.ProvidersIn(herkomst.Code);
            for (var i = 0; i < perGemeente[g]; i++, index++)
            {
                var key = providers[random.Next(providers.Count)];
                var profile = RegisterGenerator.CandidateProfileFor(random, herkomst, region, today, index)
                    with { ExternalReference = $"LOAD-{tag}-{herkomst.Code[2..]}-{index:D6}" };
                var roll = random.NextDouble();
                WorkItem.FollowUp followUp = roll < 0.03 ? WorkItem.FollowUp.Withdraw : roll < 0.06 ? WorkItem.FollowUp.Park : WorkItem.FollowUp.None;
                work.Add(new WorkItem("/api/v1/candidates", key, Bodies.Candidate(profile), followUp, today.AddDays(random.Next(7, 60))));
            }
        }
        random = new Random(14_040_000 + existingUnits);
        var unitCounts = RegisterGenerator.Apportion([.. region.Select(g => g.Population)], Math.Max(0, newUnits - (2 * region.Count)))
            .Select(c => newUnits >= 2 * region.Count ? c + 2 : 0).ToList();
        index = existingUnits;
        for (var g = 0; g < region.Count; g++)
        {
            var gemeente = region[g];
            var owners = organisations.CorporationsIn(gemeente.Code);
            var careOwners = organisations.ProvidersIn(gemeente.Code);
            for (var i = 0; i < unitCounts[g]; i++, index++)
            {
                var byProvider = random.NextDouble() < 0.12 || owners.Count == 0;
                var key = byProvider ? careOwners[random.Next(careOwners.Count)] : owners[random.Next(owners.Count)];
                var description = RegisterGenerator.UnitDescriptionFor(random, gemeente, byProvider, today, index)
                    with { Reference = $"LOAD-{tag}-{gemeente.Code[2..]}-{index:D6}" };
                work.Add(new WorkItem("/api/v1/units", key, Bodies.Unit(description), WorkItem.FollowUp.None, today));
            }
        }

        var failures = 0;
        var done = 0;
        var statuses = new Dictionary<int, int>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, ct) =>
        {
            var (status, body) = await api.SendAsync(HttpMethod.Post, item.Path, item.Key, item.Body, ct);
            var ok = status == HttpStatusCode.Created;
            if (ok && item.Then != WorkItem.FollowUp.None)
            {
                var id = body!["id"]!.GetValue<Guid>();
                var (path, payload) = item.Then == WorkItem.FollowUp.Withdraw
                    ? ($"/api/v1/candidates/{id}/withdraw", (object)new { reason = "Zelf woonruimte gevonden" })
                    : ($"/api/v1/candidates/{id}/park", new { until = item.ParkUntil, reason = "Tijdelijke opname; verhuizen nu niet verantwoord" });
                (status, body) = await api.SendAsync(HttpMethod.Post, path, item.Key, JsonSerializer.Serialize(payload, Json), ct);
                ok = status == HttpStatusCode.OK;
            }
            lock (statuses)
            {
                statuses[(int)status] = statuses.GetValueOrDefault((int)status) + 1;
                if (!ok && ++failures <= 5) Console.Error.WriteLine($"seed: {item.Path} answered {(int)status}: {Clip(body?.ToJsonString())}");
                if (++done % 2_000 == 0) Console.WriteLine($"seed: {done}/{work.Count} items in {watch.Elapsed.TotalSeconds:F0} s");
            }
        });
        watch.Stop();
        var finalCandidates = await api.TotalAsync("/api/v1/candidates");
        var finalUnits = await api.TotalAsync("/api/v1/units");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed: {work.Count} items ({newCandidates} candidates, {newUnits} units) posted in {watch.Elapsed.TotalSeconds:F1} s " +
            $"({work.Count / Math.Max(0.001, watch.Elapsed.TotalSeconds):F0} items/s, {parallel} clients); failures {failures}; " +
            $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; now {finalCandidates} candidates, {finalUnits} units"));
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> ExportAsync(Api api, List<Gemeente> region, Organisations organisations, Options options)
    {
        var outPath = options.Get("out", "ids.lua");
        var writeBodies = options.GetInt("write-bodies", 2_000);
        var today = RegionalDate.Today(TimeProvider.System);
        var candidates = await api.AllAsync("/api/v1/candidates", int.MaxValue);
        var units = await api.AllAsync("/api/v1/units", int.MaxValue);
        var matches = await api.AllAsync("/api/v1/matches", 2_000);
        string KeyOf(JsonNode item, string ownerField) =>
            organisations.KeyOf(item[ownerField]!.GetValue<Guid>()) ?? MatchingspuntKeys[0];

        var lua = new StringBuilder();
        lua.AppendLine("-- Generated by deploy/load/NML.Matching.Load export; read by deploy/load/mixed.lua.");
        lua.AppendLine("return {");
        // Only what a read can ask for: active candidates and units, each with the key of its provider or owner.
        lua.AppendLine("  candidates = {");
        foreach (var c in candidates.Where(c => c["status"]!.GetValue<string>() is not ("Withdrawn" or "Housed")))
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"    {{\"{c["id"]}\", \"{KeyOf(c, "providerOrganisationId")}\", \"{c["herkomstGemeenteCode"]}\"}},");
        }
        lua.AppendLine("  },");
        lua.AppendLine("  units = {");
        foreach (var u in units.Where(u => u["status"]!.GetValue<string>() is not ("Withdrawn" or "Let")))
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"    {{\"{u["id"]}\", \"{KeyOf(u, "ownerOrganisationId")}\", \"{u["gemeenteCode"]}\"}},");
        }
        lua.AppendLine("  },");
        lua.AppendLine("  matches = {");
        foreach (var m in matches) lua.AppendLine(CultureInfo.InvariantCulture, $"    \"{m["id"]}\",");
        lua.AppendLine("  },");
        lua.AppendLine(CultureInfo.InvariantCulture, $"  providers = {{ {string.Join(", ", ProviderKeys.Select(k => $"\"{k}\""))} }},");
        lua.AppendLine(CultureInfo.InvariantCulture, $"  corporations = {{ {string.Join(", ", CorporationKeys.Select(k => $"\"{k}\""))} }},");
        lua.AppendLine(CultureInfo.InvariantCulture, $"  matchingspunten = {{ {string.Join(", ", MatchingspuntKeys.Select(k => $"\"{k}\""))} }},");
        lua.AppendLine(CultureInfo.InvariantCulture, $"  gemeenten = {{ {string.Join(", ", region.Select(g => $"{{\"{g.Code}\", \"{GemeenteKey(g.Code)}\"}}"))} }},");

        // Bodies for the writes: candidates that are Ready today (so that a Matchingspunt can propose them), and units.
        // "__REF__" is replaced by the script with a unique reference per request.
        var random = new Random(31_337);
        lua.AppendLine("  candidate_bodies = {");
        for (int written = 0, i = 0; written < writeBodies; i++)
        {
            var herkomst = region[random.Next(region.Count)];
            var profile = RegisterGenerator.CandidateProfileFor(random, herkomst, region, today, i) with { ExternalReference = "WRK-__REF__" };
            if (profile.ReadySince > today || !profile.SupportGuaranteed) continue;
            var providers = organisations.ProvidersIn(herkomst.Code);
            lua.AppendLine(CultureInfo.InvariantCulture, $"    {{\"{providers[random.Next(providers.Count)]}\", [==[{Bodies.Candidate(profile)}]==]}},");
            written++;
        }
        lua.AppendLine("  },");
        lua.AppendLine("  unit_bodies = {");
        for (var i = 0; i < writeBodies; i++)
        {
            var gemeente = region[random.Next(region.Count)];
            var owners = organisations.CorporationsIn(gemeente.Code);
            var byProvider = random.NextDouble() < 0.12 || owners.Count == 0;
            var key = byProvider ? organisations.ProvidersIn(gemeente.Code)[0] : owners[random.Next(owners.Count)];
            var description = RegisterGenerator.UnitDescriptionFor(random, gemeente, byProvider, today, i) with { Reference = "WRK-__REF__" };
            lua.AppendLine(CultureInfo.InvariantCulture, $"    {{\"{key}\", [==[{Bodies.Unit(description)}]==]}},");
        }
        lua.AppendLine("  },");
        lua.AppendLine("}");
        await File.WriteAllTextAsync(outPath, lua.ToString());

        string Census(List<JsonNode> items) => string.Join(", ", items.GroupBy(i => i["status"]!.GetValue<string>()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        Console.WriteLine($"export: {candidates.Count} candidates ({Census(candidates)}), {units.Count} units ({Census(units)}), {matches.Count} recent matches -> {outPath}");
        return 0;
    }

    private static string Clip(string? text) => text is null ? "(no body)" : text.Length <= 400 ? text : text[..400];

    private static string GemeenteKey(string code) => $"nml_{code.ToLowerInvariant()}_demo";

    /// <summary>The demo care providers and corporations, with their ids and werkgebied as the API reports them.</summary>
    private sealed class Organisations
    {
        private readonly Dictionary<string, (Guid Id, HashSet<string> Werkgebied)> byKey = [];

        public static async Task<Organisations> LoadAsync(Api api, List<Gemeente> region)
        {
            var result = new Organisations();
            foreach (var key in ProviderKeys.Concat(CorporationKeys).Concat(MatchingspuntKeys).Concat(region.Select(g => GemeenteKey(g.Code))))
            {
                var (status, body) = await api.SendAsync(HttpMethod.Get, "/api/v1/organisations", key, null, CancellationToken.None);
                if (status != HttpStatusCode.OK)
                    throw new InvalidOperationException($"GET /api/v1/organisations with {key} answered {(int)status}: is the demo data loaded (Demo__Seed=true)?");
                var organisation = body!["items"]!.AsArray().Single()!;
                result.byKey[key] = (organisation["id"]!.GetValue<Guid>(),
                    [.. organisation["werkgebied"]!.AsArray().Select(w => w!.GetValue<string>())]);
            }
            return result;
        }

        public List<string> ProvidersIn(string gemeente) => [.. ProviderKeys.Where(k => byKey[k].Werkgebied.Contains(gemeente))];

        public List<string> CorporationsIn(string gemeente) => [.. CorporationKeys.Where(k => byKey[k].Werkgebied.Contains(gemeente))];

        public string? KeyOf(Guid organisationId) => byKey.FirstOrDefault(k => k.Value.Id == organisationId).Key;
    }
}

/// <summary>One POST of the seed, and what to do with the created candidate afterwards.</summary>
internal sealed record WorkItem(string Path, string Key, string Body, WorkItem.FollowUp Then, DateOnly ParkUntil)
{
    public enum FollowUp { None, Withdraw, Park }
}

/// <summary>Request bodies in the shape of the API's CandidateRequest and UnitRequest.</summary>
internal static class Bodies
{
    public static string Candidate(CandidateProfile p) => JsonSerializer.Serialize(new
    {
        externalReference = p.ExternalReference,
        herkomstGemeenteCode = p.HerkomstGemeenteCode,
        currentSetting = p.CurrentSetting,
        ageBand = p.AgeBand,
        household = new { adults = p.Household.Adults, children = p.Household.Children },
        requiredBedrooms = p.RequiredBedrooms,
        maxRent = p.MaxRent,
        accessibility = new { needsGroundFloorOrLift = p.Accessibility.NeedsGroundFloorOrLift, needsWheelchairAccess = p.Accessibility.NeedsWheelchairAccess },
        supportNeed = p.SupportNeed,
        needs24x7Nearby = p.Needs24x7Nearby,
        supportHoursPerWeek = p.SupportHoursPerWeek,
        supportGuaranteed = p.SupportGuaranteed,
        prikkelarmNeed = p.PrikkelarmNeed,
        preferredGemeenten = p.PreferredGemeenten,
        excludedGemeenten = p.ExcludedGemeenten,
        targetGroups = p.TargetGroups,
        readySince = p.ReadySince,
        urgent = p.Urgent,
        urgencyReason = p.UrgencyReason,
    }, Program.Json);

    public static string Unit(UnitDescription d) => JsonSerializer.Serialize(new
    {
        reference = d.Reference,
        gemeenteCode = d.GemeenteCode,
        kern = d.Kern,
        postcode = d.Postcode,
        houseNumber = d.HouseNumber,
        unitType = d.UnitType,
        bedrooms = d.Bedrooms,
        maxOccupants = d.MaxOccupants,
        floorArea = d.FloorArea,
        basicRent = d.BasicRent,
        serviceCosts = d.ServiceCosts,
        accessibility = new { groundFloorOrLift = d.Accessibility.GroundFloorOrLift, wheelchairAccessible = d.Accessibility.WheelchairAccessible },
        prikkelarm = new
        {
            ownFrontDoor = d.Prikkelarm.OwnFrontDoor,
            noSharedStairwell = d.Prikkelarm.NoSharedStairwell,
            noDirectNeighbours = d.Prikkelarm.NoDirectNeighbours,
            quietStreet = d.Prikkelarm.QuietStreet,
            edgeOfNeighbourhood = d.Prikkelarm.EdgeOfNeighbourhood,
        },
        supportOnSite = d.SupportOnSite,
        contractForm = d.ContractForm,
        targetGroups = d.TargetGroups,
        availableFrom = d.AvailableFrom,
    }, Program.Json);
}

/// <summary>A thin client: one key per request, JSON in and out.</summary>
internal sealed class Api(HttpClient http, string adminKey)
{
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string key, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            body = JsonValue.Create(text);
        }
        return (response.StatusCode, body);
    }

    public async Task<int> TotalAsync(string path)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path + "?pageSize=1", adminKey, null, CancellationToken.None);
        return status == HttpStatusCode.OK ? body!["total"]!.GetValue<int>() : throw new InvalidOperationException($"GET {path} answered {(int)status}");
    }

    /// <summary>Every item of a list, 200 a page, up to <paramref name="max"/>.</summary>
    public async Task<List<JsonNode>> AllAsync(string path, int max)
    {
        var items = new List<JsonNode>();
        for (var page = 1; items.Count < max; page++)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"{path}?pageSize=200&page={page}", adminKey, null, CancellationToken.None);
            if (status != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} page {page} answered {(int)status}");
            var pageItems = body!["items"]!.AsArray();
            items.AddRange(pageItems.Select(i => i!));
            if (pageItems.Count < 200) break;
        }
        return items.Count > max ? items[..max] : items;
    }
}

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (name is null && arg.StartsWith("--", StringComparison.Ordinal)) name = arg[2..];
            else if (name is not null)
            {
                options.values[name] = arg;
                name = null;
            }
            else throw new ArgumentException($"Unexpected argument '{arg}'.");
        }
        return name is null ? options : throw new ArgumentException($"--{name} needs a value.");
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int GetInt(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
