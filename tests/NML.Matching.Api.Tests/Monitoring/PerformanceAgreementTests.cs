using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Agreements;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>Performance agreements on the <see cref="MonitoringDataset"/>; tests that write use years after 2026.</summary>
public sealed class PerformanceAgreementTests(MonitoringDataset data) : IClassFixture<MonitoringDataset>
{
    private const string Agreements = "/api/v1/performance-agreements";

    private async Task<PerformanceAgreementDto> GetAsync(string key, Guid id) =>
        (await data.WithKey(key).GetFromJsonAsync<PerformanceAgreementDto>($"{Agreements}/{id}", Json.Options))!;

    [Fact]
    public async Task AnAgreementShowsItsProgressAgainstThePartOfTheYearThatHasPassed()
    {
        // Today is 2026-10-01, day 274 of 365: 10 × 274 / 365 = 7.5 expected; six tenancies of Wonen Maas started in Venlo.
        var venlo = await GetAsync(data.Venlo, data.AgreementVenlo);

        Assert.Equal((6, 60.0, 7.5, AgreementStatus.Behind), (venlo.RealisedUnits, venlo.Percentage, venlo.ExpectedByNow, venlo.Status));
        Assert.Equal(("Wonen Maas", "Venlo", 2026, 10, "Afspraak"), (venlo.CorporationName, venlo.GemeenteName, venlo.Year, venlo.TargetUnits, venlo.Note));
        // Beesel's tenancy of Wonen Maas does not count for Venlo; Roermond's two reach its target.
        var roermond = await GetAsync(data.Matchingspunt, data.AgreementRoermond);
        Assert.Equal((2, 100.0, AgreementStatus.Met), (roermond.RealisedUnits, roermond.Percentage, roermond.Status));
    }

    [Fact]
    public async Task EachPartySeesOnlyTheAgreementsItIsPartyTo()
    {
        async Task<List<Guid>> ListAsync(string key) =>
            [.. (await data.WithKey(key).GetFromJsonAsync<PagedList<PerformanceAgreementDto>>($"{Agreements}?year=2026", Json.Options))!.Items.Select(a => a.Id)];

        Assert.Equal([data.AgreementVenlo], await ListAsync(data.Venlo));
        Assert.Equal([data.AgreementRoermond], await ListAsync(data.Roermond));
        Assert.Equal([data.AgreementVenlo], await ListAsync(data.CorporationA));
        Assert.Equal([data.AgreementRoermond], await ListAsync(data.CorporationB));
        Assert.Equal(new[] { data.AgreementRoermond, data.AgreementVenlo }.Select(g => g.ToString()).Order().ToList(), (await ListAsync(data.Matchingspunt)).Select(g => g.ToString()).Order().ToList());
        Assert.Empty(await ListAsync(data.MatchingspuntMhl));
        Assert.Equal(HttpStatusCode.NotFound, (await data.WithKey(data.Roermond).GetAsync($"{Agreements}/{data.AgreementVenlo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await data.WithKey(data.CorporationB).GetAsync($"{Agreements}/{data.AgreementVenlo}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await data.WithKey(data.Provider).GetAsync(Agreements)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await data.Admin().GetAsync($"{Agreements}/{data.AgreementVenlo}")).StatusCode);
    }

    [Fact]
    public async Task AgreementsFilterByYearMunicipalityAndCorporation()
    {
        var mp = data.WithKey(data.Matchingspunt);
        async Task<List<Guid>> ListAsync(string query) =>
            [.. (await mp.GetFromJsonAsync<PagedList<PerformanceAgreementDto>>($"{Agreements}?{query}", Json.Options))!.Items.Select(a => a.Id)];

        Assert.Equal([data.AgreementVenlo], await ListAsync("year=2026&gemeente=GM0983"));
        Assert.Equal([data.AgreementRoermond], await ListAsync($"year=2026&corporation={data.CorporationBId}"));
        Assert.Empty(await ListAsync("year=2021"));
        await OrganisationTests.AssertBadRequestNaming(await mp.GetAsync($"{Agreements}?year=1999"), "year");
        await OrganisationTests.AssertBadRequestNaming(await mp.GetAsync($"{Agreements}?gemeente=Venlo"), "gemeente");
    }

    [Fact]
    public async Task AMunicipalityRecordsAgreementsForItselfOnlyAndOnePerCorporationAndYear()
    {
        var venlo = data.WithKey(data.Venlo);
        var created = await venlo.PostAsJsonAsync(Agreements, new { corporationId = data.CorporationAId, gemeenteCode = "gm0983", year = 2027, targetUnits = 4 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = (await created.Content.ReadFromJsonAsync<PerformanceAgreementDto>(Json.Options))!;
        Assert.Equal(("GM0983", 0, 0.0, AgreementStatus.OnTrack), (agreement.GemeenteCode, agreement.RealisedUnits, agreement.ExpectedByNow, agreement.Status));
        Assert.NotNull(created.Headers.ETag);
        Assert.EndsWith($"{Agreements}/{agreement.Id}", created.Headers.Location!.ToString());

        var again = await data.WithKey(data.Matchingspunt).PostAsJsonAsync(Agreements, new { corporationId = data.CorporationAId, gemeenteCode = "GM0983", year = 2027, targetUnits = 5 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("agreement-exists", (await again.ReadJsonAsync()).GetProperty("code").GetString());

        var other = await venlo.PostAsJsonAsync(Agreements, new { corporationId = data.CorporationBId, gemeenteCode = "GM0957", year = 2027, targetUnits = 4 });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("not-own-gemeente", (await other.ReadJsonAsync()).GetProperty("code").GetString());
        var elsewhere = await data.WithKey(data.MatchingspuntMhl).PostAsJsonAsync(Agreements, new { corporationId = data.CorporationBId, gemeenteCode = "GM0957", year = 2027, targetUnits = 4 });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        foreach (var key in new[] { data.CorporationA, data.Provider })
        {
            var response = await data.WithKey(key).PostAsJsonAsync(Agreements, new { corporationId = data.CorporationAId, gemeenteCode = "GM0983", year = 2028, targetUnits = 4 });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("""{"gemeenteCode":"GM0983","year":2029,"targetUnits":3}""", "corporationId")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"GM0983","year":2029,"targetUnits":0}""", "targetUnits")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"GM0983","year":2019,"targetUnits":3}""", "year")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"Venlo","year":2029,"targetUnits":3}""", "gemeenteCode")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"GM9999","year":2029,"targetUnits":3}""", "gemeenteCode")]
    [InlineData("""{"corporationId":"PROV","gemeenteCode":"GM0983","year":2029,"targetUnits":3}""", "corporationId")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"GM0983","year":2029,"targetUnits":"veel"}""", "targetUnits")]
    [InlineData("""{"corporationId":"CORP","gemeenteCode":"GM0983","year":2029,"targetUnits":3,"extra":1}""", "extra")]
    public async Task ABadAgreementIsABadRequestNamingTheField(string body, string field)
    {
        var providerId = (await data.WithKey(data.Provider).GetFromJsonAsync<Features.Organisations.GetCurrentCaller.CallerDto>("/api/v1/me", Json.Options))!.OrganisationId;
        var json = body.Replace("CORP", data.CorporationAId.ToString(), StringComparison.Ordinal).Replace("PROV", providerId.ToString(), StringComparison.Ordinal);

        var response = await data.WithKey(data.Matchingspunt).PostAsync(Agreements, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    [Fact]
    public async Task TheTargetAndNoteChangeButThePartiesAndYearDoNot()
    {
        var agreement = await MonitoringDataset.CreateAgreementAsync(data.WithKey(data.Roermond), data.CorporationBId, "GM0957", 2030, 3);
        var roermond = data.WithKey(data.Roermond);

        var changed = await roermond.PutAsJsonAsync($"{Agreements}/{agreement.Id}", new { targetUnits = 5, note = "Bijgesteld" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = (await changed.Content.ReadFromJsonAsync<PerformanceAgreementDto>(Json.Options))!;
        Assert.Equal((5, "Bijgesteld"), (body.TargetUnits, body.Note));

        await OrganisationTests.AssertBadRequestNaming(await roermond.PutAsJsonAsync($"{Agreements}/{agreement.Id}", new { year = 2031, targetUnits = 5 }), "year");
        var stale = new HttpRequestMessage(HttpMethod.Put, $"{Agreements}/{agreement.Id}") { Content = JsonContent.Create(new { targetUnits = 6 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{agreement.Version}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await roermond.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await data.WithKey(data.CorporationB).PutAsJsonAsync($"{Agreements}/{agreement.Id}", new { targetUnits = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await data.WithKey(data.Venlo).PutAsJsonAsync($"{Agreements}/{agreement.Id}", new { targetUnits = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await data.WithKey(data.Matchingspunt).PutAsJsonAsync($"{Agreements}/{agreement.Id}", new { targetUnits = 7 })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await data.WithKey(data.Venlo).DeleteAsync($"{Agreements}/{agreement.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await roermond.DeleteAsync($"{Agreements}/{agreement.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await roermond.GetAsync($"{Agreements}/{agreement.Id}")).StatusCode);
        var audit = await data.Admin().GetStringAsync($"/api/v1/audit-events?entityId={agreement.Id}");
        Assert.Contains("performance-agreement.created", audit);
        Assert.Contains("performance-agreement.updated", audit);
        Assert.Contains("performance-agreement.deleted", audit);
    }
}
