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
/// Cliënt aanmelden and wijzigen in a real browser (issue 14, Zorgaanbieder): the form refuses with the Dutch message
/// next to the field and in the summary, the BSN guard explains itself, a double submit registers one client, the edit
/// form refuses a stale version and shows what changed, and another provider's client is "niet gevonden".
/// Expected values come from docs/registers.md and the issue.
/// </summary>
public sealed class ClientFormTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task AProviderRegistersAClientAfterARefusalAndSeesItInMijnClienten()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        // The start page leads to the provider's clients; with none, the list says what to do next.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mijn cliënten" })).ToHaveAttributeAsync("href", "/clienten");
        await page.GotoAsync("/clienten");
        await Assertions.Expect(page.GetByText("Nog geen cliënten aangemeld.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "importeer uw wachtlijst" })).ToHaveAttributeAsync("href", "/clienten/importeren");
        await session.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Meld een cliënt aan" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/clienten/aanmelden", StringComparison.Ordinal));
        await session.AssertAccessibleAsync();

        // First with a BSN as the reference (123456782 passes the elfproef): the guard explains itself.
        await ClientPages.FillValidFormAsync(page, "123456782");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cliënt aanmelden" }).ClickAsync();
        var reference = page.Locator("#veld-externalReference");
        await Assertions.Expect(reference).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#veld-externalReference-fout")).ToHaveTextAsync("Vul geen BSN in; gebruik uw eigen cliëntnummer.");
        var summaryLink = page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Vul geen BSN in; gebruik uw eigen cliëntnummer." });
        await Assertions.Expect(summaryLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/clienten/aanmelden#veld-externalReference$"));
        Assert.Empty(await ClientPages.WithReferenceAsync(portal, key, "123456782"));

        // Then three adults (the register allows 1-2): the handler's refusal, in Dutch, next to the field and in the summary.
        await reference.FillAsync("AANM-1");
        await page.GetByLabel("Volwassenen (verplicht)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cliënt aanmelden" }).ClickAsync();
        var adults = page.Locator("#veld-household-adults");
        await Assertions.Expect(adults).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#veld-household-adults-fout")).ToHaveTextAsync("Vul het aantal volwassenen in: 1 of 2.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Vul het aantal volwassenen in: 1 of 2." }))
            .ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/clienten/aanmelden#veld-household-adults$"));
        await Assertions.Expect(reference).Not.ToHaveAttributeAsync("aria-invalid", "true");
        // What was entered stays.
        await Assertions.Expect(reference).ToHaveValueAsync("AANM-1");
        await Assertions.Expect(page.GetByLabel("Maximale huur in euro (verplicht)")).ToHaveValueAsync("650,50");
        await session.AssertAccessibleAsync();
        Assert.Empty(await ClientPages.WithReferenceAsync(portal, key, "AANM-1"));

        // The summary's link takes the keyboard to the field.
        await page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = "Vul het aantal volwassenen in: 1 of 2." }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(adults).ToBeFocusedAsync();

        await adults.FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cliënt aanmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=aangemeld", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cliënt AANM-1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De cliënt is aangemeld.");
        await session.AssertAccessibleAsync();

        // Stored as entered, through the same handler the API uses.
        var stored = Assert.Single(await ClientPages.WithReferenceAsync(portal, key, "AANM-1"));
        Assert.Equal(provider, stored.ProviderOrganisationId);
        Assert.Equal("GM0983", stored.HerkomstGemeenteCode);
        Assert.Equal(650.50m, stored.MaxRent);
        Assert.Equal(["GM0983", "GM0984"], stored.PreferredGemeenten);
        Assert.Equal(["GM0957"], stored.ExcludedGemeenten);
        Assert.Equal(4, stored.SupportHoursPerWeek);
        Assert.True(stored.SupportGuaranteed);
        Assert.Equal(0, stored.RequiredBedrooms); // one adult, no children (docs/registers.md §1.3)

        // Mijn cliënten lists it: ready since 15 January 2026 with support guaranteed is uitstroom-gereed, 46 days on 2 March.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar Mijn cliënten" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/clienten", StringComparison.Ordinal));
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("AANM-1");
        await Assertions.Expect(rows.First.Locator("td").Nth(0)).ToHaveTextAsync("uitstroom-gereed");
        await Assertions.Expect(rows.First.Locator("td").Nth(1)).ToHaveTextAsync("15 januari 2026");
        await Assertions.Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync("46");
        await Assertions.Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync("Venlo");
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ADoubleSubmitRegistersOneClient()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);
        await page.GotoAsync("/clienten/aanmelden");
        await ClientPages.FillValidFormAsync(page, "DUBBEL-1");

        // Two posts of the same filled-in form at the same moment, as a double click sends them.
        var finalUrls = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const form = document.querySelector('[name="Input.ExternalReference"]').form;
              const post = () => fetch(location.href, { method: 'POST', body: new FormData(form), redirect: 'follow' });
              const answers = await Promise.all([post(), post()]);
              return answers.map(a => `${a.status} ${new URL(a.url).pathname}`);
            }
            """);

        // Both posts end on the one client's page.
        Assert.Equal(2, finalUrls.Length);
        Assert.True(finalUrls[0] == finalUrls[1], string.Join(" and ", finalUrls));
        var stored = Assert.Single(await ClientPages.WithReferenceAsync(portal, key, "DUBBEL-1"));
        Assert.Equal($"200 /clienten/{stored.Id}", finalUrls[0]);
        // Positive control: the same form with another reference registers a second client.
        await page.GetByLabel("Cliëntreferentie (verplicht)").FillAsync("DUBBEL-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cliënt aanmelden" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=aangemeld", StringComparison.Ordinal));
        Assert.Single(await ClientPages.WithReferenceAsync(portal, key, "DUBBEL-2"));
        Assert.Single(await ClientPages.WithReferenceAsync(portal, key, "DUBBEL-1"));

        // A different client under a reference that exists is refused, with a way to the existing one.
        await page.GotoAsync("/clienten/aanmelden");
        await ClientPages.FillValidFormAsync(page, "DUBBEL-1");
        await page.GetByLabel("Maximale huur in euro (verplicht)").FillAsync("700");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cliënt aanmelden" }).ClickAsync();
        await Assertions.Expect(page.Locator("#veld-externalReference-fout")).ToHaveTextAsync("U heeft al een cliënt met deze cliëntreferentie.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open de cliënt met deze cliëntreferentie" })).ToHaveAttributeAsync("href", $"/clienten/{stored.Id}");
        Assert.Single(await ClientPages.WithReferenceAsync(portal, key, "DUBBEL-1"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheEditFormRefusesAStaleVersionShowsWhatChangedAndSavesAfterReloading()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        var client = await ClientPages.RegisterAsync(portal, key, Payloads.Candidate(reference: "WIJZ-1"));
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        await page.GotoAsync($"/clienten/{client.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gegevens wijzigen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/wijzigen", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cliënt WIJZ-1 wijzigen");
        await Assertions.Expect(page.GetByLabel("Maximale huur in euro (verplicht)")).ToHaveValueAsync("650,50");
        await session.AssertAccessibleAsync();

        // A colleague changes the maximum rent through the API while the form is open.
        using (var api = ClientPages.Provider(portal, key))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidates/{client.Id}")
            {
                Content = JsonContent.Create(Payloads.Candidate(reference: "WIJZ-1").With("maxRent", 700m)),
            };
            put.Headers.TryAddWithoutValidation("If-Match", $"\"{client.Version.ToString(CultureInfo.InvariantCulture)}\"");
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(put)).StatusCode);
        }

        await page.GetByLabel("Begeleidingsuren per week").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        var warning = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Iemand anders heeft deze cliënt intussen gewijzigd" });
        await Assertions.Expect(warning).ToBeVisibleAsync();
        var rentRow = warning.GetByRole(AriaRole.Row).Filter(new() { HasText = "Maximale huur" });
        await Assertions.Expect(rentRow.Locator("td").Nth(0)).ToHaveTextAsync("€ 650,50");
        await Assertions.Expect(rentRow.Locator("td").Nth(1)).ToHaveTextAsync("€ 700,00");
        await session.AssertAccessibleAsync();
        // Nothing was overwritten.
        var after = await ClientPages.GetAsync(portal, key, client.Id);
        Assert.Equal(700m, after.MaxRent);
        Assert.Equal(4, after.SupportHoursPerWeek);

        // Reloading shows the colleague's change; the change made again is saved on top of it.
        await warning.GetByRole(AriaRole.Link, new() { Name = "Laad de huidige gegevens" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Maximale huur in euro (verplicht)")).ToHaveValueAsync("700,00");
        await page.GetByLabel("Begeleidingsuren per week").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("melding=gewijzigd", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("De gegevens zijn opgeslagen.");
        var saved = await ClientPages.GetAsync(portal, key, client.Id);
        Assert.Equal(700m, saved.MaxRent);
        Assert.Equal(8, saved.SupportHoursPerWeek);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonOfAnotherProviderWhoOpensAClientsDetailOrEditUrlGetsNietGevonden()
    {
        var (own, ownKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, otherKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var mine = await ClientPages.RegisterAsync(portal, ownKey, Payloads.Candidate(reference: "EIGEN-1"));
        var theirs = await ClientPages.RegisterAsync(portal, otherKey, Payloads.Candidate(reference: "ANDER-1"));

        foreach (var path in new[] { $"/clienten/{theirs.Id}", $"/clienten/{theirs.Id}/wijzigen" })
        {
            var person = await portal.CreatePersonAsync(own);
            await using var session = await portal.OpenAsync();
            await session.Page.SignInAsync(person);

            // Positive control: the person's own client opens, on both pages.
            var response = await session.Page.GotoAsync(path.Replace(theirs.Id.ToString(), mine.Id.ToString(), StringComparison.Ordinal));
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("EIGEN-1");

            response = await session.Page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("ANDER-1");
            await session.AssertAccessibleAsync();
            session.AssertNoErrors(documentStatus: 404);
        }
        Assert.Equal(CandidateStatus.Ready, (await ClientPages.GetAsync(portal, otherKey, theirs.Id)).Status);
    }
}
