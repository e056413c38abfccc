using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Tests;

public sealed class UnitTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private HttpClient _corporation = null!;
    private Guid _corporationId;

    public async Task InitializeAsync()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Wonen {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0889" } });
        _corporation = api.WithKey(key);
        _corporationId = organisation.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACorporationPostsAUnitAndTheServerFillsItsFields()
    {
        var response = await _corporation.PostAsJsonAsync("/api/v1/units", Payloads.Unit());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var unit = (await response.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!;
        Assert.Equal($"/api/v1/units/{unit.Id}", response.Headers.Location?.ToString());
        Assert.Equal($"\"{unit.Version}\"", response.Headers.ETag?.Tag);
        Assert.Equal(_corporationId, unit.OwnerOrganisationId);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal("5921 AB", unit.Postcode);
        Assert.Equal("12A", unit.HouseNumber);
        Assert.Equal(2, unit.PrikkelarmLevel);
        Assert.Equal("NML", unit.RegionCode);
    }

    [Fact]
    public async Task ACareProviderMayOfferItsOwnUnits()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(new { name = "Zorg met woningen", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var unit = await api.WithKey(key).PostUnitAsync(Payloads.Unit().With("unitType", "Trainingswoning"));
        Assert.Equal(UnitType.Trainingswoning, unit.UnitType);
    }

    [Theory]
    [InlineData(false, false, false, false, false, 0)]
    [InlineData(true, false, false, true, false, 1)]
    [InlineData(true, true, false, false, true, 2)]
    [InlineData(true, true, true, true, false, 3)]
    [InlineData(true, true, true, true, true, 3)]
    public async Task ThePrikkelarmLevelIsDerivedFromTheFeatures(bool door, bool stairwell, bool neighbours, bool quiet, bool edge, int level)
    {
        var body = Payloads.Unit().With("prikkelarm", new JsonObject
        {
            ["ownFrontDoor"] = door, ["noSharedStairwell"] = stairwell, ["noDirectNeighbours"] = neighbours, ["quietStreet"] = quiet, ["edgeOfNeighbourhood"] = edge,
        });
        var unit = await _corporation.PostUnitAsync(body);
        Assert.Equal(level, unit.PrikkelarmLevel);
    }

    [Fact]
    public async Task TheUnitsMunicipalityMustBeInTheOwnersWerkgebied()
    {
        var response = await _corporation.PostAsJsonAsync("/api/v1/units", Payloads.Unit("GM0957"));
        await OrganisationTests.AssertBadRequestNaming(response, "gemeenteCode");
        Assert.Equal("gemeente-outside-werkgebied", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    public static TheoryData<string, string, JsonNode?> InvalidFields() => new()
    {
        { "reference", "reference", "" },
        { "reference", "reference", new string('r', 65) },
        { "gemeenteCode", "gemeenteCode", "GM9999" },
        { "gemeenteCode", "gemeenteCode", null },
        { "postcode", "postcode", "592 AB" },
        { "postcode", "postcode", "0921 AB" },
        { "postcode", "postcode", null },
        { "houseNumber", "houseNumber", new string('1', 17) },
        { "unitType", "unitType", "Villa" },
        { "unitType", "unitType", null },
        { "bedrooms", "bedrooms", 9 },
        { "bedrooms", "bedrooms", -1 },
        { "maxOccupants", "maxOccupants", 0 },
        { "maxOccupants", "maxOccupants", 13 },
        { "floorArea", "floorArea", 0 },
        { "basicRent", "basicRent", -1 },
        { "basicRent", "basicRent", null },
        { "serviceCosts", "serviceCosts", -0.01m },
        { "accessibility", "accessibility.groundFloorOrLift", new JsonObject { ["groundFloorOrLift"] = false, ["wheelchairAccessible"] = true } },
        { "prikkelarm.quietStreet", "prikkelarm.quietStreet", "ja" },
        { "supportOnSite", "supportOnSite", "Sometimes" },
        { "supportOnSite", "supportOnSite", null },
        { "contractForm", "contractForm", "Koop" },
        { "contractForm", "contractForm", null },
        { "targetGroups", "targetGroups[0]", new JsonArray("Iedereen") },
        { "availableFrom", "availableFrom", "1 april" },
        { "availableFrom", "availableFrom", null },
        { "kern", "kern", new string('k', 101) },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidFieldIsABadRequestNamingIt(string path, string field, JsonNode? value)
    {
        var body = value is null ? Payloads.Unit().Without(path) : Payloads.Unit().With(path, value);
        var response = await _corporation.PostAsJsonAsync("/api/v1/units", body);
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    public static TheoryData<string, JsonNode?> ValidVariations() => new()
    {
        { "bedrooms", 0 },
        { "bedrooms", 8 },
        { "maxOccupants", 12 },
        { "basicRent", 0 },
        { "serviceCosts", null },
        { "floorArea", null },
        { "kern", null },
        { "houseNumber", null },
        { "postcode", "5921 ab" },
        { "accessibility", new JsonObject { ["groundFloorOrLift"] = true, ["wheelchairAccessible"] = true } },
        { "supportOnSite", "TwentyFourSeven" },
        { "contractForm", "Omklap" },
        { "targetGroups", new JsonArray("Jongeren", "Gezin") },
        { "unitType", "Kamer" },
    };

    [Theory]
    [MemberData(nameof(ValidVariations))]
    public async Task AValidVariationIsAccepted(string path, JsonNode? value)
    {
        var body = value is null ? Payloads.Unit().Without(path) : Payloads.Unit().With(path, value);
        var response = await _corporation.PostAsJsonAsync("/api/v1/units", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheReferenceIsUniquePerOwner()
    {
        await _corporation.PostUnitAsync(Payloads.Unit(reference: "VHE-DUP"));
        var again = await _corporation.PostAsJsonAsync("/api/v1/units", Payloads.Unit(reference: "VHE-DUP"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("duplicate-reference", (await again.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AWithdrawnUnitCannotBeChanged()
    {
        var unit = await _corporation.PostUnitAsync();
        var withdrawn = await _corporation.PostAsJsonAsync($"/api/v1/units/{unit.Id}/withdraw", new { reason = "Verkocht" });
        var dto = (await withdrawn.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/units/{unit.Id}") { Content = JsonContent.Create(Payloads.Unit(reference: unit.Reference)) };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{dto.Version}\"");

        var update = await _corporation.SendAsync(put);
        var again = await _corporation.PostAsync($"/api/v1/units/{unit.Id}/withdraw", null);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(UnitStatus.Withdrawn, dto.Status);
        Assert.Equal("Verkocht", dto.WithdrawReason);
        Assert.Equal(HttpStatusCode.Conflict, update.StatusCode);
        Assert.Equal("unit-withdrawn", (await update.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task AnUpdateNeedsAFreshIfMatch()
    {
        var unit = await _corporation.PostUnitAsync();
        var body = Payloads.Unit(reference: unit.Reference).With("basicRent", 610);

        var missing = await _corporation.PutAsJsonAsync($"/api/v1/units/{unit.Id}", body);
        var fresh = await Put(unit.Id, body, $"\"{unit.Version}\"");
        var stale = await Put(unit.Id, body, $"\"{unit.Version}\"");

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(610m, (await fresh.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!.BasicRent);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task ListFiltersSelectTheRightUnits()
    {
        var big = await _corporation.PostUnitAsync(Payloads.Unit("GM0889").With("bedrooms", 3).With("maxOccupants", 5).With("unitType", "Eengezinswoning").With("basicRent", 880));
        var calm = await _corporation.PostUnitAsync(Payloads.Unit().With("prikkelarm", new JsonObject
        {
            ["ownFrontDoor"] = true, ["noSharedStairwell"] = true, ["noDirectNeighbours"] = true, ["quietStreet"] = true, ["edgeOfNeighbourhood"] = true,
        }).With("availableFrom", "2026-03-05"));
        var gone = await _corporation.PostUnitAsync();
        (await _corporation.PostAsync($"/api/v1/units/{gone.Id}/withdraw", null)).EnsureSuccessStatusCode();

        async Task<List<Guid>> Ids(string query) =>
            [.. (await _corporation.GetFromJsonAsync<PagedList<UnitDto>>($"/api/v1/units?pageSize=200&{query}", Json.Options))!.Items.Select(u => u.Id)];

        Assert.Equal([big.Id], await Ids("gemeente=GM0889"));
        Assert.Equal([big.Id], await Ids("minBedrooms=3"));
        Assert.Equal([big.Id], await Ids("unitType=Eengezinswoning"));
        Assert.DoesNotContain(big.Id, await Ids("maxRent=700"));
        Assert.Contains(calm.Id, await Ids("maxRent=700"));
        Assert.Contains(calm.Id, await Ids("prikkelarmLevelAtLeast=3"));
        Assert.DoesNotContain(big.Id, await Ids("prikkelarmLevelAtLeast=3"));
        Assert.Contains(calm.Id, await Ids("availableBefore=2026-03-10"));
        Assert.DoesNotContain(big.Id, await Ids("availableBefore=2026-03-10"));
        Assert.Equal([gone.Id], await Ids("status=Withdrawn"));
        Assert.DoesNotContain(gone.Id, await Ids("status=Available"));
        Assert.Contains(big.Id, await Ids("status=Available"));
    }

    [Theory]
    [InlineData("prikkelarmLevelAtLeast=4", "prikkelarmLevelAtLeast")]
    [InlineData("minBedrooms=-1", "minBedrooms")]
    [InlineData("status=Sold", "status")]
    public async Task ABadFilterIsABadRequestNamingIt(string query, string field)
    {
        var response = await _corporation.GetAsync($"/api/v1/units?{query}");
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    private Task<HttpResponseMessage> Put(Guid id, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/units/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _corporation.SendAsync(request);
    }
}
