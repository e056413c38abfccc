using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Units;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>Valid request bodies that a test can change one field of.</summary>
public static class Payloads
{
    private static int _sequence;

    /// <summary>
    /// A unique reference of <paramref name="length"/> characters: <paramref name="prefix"/> and then letters only. A
    /// slice of a GUID's hex digits can hold nine digits in a row that pass the eleven-test, and the register refuses
    /// that as a BSN (docs/registers.md): a test that used one failed now and then.
    /// </summary>
    public static string Reference(string prefix, int length = 14) =>
        (prefix + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('A' + Convert.ToInt32(c.ToString(), 16)))))[..length];

    public static JsonObject Candidate(string herkomst = "GM0983", string? reference = null) => new()
    {
        ["externalReference"] = reference ?? $"CL-{Interlocked.Increment(ref _sequence):D5}",
        ["herkomstGemeenteCode"] = herkomst,
        ["currentSetting"] = "BeschermdWonen",
        ["ageBand"] = "27-49",
        ["household"] = new JsonObject { ["adults"] = 1, ["children"] = 0 },
        ["maxRent"] = 650.50m,
        ["accessibility"] = new JsonObject { ["needsGroundFloorOrLift"] = false, ["needsWheelchairAccess"] = false },
        ["supportNeed"] = "Midden",
        ["needs24x7Nearby"] = false,
        ["supportHoursPerWeek"] = 4,
        ["supportGuaranteed"] = true,
        ["prikkelarmNeed"] = "Preferred",
        ["preferredGemeenten"] = new JsonArray("GM0983", "GM0984"),
        ["excludedGemeenten"] = new JsonArray(),
        ["targetGroups"] = new JsonArray(),
        ["readySince"] = "2026-01-15",
        ["urgent"] = false,
    };

    public static JsonObject Unit(string gemeente = "GM0983", string? reference = null) => new()
    {
        ["reference"] = reference ?? $"VHE-{Interlocked.Increment(ref _sequence):D5}",
        ["gemeenteCode"] = gemeente,
        ["kern"] = "Blerick",
        ["postcode"] = "5921ab",
        ["houseNumber"] = "12a",
        ["unitType"] = "Appartement",
        ["bedrooms"] = 1,
        ["maxOccupants"] = 2,
        ["floorArea"] = 48.5m,
        ["basicRent"] = 598.12m,
        ["serviceCosts"] = 45m,
        ["accessibility"] = new JsonObject { ["groundFloorOrLift"] = true, ["wheelchairAccessible"] = false },
        ["prikkelarm"] = new JsonObject
        {
            ["ownFrontDoor"] = true, ["noSharedStairwell"] = true, ["noDirectNeighbours"] = false, ["quietStreet"] = true, ["edgeOfNeighbourhood"] = false,
        },
        ["supportOnSite"] = "Nearby",
        ["contractForm"] = "Regulier",
        ["targetGroups"] = new JsonArray(),
        ["availableFrom"] = "2026-04-01",
    };

    /// <summary>Returns a copy with one value set by a dotted path (<c>household.adults</c>); null removes it.</summary>
    public static JsonObject With(this JsonObject body, string path, JsonNode? value, bool remove = false)
    {
        var copy = body.DeepClone().AsObject();
        var parts = path.Split('.');
        var target = copy;
        foreach (var part in parts[..^1]) target = target[part]!.AsObject();
        if (remove) target.Remove(parts[^1]);
        else target[parts[^1]] = value?.DeepClone();
        return copy;
    }

    public static JsonObject Without(this JsonObject body, string path) => body.With(path, null, remove: true);

    public static async Task<CandidateDto> RegisterCandidateAsync(this HttpClient provider, JsonObject? body = null)
    {
        var response = await provider.PostAsJsonAsync("/api/v1/candidates", body ?? Candidate());
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Registering failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
    }

    public static async Task<UnitDto> PostUnitAsync(this HttpClient owner, JsonObject? body = null)
    {
        var response = await owner.PostAsJsonAsync("/api/v1/units", body ?? Unit());
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Posting failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!;
    }
}

/// <summary>One organisation of each kind the visibility rules distinguish, with their keys.</summary>
public sealed record Cast(
    string ProviderA, Guid ProviderAId, string ProviderB, string CorporationA, Guid CorporationAId, string CorporationB,
    string GemeenteVenlo, string GemeenteRoermond, string MatchingspuntNml, string MatchingspuntMhl)
{
    public static async Task<Cast> CreateAsync(ApiFactory api)
    {
        var (providerA, providerAKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Zorg A", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0984", "GM0957" } });
        var (_, providerBKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Zorg B", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0957" } });
        var (corporationA, corporationAKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Wonen A", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0889" } });
        var (_, corporationBKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Wonen B", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0957" } });
        var (_, venlo) = await api.CreateOrganisationWithKeyAsync(new { name = "Gemeente Venlo", type = "Gemeente", regionCode = "NML", gemeenteCode = "GM0983" });
        var (_, roermond) = await api.CreateOrganisationWithKeyAsync(new { name = "Gemeente Roermond", type = "Gemeente", regionCode = "NML", gemeenteCode = "GM0957" });
        var (_, mpNml) = await api.CreateOrganisationWithKeyAsync(new { name = "Matchingspunt NML", type = "Matchingspunt", regionCode = "NML" });
        var (_, mpMhl) = await api.CreateOrganisationWithKeyAsync(new { name = "Transferpunt MHL", type = "Matchingspunt", regionCode = "MHL" });
        return new Cast(providerAKey, providerA.Id, providerBKey, corporationAKey, corporationA.Id, corporationBKey, venlo, roermond, mpNml, mpMhl);
    }
}
