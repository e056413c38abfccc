using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class RegionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task BothRegionsAreLoadedWithTheirPoints()
    {
        var page = await api.Admin().GetFromJsonAsync<PagedList<RegionDto>>("/api/v1/regions", Json.Options);

        Assert.NotNull(page);
        Assert.Equal(2, page.Total);
        var nml = Assert.Single(page.Items, r => r.Code == "NML");
        Assert.Equal(14, nml.GemeenteCount);
        Assert.Equal(["Midden", "Noord"], nml.Points.Select(p => p.Code));
        var mhl = Assert.Single(page.Items, r => r.Code == "MHL");
        Assert.Equal(6, mhl.GemeenteCount);
        Assert.Single(mhl.Points);
    }

    [Fact]
    public async Task AllTwentyMunicipalitiesAreListed()
    {
        var page = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten", Json.Options);

        Assert.NotNull(page);
        Assert.Equal(20, page.Total);
        Assert.Equal(20, page.Items.Count);
        Assert.Equal(page.Items.Select(g => g.Name).Order(StringComparer.Ordinal), page.Items.Select(g => g.Name));
    }

    [Fact]
    public async Task MunicipalitiesCanBeFilteredByRegionCaseInsensitively()
    {
        var page = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?region=nml", Json.Options);

        Assert.NotNull(page);
        Assert.Equal(14, page.Total);
        Assert.Equal(14, page.Items.Count);
        Assert.All(page.Items, g => Assert.Equal("NML", g.RegionCode));
        var venlo = Assert.Single(page.Items, g => g.Code == "GM0983");
        Assert.Equal("Venlo", venlo.Name);
        Assert.Equal("Noord", venlo.Point);
        Assert.Equal(103500, venlo.Population);
    }

    [Fact]
    public async Task MunicipalitiesCanBeFilteredByPoint()
    {
        var page = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?region=NML&point=midden", Json.Options);

        Assert.NotNull(page);
        Assert.Equal(7, page.Total);
        Assert.Equal(7, page.Items.Count);
        Assert.All(page.Items, g => Assert.Equal("Midden", g.Point));
    }

    [Fact]
    public async Task CodesAreCaseInsensitiveOnInputAndUpperCaseOnOutput()
    {
        var region = await api.Admin().GetFromJsonAsync<RegionDto>("/api/v1/regions/mhl", Json.Options);
        var gemeente = await api.Admin().GetFromJsonAsync<GemeenteDto>("/api/v1/gemeenten/gm0935", Json.Options);

        Assert.Equal("MHL", region!.Code);
        Assert.Equal("GM0935", gemeente!.Code);
        Assert.Equal("Maastricht", gemeente.Name);
    }

    [Theory]
    [InlineData("/api/v1/regions/XYZ")]
    [InlineData("/api/v1/gemeenten/GM9999")]
    public async Task UnknownCodesAnswer404ProblemDetails(string path)
    {
        var response = await api.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not-found", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnUnknownRegionFilterIsABadRequestNamingTheField()
    {
        var response = await api.Admin().GetAsync("/api/v1/gemeenten?region=XYZ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("region", out _));
    }

    [Fact]
    public async Task PagesAreStableAndBounded()
    {
        var first = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?page=1&pageSize=8", Json.Options);
        var third = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?page=3&pageSize=8", Json.Options);
        var all = await api.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?pageSize=200", Json.Options);

        Assert.Equal(8, first!.Items.Count);
        Assert.Equal(4, third!.Items.Count);
        Assert.Equal(all!.Items.Take(8).Select(g => g.Code), first.Items.Select(g => g.Code));
        Assert.Equal(all.Items.Skip(16).Select(g => g.Code), third.Items.Select(g => g.Code));
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    public async Task PagingOutsideItsBoundsIsABadRequestNamingTheField(string query, string field)
    {
        var response = await api.Admin().GetAsync($"/api/v1/gemeenten?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task ReferenceDataNeedsAKey()
    {
        var response = await api.Anonymous().GetAsync("/api/v1/gemeenten");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
