using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Demo;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class DemoDataTests(DemoApiFactory api) : IClassFixture<DemoApiFactory>
{
    [Fact]
    public async Task DemoHasAMatchingspuntPerPointAGemeentePerMunicipalityAndSeveralCorporationsAndProviders()
    {
        var page = await api.Admin().GetFromJsonAsync<PagedList<OrganisationDto>>("/api/v1/organisations?pageSize=200", Json.Options);
        var organisations = page!.Items;

        Assert.Equal(3, organisations.Count(o => o.Type == Domain.Organisations.OrganisationType.Matchingspunt));
        Assert.Equal(20, organisations.Count(o => o.Type == Domain.Organisations.OrganisationType.Gemeente));
        Assert.True(organisations.Count(o => o.Type == Domain.Organisations.OrganisationType.Corporatie) >= 3);
        Assert.True(organisations.Count(o => o.Type == Domain.Organisations.OrganisationType.Zorgaanbieder) >= 3);
    }

    [Theory]
    [InlineData("nml_mpnoord_demo")]
    [InlineData("nml_maasvallei_demo")]
    [InlineData("nml_horizon_demo")]
    [InlineData("nml_gm0983_demo")]
    public async Task EachDemoKeyWorks(string key)
    {
        var response = await api.WithKey(key).GetAsync("/api/v1/organisations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoadingTheDemoTwiceChangesNothing()
    {
        var before = (await api.Admin().GetFromJsonAsync<PagedList<OrganisationDto>>("/api/v1/organisations?pageSize=200", Json.Options))!.Total;
        using (var scope = api.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
        }
        var after = (await api.Admin().GetFromJsonAsync<PagedList<OrganisationDto>>("/api/v1/organisations?pageSize=200", Json.Options))!.Total;

        Assert.Equal(before, after);
    }

    [Fact]
    public void TheReadmeAndRunLocalListEveryNamedDemoKey()
    {
        var root = OpenApiContractTests.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var runLocal = File.ReadAllText(Path.Combine(root, "deploy", "run-local.sh"));

        Assert.All(DemoData.Organisations, demo =>
        {
            Assert.Contains(demo.Key, readme);
            Assert.Contains(demo.Key, runLocal);
        });
    }
}
