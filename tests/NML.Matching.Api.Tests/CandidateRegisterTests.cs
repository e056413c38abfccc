using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;

namespace NML.Matching.Api.Tests;

public sealed class CandidateRegisterTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private HttpClient _provider = null!;
    private Guid _providerId;

    public async Task InitializeAsync()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Zorg {Guid.NewGuid().ToString("N")[..8]}", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0957" } });
        _provider = api.WithKey(key);
        _providerId = organisation.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AProviderRegistersACandidateWithLocationETagAndItselfAsOwner()
    {
        var response = await _provider.PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var candidate = (await response.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        Assert.Equal($"/api/v1/candidates/{candidate.Id}", response.Headers.Location?.ToString());
        Assert.Equal($"\"{candidate.Version}\"", response.Headers.ETag?.Tag);
        Assert.Equal(_providerId, candidate.ProviderOrganisationId);
        Assert.Equal("NML", candidate.RegionCode);
        Assert.Equal(CandidateStatus.Ready, candidate.Status);
        Assert.Equal(AgeBand.Age27To49, candidate.AgeBand);
        Assert.Equal(650.50m, candidate.MaxRent);
    }

    [Fact]
    public async Task AgeBandsTravelAsTheirDutchLabels()
    {
        var response = await _provider.PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate().With("ageBand", "65+"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"ageBand\":\"65+\"", text);
    }

    [Fact]
    public async Task TheOwnerComesFromTheKeyNeverFromTheBody()
    {
        var response = await _provider.PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate().With("providerOrganisationId", Guid.NewGuid().ToString()));
        await OrganisationTests.AssertBadRequestNaming(response, "providerOrganisationId");
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(2, 0, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(2, 3, 3)]
    [InlineData(1, 10, 6)]
    public async Task RequiredBedroomsDefaultFromTheHousehold(int adults, int children, int expected)
    {
        var body = Payloads.Candidate().With("household", new JsonObject { ["adults"] = adults, ["children"] = children });
        var candidate = await _provider.RegisterCandidateAsync(body);
        Assert.Equal(expected, candidate.RequiredBedrooms);
    }

    [Fact]
    public async Task AnExplicitRequiredBedroomsWins()
    {
        var candidate = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("requiredBedrooms", 2));
        Assert.Equal(2, candidate.RequiredBedrooms);
    }

    public static TheoryData<string, string, JsonNode?> InvalidFields() => new()
    {
        { "externalReference", "externalReference", "" },
        { "externalReference", "externalReference", new string('x', 65) },
        { "externalReference", "externalReference", null },
        { "herkomstGemeenteCode", "herkomstGemeenteCode", "GM9999" },
        { "herkomstGemeenteCode", "herkomstGemeenteCode", "Venlo" },
        { "herkomstGemeenteCode", "herkomstGemeenteCode", null },
        { "currentSetting", "currentSetting", "Thuis" },
        { "currentSetting", "currentSetting", null },
        { "ageBand", "ageBand", "18-99" },
        { "ageBand", "ageBand", null },
        { "household", "household", null },
        { "household.adults", "household.adults", 0 },
        { "household.adults", "household.adults", 3 },
        { "household.children", "household.children", -1 },
        { "household.children", "household.children", 11 },
        { "requiredBedrooms", "requiredBedrooms", 7 },
        { "requiredBedrooms", "requiredBedrooms", -1 },
        { "maxRent", "maxRent", 0 },
        { "maxRent", "maxRent", 2500.01m },
        { "maxRent", "maxRent", null },
        { "accessibility.needsWheelchairAccess", "accessibility.needsWheelchairAccess", "yes" },
        { "supportNeed", "supportNeed", "Zwaar" },
        { "supportNeed", "supportNeed", null },
        { "needs24x7Nearby", "needs24x7Nearby", true },
        { "supportHoursPerWeek", "supportHoursPerWeek", 41 },
        { "supportHoursPerWeek", "supportHoursPerWeek", -1 },
        { "supportGuaranteed", "supportGuaranteed", null },
        { "prikkelarmNeed", "prikkelarmNeed", "Sometimes" },
        { "prikkelarmNeed", "prikkelarmNeed", null },
        { "preferredGemeenten", "preferredGemeenten", new JsonArray("GM0983", "GM0984", "GM0957", "GM0988", "GM1640", "GM1641") },
        { "preferredGemeenten", "preferredGemeenten", new JsonArray("GM0983", "gm0983") },
        { "preferredGemeenten", "preferredGemeenten[1]", new JsonArray("GM0983", "GM9999") },
        { "excludedGemeenten", "excludedGemeenten", new JsonArray("GM0984") },
        { "excludedGemeenten", "excludedGemeenten[0]", new JsonArray("XX") },
        { "targetGroups", "targetGroups[0]", new JsonArray("Studenten") },
        { "readySince", "readySince", "15-01-2026" },
        { "readySince", "readySince", null },
        { "urgent", "urgencyReason", true },
        { "urgencyReason", "urgencyReason", "GezinDreigtDakloos" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidFieldIsABadRequestNamingIt(string path, string field, JsonNode? value)
    {
        var body = value is null ? Payloads.Candidate().Without(path) : Payloads.Candidate().With(path, value);

        var response = await _provider.PostAsJsonAsync("/api/v1/candidates", body);

        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    public static TheoryData<string, JsonNode?> ValidVariations() => new()
    {
        { "externalReference", new string('x', 64) },
        { "household", new JsonObject { ["adults"] = 2, ["children"] = 10 } },
        { "requiredBedrooms", 0 },
        { "maxRent", 2500 },
        { "accessibility", new JsonObject { ["needsGroundFloorOrLift"] = true, ["needsWheelchairAccess"] = true } },
        { "supportNeed", "Intensief" },
        { "supportHoursPerWeek", 40 },
        { "supportGuaranteed", false },
        { "prikkelarmNeed", "Required" },
        { "preferredGemeenten", new JsonArray("GM0983", "GM0984", "GM0957", "GM0988", "GM1640") },
        { "excludedGemeenten", new JsonArray("GM0889") },
        { "targetGroups", new JsonArray("Jongeren", "LHBTIQ", "HousingFirst") },
        { "currentSetting", "MaatschappelijkeOpvang" },
        { "ageBand", "18-22" },
    };

    [Theory]
    [MemberData(nameof(ValidVariations))]
    public async Task AValidVariationIsAccepted(string path, JsonNode? value)
    {
        var body = Payloads.Candidate().With(path, value);

        var response = await _provider.PostAsJsonAsync("/api/v1/candidates", body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheHerkomstgemeenteMayBeExcludedAsAnUnsafeOldEnvironment()
    {
        var body = Payloads.Candidate("GM0983").With("preferredGemeenten", new JsonArray("GM0957")).With("excludedGemeenten", new JsonArray("GM0983"));
        var candidate = await _provider.RegisterCandidateAsync(body);
        Assert.Equal(["GM0983"], candidate.ExcludedGemeenten);
    }

    [Fact]
    public async Task TwentyFourSevenNearbyIsAllowedWithIntensiefSupport()
    {
        var body = Payloads.Candidate().With("supportNeed", "Intensief").With("needs24x7Nearby", true);
        var candidate = await _provider.RegisterCandidateAsync(body);
        Assert.True(candidate.Needs24x7Nearby);
    }

    [Fact]
    public async Task AnUrgentCandidateCarriesItsReason()
    {
        var candidate = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("urgent", true).With("urgencyReason", "Veiligheid"));
        Assert.True(candidate.Urgent);
        Assert.Equal(UrgencyReason.Veiligheid, candidate.UrgencyReason);
    }

    [Fact]
    public async Task TheExternalReferenceIsUniquePerProvider()
    {
        await _provider.RegisterCandidateAsync(Payloads.Candidate(reference: "DUP-1"));
        var again = await _provider.PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate(reference: "DUP-1"));
        var (_, otherKey) = await api.CreateOrganisationWithKeyAsync(new { name = $"Zorg {Guid.NewGuid().ToString("N")[..8]}", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var otherProvider = await api.WithKey(otherKey).PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate(reference: "DUP-1"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("duplicate-external-reference", (await again.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, otherProvider.StatusCode);
    }

    [Fact]
    public async Task EveryRegistrationIsAudited()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var audit = await api.Admin().GetStringAsync($"/api/v1/audit-events?entityType=candidate&entityId={candidate.Id}");
        Assert.Contains("candidate.registered", audit);
    }
}
