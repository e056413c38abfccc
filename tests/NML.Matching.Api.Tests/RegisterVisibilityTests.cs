using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The visibility table of the registers, for every role against both resource kinds, by id and in lists.
/// A candidate of provider A from Venlo, and a unit of corporation A in Venlo, both in region NML.
/// </summary>
public sealed class RegisterVisibilityTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;
    private CandidateDto _candidate = null!;
    private UnitDto _unit = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        _unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, bool> CandidateReaders() => new()
    {
        { "providerA", true },
        { "providerB", false },
        { "corporationA", false },
        { "gemeenteVenlo", true },
        { "gemeenteRoermond", false },
        { "matchingspuntNml", true },
        { "matchingspuntMhl", false },
        { "admin", true },
    };

    [Theory]
    [MemberData(nameof(CandidateReaders))]
    public async Task ACandidateIsVisibleOnlyToItsProviderItsGemeenteItsMatchingspuntAndAdmin(string who, bool sees)
    {
        var client = Client(who);

        var byId = await client.GetAsync($"/api/v1/candidates/{_candidate.Id}");
        var list = await client.GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates?pageSize=200", Json.Options);

        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(sees, list!.Items.Any(c => c.Id == _candidate.Id));
    }

    public static TheoryData<string, bool> UnitReaders() => new()
    {
        { "providerA", false },
        { "corporationA", true },
        { "corporationB", false },
        { "gemeenteVenlo", true },
        { "gemeenteRoermond", false },
        { "matchingspuntNml", true },
        { "matchingspuntMhl", false },
        { "admin", true },
    };

    [Theory]
    [MemberData(nameof(UnitReaders))]
    public async Task AUnitIsVisibleOnlyToItsOwnerItsGemeenteItsMatchingspuntAndAdmin(string who, bool sees)
    {
        var client = Client(who);

        var byId = await client.GetAsync($"/api/v1/units/{_unit.Id}");
        var list = await client.GetFromJsonAsync<PagedList<UnitDto>>("/api/v1/units?pageSize=200", Json.Options);

        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(sees, list!.Items.Any(u => u.Id == _unit.Id));
    }

    public static TheoryData<string, HttpStatusCode> CandidateWriters() => new()
    {
        { "providerA", HttpStatusCode.OK },
        { "providerB", HttpStatusCode.NotFound },
        { "corporationA", HttpStatusCode.Forbidden },
        { "gemeenteVenlo", HttpStatusCode.Forbidden },
        { "matchingspuntNml", HttpStatusCode.Forbidden },
        { "admin", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(CandidateWriters))]
    public async Task OnlyTheProviderAndAdminChangeACandidate(string who, HttpStatusCode expected)
    {
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync();

        var response = await Client(who).PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = "2026-12-01", reason = "Test" });

        Assert.Equal(expected, response.StatusCode);
    }

    public static TheoryData<string, HttpStatusCode> UnitWriters() => new()
    {
        { "corporationA", HttpStatusCode.OK },
        { "corporationB", HttpStatusCode.NotFound },
        { "providerA", HttpStatusCode.NotFound },
        { "gemeenteVenlo", HttpStatusCode.Forbidden },
        { "matchingspuntNml", HttpStatusCode.Forbidden },
        { "admin", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(UnitWriters))]
    public async Task OnlyTheOwnerAndAdminChangeAUnit(string who, HttpStatusCode expected)
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();

        var response = await Client(who).PostAsJsonAsync($"/api/v1/units/{unit.Id}/withdraw", new { reason = "Test" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("corporationA")]
    [InlineData("gemeenteVenlo")]
    [InlineData("matchingspuntNml")]
    [InlineData("admin")]
    public async Task OnlyACareProviderRegistersCandidates(string who)
    {
        var response = await Client(who).PostAsJsonAsync("/api/v1/candidates", Payloads.Candidate());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("gemeenteVenlo")]
    [InlineData("matchingspuntNml")]
    [InlineData("admin")]
    public async Task OnlyCorporationsAndProvidersPostUnits(string who)
    {
        var response = await Client(who).PostAsJsonAsync("/api/v1/units", Payloads.Unit());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyNothingIsVisible()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync($"/api/v1/candidates/{_candidate.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/v1/units")).StatusCode);
    }

    private HttpClient Client(string who) => who switch
    {
        "providerA" => api.WithKey(_cast.ProviderA),
        "providerB" => api.WithKey(_cast.ProviderB),
        "corporationA" => api.WithKey(_cast.CorporationA),
        "corporationB" => api.WithKey(_cast.CorporationB),
        "gemeenteVenlo" => api.WithKey(_cast.GemeenteVenlo),
        "gemeenteRoermond" => api.WithKey(_cast.GemeenteRoermond),
        "matchingspuntNml" => api.WithKey(_cast.MatchingspuntNml),
        "matchingspuntMhl" => api.WithKey(_cast.MatchingspuntMhl),
        "admin" => api.Admin(),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}
