using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Demo;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Features.Units;
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

    [Theory]
    [InlineData("demo+maasvallei@nml-matching.test", "nml_maasvallei_demo")]
    [InlineData("demo+gm0983@nml-matching.test", "nml_gm0983_demo")]
    [InlineData("demo+mpnoord@nml-matching.test", "nml_mpnoord_demo")]
    [InlineData("demo+horizon@nml-matching.test", "nml_horizon_demo")]
    [InlineData("demo+admin@nml-matching.test", null)]
    public async Task EachDemoPersonSignsInWithTheDemoPasswordAsTheDemoKeysOrganisation(string email, string? key)
    {
        // Issue 13, "Demo and documentation": the addresses and the password as the README lists them.
        using var scope = api.Services.CreateScope();
        var people = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<NML.Matching.Api.Persistence.Records.Person>>();
        var person = await people.FindByEmailAsync(email);

        Assert.NotNull(person);
        Assert.True(await people.CheckPasswordAsync(person, "Demo-wachtwoord-2026"));
        Assert.False(await people.CheckPasswordAsync(person, "Demo-wachtwoord-2025"));
        Assert.True(person.IsActive);
        if (key is null)
        {
            Assert.True(person.IsServiceAdmin);
        }
        else
        {
            var organisation = await api.WithKey(key).GetFromJsonAsync<GetCurrentCaller.CallerDto>("/api/v1/me", Json.Options);
            Assert.Equal(organisation!.OrganisationId, person.OrganisationId);
        }
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
    public async Task TheDemoQueueFollowsTheBwClientsPerMunicipality()
    {
        var first = await api.Admin().GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates?pageSize=200", Json.Options);
        var second = await api.Admin().GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates?pageSize=200&page=2", Json.Options);
        var all = first!.Items.Concat(second!.Items).ToList();
        // The history of the last two years adds the people it housed.
        var page = first with { Items = [.. all.Where(c => c.ExternalReference.StartsWith("DEMO-", StringComparison.Ordinal) && int.Parse(c.ExternalReference[^4..], System.Globalization.CultureInfo.InvariantCulture) < 1000)] };
        var byGemeente = page.Items.GroupBy(c => c.HerkomstGemeenteCode).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(DemoRegisters.CandidateCount + DemoHistory.PlacementCount, first.Total);
        Assert.Equal(DemoRegisters.CandidateCount, page.Items.Count);
        Assert.Equal(DemoHistory.PlacementCount, all.Count(c => c.Status == Domain.Candidates.CandidateStatus.Housed) - DemoWorkflow.Plan.Single(p => p.Status == Domain.Matches.MatchStatus.Contracted).Count);
        Assert.Equal("GM0983", byGemeente.MaxBy(kv => kv.Value).Key); // Venlo had 253 of 865 BW clients in 2020
        Assert.True(byGemeente["GM0988"] > byGemeente["GM0889"]); // Weert (139) above Beesel (7)
        Assert.Contains(page.Items, c => c.Status == Domain.Candidates.CandidateStatus.Ready);
        Assert.Contains(page.Items, c => c.Status == Domain.Candidates.CandidateStatus.Parked);
        Assert.Contains(page.Items, c => c.PrikkelarmNeed == Domain.Candidates.PrikkelarmNeed.Required);
        Assert.Contains(page.Items, c => c.Household.Children > 0);
    }

    [Fact]
    public async Task TheDemoSupplyIsSpreadOverEveryMunicipalityAndOwnerKind()
    {
        var all = await api.Admin().GetFromJsonAsync<PagedList<UnitDto>>("/api/v1/units?pageSize=200", Json.Options);
        var providers = DemoData.Organisations.Where(o => o.Type == Domain.Organisations.OrganisationType.Zorgaanbieder).Select(o => DemoData.StableId(o.Key)).ToHashSet();
        var page = all! with { Items = [.. all.Items.Where(u => u.Reference.Split('-')[2].Length == 3)] };

        Assert.Equal(DemoRegisters.UnitCount + DemoHistory.PlacementCount, all.Total);
        Assert.Equal(DemoRegisters.UnitCount, page.Items.Count);
        Assert.Equal(14, page.Items.Select(u => u.GemeenteCode).Distinct().Count());
        Assert.Contains(page.Items, u => providers.Contains(u.OwnerOrganisationId));
        Assert.Contains(page.Items, u => u.PrikkelarmLevel >= 2);
        Assert.Contains(page.Items, u => u.SupportOnSite == Domain.Registers.SupportOnSite.TwentyFourSeven);
    }

    [Fact]
    public async Task ADemoProviderSeesOnlyItsOwnClients()
    {
        var page = await api.WithKey("nml_overstap_demo").GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates?pageSize=200", Json.Options);
        var overstap = DemoData.StableId("nml_overstap_demo");

        Assert.NotEmpty(page!.Items);
        Assert.All(page.Items, c => Assert.Equal(overstap, c.ProviderOrganisationId));
    }

    [Fact]
    public async Task ADryRoundOnTheDemoRegionGivesSensibleProposals()
    {
        var response = await api.WithKey("nml_mpnoord_demo").PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(round.Proposals.Count >= 20, $"only {round.Proposals.Count} proposals from {round.CandidateCount} candidates and {round.UnitCount} units");
        Assert.True(round.TotalScore >= round.GreedyTotalScore);
        Assert.All(round.Proposals, p => Assert.InRange(p.Score, 30, 100));
        Assert.Equal(round.CandidateCount - round.Proposals.Count, round.UnassignedCandidates.Count);
        Assert.Contains(round.UnassignedCandidates, u => u.Reason == "outscored" || u.Reason == "no-eligible-unit");
    }

    [Fact]
    public async Task TheDemoHasMatchesInEveryStateAndTenanciesWithFollowUps()
    {
        var matches = await api.Admin().GetFromJsonAsync<PagedList<Features.Matches.MatchDto>>("/api/v1/matches?pageSize=200", Json.Options);
        var tenancies = await api.Admin().GetFromJsonAsync<PagedList<Features.Tenancies.TenancyDto>>("/api/v1/tenancies?pageSize=200", Json.Options);

        foreach (var (status, _) in DemoWorkflow.Plan) Assert.Contains(matches!.Items, m => m.Status == status);
        Assert.NotEmpty(tenancies!.Items);
        Assert.Contains(tenancies.Items, t => t.FollowUps.Any(f => f.RecordedAt is not null));
        Assert.Contains(tenancies.Items, t => t.ContractForm == Domain.Registers.ContractForm.Omklap);
    }

    [Fact]
    public async Task TheDemoHistoryGivesMonitoringTwoYearsOfPlacementsAndThisYearsAgreements()
    {
        var today = api.Clock.GetUtcNow();
        var from = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(-3 * DemoHistory.Quarters);
        var spreiding = await api.WithKey("nml_mpnoord_demo").GetFromJsonAsync<Features.Monitoring.SpreidingDto>(
            $"/api/v1/monitoring/spreiding?from={from:yyyy-MM-dd}", Json.Options);
        var agreements = await api.WithKey("nml_gm0983_demo").GetFromJsonAsync<PagedList<Features.PerformanceAgreements.PerformanceAgreementDto>>(
            $"/api/v1/performance-agreements?year={today.Year}", Json.Options);

        Assert.True(spreiding!.TotalPlacements.Value >= DemoHistory.PlacementCount);
        Assert.True(spreiding.ByQuarter.Count >= DemoHistory.Quarters, $"only {spreiding.ByQuarter.Count} quarters");
        Assert.All(spreiding.ByQuarter.Take(DemoHistory.Quarters), q => Assert.True(q.Placements.Value >= 6));
        Assert.NotEmpty(agreements!.Items);
        Assert.All(agreements.Items, a => Assert.Equal("GM0983", a.GemeenteCode));
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
