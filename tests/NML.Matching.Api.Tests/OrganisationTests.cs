using System.Net;
using System.Net.Http.Json;
using System.Text;
using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Tests;

public sealed class OrganisationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static object Corporation(string name = "Woonstichting Test") =>
        new { name, type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983", "gm0889" } };

    [Fact]
    public async Task AdminCreatesAnOrganisationAndItsKeyWorks()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(Corporation());

        Assert.Equal(OrganisationType.Corporatie, organisation.Type);
        Assert.Equal(["GM0889", "GM0983"], organisation.Werkgebied);
        Assert.True(organisation.Active);

        var own = await api.WithKey(key).GetAsync($"/api/v1/organisations/{organisation.Id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.NotNull(own.Headers.ETag);
        var gemeenten = await api.WithKey(key).GetAsync("/api/v1/gemeenten?region=NML");
        Assert.Equal(HttpStatusCode.OK, gemeenten.StatusCode);
    }

    [Fact]
    public async Task CreatedOrganisationHasALocationHeader()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", Corporation("Locatie Wonen"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<OrganisationDto>(Json.Options);
        Assert.Equal($"/api/v1/organisations/{created!.Id}", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task AnOrganisationSeesOnlyItselfInTheList()
    {
        var (mine, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Eigen Wonen"));
        await api.CreateOrganisationWithKeyAsync(Corporation("Andere Wonen"));

        var page = await api.WithKey(key).GetFromJsonAsync<PagedList<OrganisationDto>>("/api/v1/organisations", Json.Options);

        Assert.Equal(mine.Id, Assert.Single(page!.Items).Id);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task AnotherOrganisationsRecordAnswers404()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Nieuwsgierig Wonen"));
        var (other, _) = await api.CreateOrganisationWithKeyAsync(Corporation("Prive Wonen"));

        var response = await api.WithKey(key).GetAsync($"/api/v1/organisations/{other.Id}");
        var keys = await api.WithKey(key).GetAsync($"/api/v1/organisations/{other.Id}/api-keys");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, keys.StatusCode);
    }

    [Fact]
    public async Task AKeyWithoutTheAdminRoleGets403OnAdminOperations()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Gewoon Wonen"));
        var client = api.WithKey(key);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/organisations", Corporation("Stiekem Wonen"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit-events")).StatusCode);
        var forbidden = await client.GetAsync("/api/v1/audit-events");
        Assert.Equal("forbidden", (await forbidden.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nml_unknown_key")]
    [InlineData("not-even-the-format")]
    public async Task AMissingOrUnknownKeyGets401ProblemDetails(string? key)
    {
        var client = key is null ? api.Anonymous() : api.WithKey(key);

        var response = await client.GetAsync("/api/v1/organisations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthenticated", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AKeyWithTheRightPrefixButWrongSecretGets401()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Prefix Wonen"));
        var tampered = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

        var response = await api.WithKey(tampered).GetAsync("/api/v1/organisations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Ingetrokken Wonen"));
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(key).GetAsync("/api/v1/organisations")).StatusCode);
        var keys = await api.Admin().GetFromJsonAsync<List<ApiKeyDto>>($"/api/v1/organisations/{organisation.Id}/api-keys", Json.Options);

        var revoke = await api.Admin().DeleteAsync($"/api/v1/organisations/{organisation.Id}/api-keys/{Assert.Single(keys!).Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.WithKey(key).GetAsync("/api/v1/organisations")).StatusCode);
        var after = await api.Admin().GetFromJsonAsync<List<ApiKeyDto>>($"/api/v1/organisations/{organisation.Id}/api-keys", Json.Options);
        Assert.NotNull(Assert.Single(after!).RevokedAt);
        Assert.False(after![0].Active);
    }

    [Fact]
    public async Task TwoActiveKeysAllowRotation()
    {
        var (organisation, oldKey) = await api.CreateOrganisationWithKeyAsync(Corporation("Roterend Wonen"));
        var issued = await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys", new { label = "nieuw" });
        var newKey = (await issued.Content.ReadFromJsonAsync<IssuedApiKeyDto>(Json.Options))!;

        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(oldKey).GetAsync("/api/v1/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(newKey.Key).GetAsync("/api/v1/organisations")).StatusCode);
        Assert.NotEqual(oldKey, newKey.Key);
    }

    [Fact]
    public async Task AnExpiredKeyGets401()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(Corporation("Verlopen Wonen"));
        var issued = await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys",
            new { label = "kort", expiresAt = api.Clock.GetUtcNow().AddDays(30) });
        var key = (await issued.Content.ReadFromJsonAsync<IssuedApiKeyDto>(Json.Options))!.Key;
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(key).GetAsync("/api/v1/organisations")).StatusCode);

        // Time only moves forward; no other test in this class depends on the date.
        api.Clock.Advance(TimeSpan.FromDays(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.WithKey(key).GetAsync("/api/v1/organisations")).StatusCode);
    }

    [Fact]
    public async Task KeyListingsNeverShowTheKeyButShowLastUse()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Geheim Wonen"));
        await api.WithKey(key).GetAsync("/api/v1/organisations");

        var response = await api.WithKey(key).GetAsync($"/api/v1/organisations/{organisation.Id}/api-keys");
        var text = await response.Content.ReadAsStringAsync();
        var listed = Assert.Single((await api.Admin().GetFromJsonAsync<List<ApiKeyDto>>($"/api/v1/organisations/{organisation.Id}/api-keys", Json.Options))!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(key, text);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"nml_{listed.Prefix}_", key);
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task ADeactivatedOrganisationsKeysStopWorking()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(Corporation("Gestopt Wonen"));

        var update = await api.Admin().PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}",
            new { name = organisation.Name, type = "Corporatie", regionCode = "NML", werkgebied = organisation.Werkgebied, active = false });

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.WithKey(key).GetAsync("/api/v1/organisations")).StatusCode);
    }

    [Fact]
    public async Task AnUpdateWithAStaleIfMatchGets412()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(Corporation("Versie Wonen"));
        var body = new { name = "Versie Wonen 2", type = "Corporatie", regionCode = "NML", werkgebied = organisation.Werkgebied, active = true };
        var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}") { Content = JsonContent.Create(body) };
        first.Headers.TryAddWithoutValidation("If-Match", $"\"{organisation.Version}\"");
        var firstResponse = await api.Admin().SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/organisations/{organisation.Id}") { Content = JsonContent.Create(body with { }) };
        second.Headers.TryAddWithoutValidation("If-Match", $"\"{organisation.Version}\"");
        var secondResponse = await api.Admin().SendAsync(second);

        Assert.Equal(HttpStatusCode.PreconditionFailed, secondResponse.StatusCode);
        Assert.Equal("precondition-failed", (await secondResponse.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheTypeOfAnOrganisationCannotChange()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(Corporation("Vast Wonen"));

        var response = await api.Admin().PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}",
            new { name = "Vast Wonen", type = "Zorgaanbieder", regionCode = "NML", werkgebied = organisation.Werkgebied, active = true });

        await AssertBadRequestNaming(response, "type");
    }

    [Fact]
    public async Task AGemeenteOrganisationNeedsItsMunicipality()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", new { name = "Gemeente Zonder", type = "Gemeente", regionCode = "NML" });
        await AssertBadRequestNaming(response, "gemeenteCode");
    }

    [Fact]
    public async Task AGemeenteOrganisationWorksInItsOwnMunicipality()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", new { name = "Gemeente Weert", type = "Gemeente", regionCode = "NML", gemeenteCode = "gm0988" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<OrganisationDto>(Json.Options);
        Assert.Equal("GM0988", created!.GemeenteCode);
        Assert.Equal(["GM0988"], created.Werkgebied);
    }

    [Fact]
    public async Task AMunicipalityOutsideTheRegionIsRefused()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations",
            new { name = "Grensganger", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0935" } });
        await AssertBadRequestNaming(response, "werkgebied[1]");
    }

    [Fact]
    public async Task AnUnknownMunicipalityIsRefused()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations",
            new { name = "Spookdorp", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM9999" } });
        await AssertBadRequestNaming(response, "werkgebied[0]");
    }

    [Fact]
    public async Task ACareProviderNeedsAWerkgebied()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", new { name = "Zwerver Zorg", type = "Zorgaanbieder", regionCode = "NML" });
        await AssertBadRequestNaming(response, "werkgebied");
    }

    [Fact]
    public async Task AnUnknownRegionIsRefused()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", new { name = "Elders", type = "Matchingspunt", regionCode = "XYZ" });
        await AssertBadRequestNaming(response, "regionCode");
    }

    [Fact]
    public async Task AMissingNameIsRefused()
    {
        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", new { type = "Matchingspunt", regionCode = "NML" });
        await AssertBadRequestNaming(response, "name");
    }

    [Fact]
    public async Task AnUnknownEnumValueIsABadRequestNamingTheField()
    {
        var response = await PostRaw("""{"name":"X","type":"Woningbouwvereniging","regionCode":"NML"}""");
        await AssertBadRequestNaming(response, "type");
    }

    [Fact]
    public async Task AWrongTypeIsABadRequestNamingTheField()
    {
        var response = await PostRaw("""{"name":"X","type":"Corporatie","regionCode":"NML","werkgebied":"GM0983"}""");
        await AssertBadRequestNaming(response, "werkgebied");
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        var response = await PostRaw("""{"name":"X","type":""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-json", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnUnknownPropertyIsABadRequestNamingIt()
    {
        var response = await PostRaw("""{"name":"X","type":"Matchingspunt","regionCode":"NML","regio":"NML"}""");
        await AssertBadRequestNaming(response, "regio");
    }

    [Fact]
    public async Task ANonJsonBodyIsRefusedWithoutA500()
    {
        var response = await api.Admin().PostAsync("/api/v1/organisations", new StringContent("name=X", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnIssuedKeyCannotExpireInThePast()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(Corporation("Verleden Wonen"));
        var response = await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys", new { expiresAt = api.Clock.GetUtcNow().AddDays(-1) });
        await AssertBadRequestNaming(response, "expiresAt");
    }

    [Fact]
    public async Task KeysOfAnUnknownOrganisationAnswer404()
    {
        var response = await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{Guid.NewGuid()}/api-keys", new { });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostRaw(string json) =>
        api.Admin().PostAsync("/api/v1/organisations", new StringContent(json, Encoding.UTF8, "application/json"));

    internal static async Task AssertBadRequestNaming(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected the errors to name '{field}': {text}");
    }
}
