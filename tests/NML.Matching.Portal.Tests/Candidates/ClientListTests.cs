using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Candidates;

/// <summary>
/// Mijn cliënten and a client's page in a real browser (issue 14, Zorgaanbieder): filters, search, sorting and paging
/// live in the query string and work without JavaScript; parking, unparking and withdrawing take a reason.
/// The fixture's clock stands on 2 March 2026.
/// </summary>
public sealed class ClientListTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>27 clients LIJST-01 .. LIJST-27, ready one day apart from 1 January 2026; the first five from Roermond, the rest from Venlo; every third needs intensive support; LIJST-05 is parked.</summary>
    private async Task<(Guid Provider, string Key)> ProviderWithClientsAsync()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        using var api = ClientPages.Provider(portal, key);
        for (var i = 1; i <= 27; i++)
        {
            var body = Payloads.Candidate(herkomst: i <= 5 ? "GM0957" : "GM0983", reference: $"LIJST-{i:D2}")
                .With("readySince", new DateOnly(2026, 1, 1).AddDays(i - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .With("supportNeed", i % 3 == 0 ? "Intensief" : "Licht");
            var client = await api.RegisterCandidateAsync(body);
            if (i == 5)
            {
                var park = await api.PostAsJsonAsync($"/api/v1/candidates/{client.Id}/park", new { until = "2026-04-01", reason = "Opname" });
                Assert.Equal(HttpStatusCode.OK, park.StatusCode);
            }
        }
        return (provider, key);
    }

    private static ILocator Rows(IPage page) => page.GetByRole(AriaRole.Table).Locator("tbody tr");

    [Fact]
    public async Task FiltersSearchSortAndPagingLiveInTheQueryString()
    {
        var (provider, _) = await ProviderWithClientsAsync();
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        await page.GotoAsync("/clienten");
        // Longest ready first (docs/registers.md §6), 25 to a page.
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Cliënten (27)");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(25);
        await Assertions.Expect(Rows(page).First.Locator("th")).ToHaveTextAsync("LIJST-01");
        await Assertions.Expect(page.GetByText("Pagina 1 van 2")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Wachtlijst importeren" })).ToHaveAttributeAsync("href", "/clienten/importeren");
        await session.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("Pagina 2 van 2")).ToBeVisibleAsync();
        await Assertions.Expect(Rows(page).Last.Locator("th")).ToHaveTextAsync("LIJST-27");

        // Sorting by the reference, descending on the second click; the column says how it is sorted.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cliëntreferentie" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sort=externalReference", StringComparison.Ordinal) && !url.Contains("page=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Cliëntreferentie" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cliëntreferentie" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sort=-externalReference", StringComparison.Ordinal));
        await Assertions.Expect(Rows(page).First.Locator("th")).ToHaveTextAsync("LIJST-27");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Cliëntreferentie" })).ToHaveAttributeAsync("aria-sort", "descending");

        // A filter from the form keeps the sort and lands in the address.
        await page.GetByLabel("Herkomstgemeente").SelectOptionAsync(new SelectOptionValue { Label = "Roermond" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("herkomstGemeente=GM0957", StringComparison.Ordinal));
        Assert.Contains("sort=-externalReference", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(5);
        await Assertions.Expect(Rows(page).First.Locator("th")).ToHaveTextAsync("LIJST-05");
        await Assertions.Expect(Rows(page).First.Locator("td").Nth(0)).ToHaveTextAsync("geparkeerd");
        await session.AssertAccessibleAsync();

        // Each address is a bookmark: opened directly, it shows the same view.
        await page.GotoAsync("/clienten?reference=lijst-1");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(10); // LIJST-10 .. LIJST-19
        await Assertions.Expect(page.GetByLabel("Cliëntreferentie")).ToHaveValueAsync("lijst-1");
        await page.GotoAsync("/clienten?status=Parked");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
        await page.GotoAsync("/clienten?supportNeed=Intensief&herkomstGemeente=GM0983");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(8); // 6, 9, ..., 24, 27
        await Assertions.Expect(page.GetByLabel("Begeleidingsbehoefte")).ToHaveValueAsync("Intensief");
        await page.GotoAsync("/clienten?prikkelarmNeed=Required");
        await Assertions.Expect(page.GetByText("Geen cliënten gevonden met deze filters.")).ToBeVisibleAsync();
        await page.GotoAsync("/clienten?status=nergens");
        await Assertions.Expect(page.Locator("#veld-status")).ToHaveAttributeAsync("aria-invalid", "true");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task WithoutJavaScriptTheListFiltersSortsAndPages()
    {
        var (provider, _) = await ProviderWithClientsAsync();
        var person = await portal.CreatePersonAsync(provider);
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = false,
            Locale = "nl-NL",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.SignInAsync(person);

        await page.GotoAsync("/clienten");
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(25);
        await page.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);

        await page.GetByLabel("Cliëntreferentie").FillAsync("LIJST-2");
        await page.GetByLabel("Begeleidingsbehoefte").SelectOptionAsync(new SelectOptionValue { Label = "intensief" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("reference=LIJST-2", StringComparison.Ordinal) && url.Contains("supportNeed=Intensief", StringComparison.Ordinal));
        await Assertions.Expect(Rows(page)).ToHaveCountAsync(3); // LIJST-21, 24, 27
        await page.GetByRole(AriaRole.Link, new() { Name = "Uitstroom-gereed sinds" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("sort=-readySince", StringComparison.Ordinal));
        await Assertions.Expect(Rows(page).First.Locator("th")).ToHaveTextAsync("LIJST-27");
        Assert.Contains("reference=LIJST-2", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProviderParksUnparksAndWithdrawsAClientWithAReason()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var client = await ClientPages.RegisterAsync(portal, key, Payloads.Candidate(reference: "PARK-1"));
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        await page.GotoAsync("/clienten");
        await page.GetByRole(AriaRole.Link, new() { Name = "PARK-1" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/clienten/{client.Id}", StringComparison.Ordinal));
        var facts = page.Locator("dl.portal-facts");
        await Assertions.Expect(facts).ToContainTextAsync("uitstroom-gereed");
        await session.AssertAccessibleAsync();

        // Parking needs a reason: refused without one, next to the field.
        await page.GetByLabel("Geparkeerd tot").FillAsync("2026-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Parkeren", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#veld-park-reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#veld-park-reason-fout")).ToHaveTextAsync("Vul een reden in van hoogstens 200 tekens.");
        await session.AssertAccessibleAsync();
        Assert.Equal(CandidateStatus.Ready, (await ClientPages.GetAsync(portal, key, client.Id)).Status);

        await page.GetByLabel("Reden van parkeren").FillAsync("Tijdelijke opname");
        await page.GetByRole(AriaRole.Button, new() { Name = "Parkeren", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=geparkeerd", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De cliënt is geparkeerd.");
        await Assertions.Expect(facts).ToContainTextAsync("geparkeerd");
        await Assertions.Expect(facts).ToContainTextAsync("1 april 2026");
        await Assertions.Expect(facts).ToContainTextAsync("Tijdelijke opname");
        var parked = await ClientPages.GetAsync(portal, key, client.Id);
        Assert.Equal(CandidateStatus.Parked, parked.Status);
        Assert.Equal(new DateOnly(2026, 4, 1), parked.ParkedUntil);
        Assert.Equal("Tijdelijke opname", parked.ParkReason);
        await session.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Parkeren beëindigen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=teruggezet", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De cliënt doet weer mee.");
        Assert.Equal(CandidateStatus.Ready, (await ClientPages.GetAsync(portal, key, client.Id)).Status);

        // A BSN in the reason is refused before anything is stored.
        await page.GetByLabel("Reden van terugtrekken").FillAsync("cliënt 123456782 verhuisd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terugtrekken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#veld-withdraw-reason-fout")).ToHaveTextAsync("Vul geen BSN in; gebruik uw eigen cliëntnummer.");
        Assert.Equal(CandidateStatus.Ready, (await ClientPages.GetAsync(portal, key, client.Id)).Status);

        await page.GetByLabel("Reden van terugtrekken").FillAsync("Verhuisd buiten de regio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Terugtrekken", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=teruggetrokken", StringComparison.Ordinal));
        await Assertions.Expect(facts).ToContainTextAsync("teruggetrokken");
        await Assertions.Expect(facts).ToContainTextAsync("Verhuisd buiten de regio");
        // Withdrawal is final: no more forms, no edit link.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Parkeren", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Terugtrekken", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gegevens wijzigen" })).ToHaveCountAsync(0);
        var withdrawn = await ClientPages.GetAsync(portal, key, client.Id);
        Assert.Equal(CandidateStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("Verhuisd buiten de regio", withdrawn.WithdrawReason);
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }
}
