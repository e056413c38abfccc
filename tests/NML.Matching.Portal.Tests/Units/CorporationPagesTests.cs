using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Units;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Units;

/// <summary>
/// The woningcorporatie's daily work in the portal (issue 14, "Woningcorporatie"): Mijn woningen, woning aanbieden /
/// wijzigen / intrekken, and the voordrachten (accept and sign the contract, decline with a reason); another
/// corporation's unit or nomination is "niet gevonden"; axe on every page.
/// </summary>
public sealed class CorporationPagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ACorporationOffersAUnitSeesItInMijnWoningenChangesItAndWithdrawsIt()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        // The start page leads to Mijn woningen; with none yet, it says what to do next (issue 14).
        await page.GetByRole(AriaRole.Link, new() { Name = "Mijn woningen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/woningen", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nog geen woningen aangeboden.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "importeer uw woningen" })).ToHaveAttributeAsync("href", "/woningen/importeren");
        await session.AssertAccessibleAsync();

        // Offering: a refused field first, its message next to it and in the summary.
        await page.GetByRole(AriaRole.Link, new() { Name = "Bied een woning aan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Woning aanbieden");
        await session.AssertAccessibleAsync();
        var reference = Payloads.Reference("VHE-", 16);
        await page.GetByLabel("Eigen referentie (complexnummer)").FillAsync(reference);
        await page.GetByLabel("Gemeente (CBS-code)").FillAsync("GM0983");
        await page.GetByLabel("Postcode").FillAsync("0123 AB"); // docs/registers.md §2.3: refused
        await page.GetByLabel("Woningtype").SelectOptionAsync("Appartement");
        await page.GetByLabel("Slaapkamers").FillAsync("1");
        await page.GetByLabel("Maximale bezetting").FillAsync("2");
        await page.GetByLabel("Kale huur in euro per maand").FillAsync("598,12");
        await page.GetByLabel("Eigen voordeur").CheckAsync();
        await page.GetByLabel("Geen gedeeld trappenhuis").CheckAsync();
        await page.GetByLabel("Rustige straat").CheckAsync();
        await page.GetByLabel("Ondersteuning ter plaatse").SelectOptionAsync("Nearby");
        await page.GetByLabel("Contractvorm").SelectOptionAsync("Regulier");
        await page.GetByLabel("Beschikbaar per").FillAsync("2026-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Woning aanbieden" }).ClickAsync();
        var postcode = page.Locator("#veld-Postcode");
        await Assertions.Expect(postcode).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#veld-Postcode-fout")).ToContainTextAsync("postcode");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet alles is goed ingevuld");
        await session.AssertAccessibleAsync();
        Assert.Equal(0, (await UnitsAsync(key)).Total);

        // Then correctly: the unit page shows it, with the level the server derived (§2.2: entrance and a quiet street = 2).
        await postcode.FillAsync("5911 AB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Woning aanbieden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Woning {reference}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De woning is aangeboden.");
        await Assertions.Expect(page.Locator("dd", new() { HasTextString = "eigen entree" })).ToContainTextAsync("2:");
        await session.AssertAccessibleAsync();
        var unitId = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2]);

        // Mijn woningen lists it, also when searched for by a part of the reference, and filtered by status.
        await page.GotoAsync($"/woningen?referentie={reference[4..10]}&status=Available");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(reference);
        await Assertions.Expect(rows.First).ToContainTextAsync("beschikbaar");
        await session.AssertAccessibleAsync();
        await page.GotoAsync("/woningen?status=Let");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Geen woningen gevonden met deze zoekopdracht.");

        // Changing: someone else changes the rent (through the API) while the form is open; the stale form is refused
        // and shows what changed; nothing is overwritten.
        await page.GotoAsync($"/woningen/{unitId}");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Woning {reference} wijzigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Woning {reference} wijzigen");
        await session.AssertAccessibleAsync();
        await ChangeRentThroughApiAsync(key, unitId, 700m);
        await page.GetByLabel("Kale huur in euro per maand").FillAsync("650,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        var conflict = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(conflict).ToContainTextAsync("Iemand anders heeft deze woning intussen gewijzigd");
        await Assertions.Expect(conflict).ToContainTextAsync("Kale huur: € 598,12 → € 700,00");
        await session.AssertAccessibleAsync();
        Assert.Equal(700m, (await UnitAsync(key, unitId)).BasicRent);

        // Reloading shows the current facts; the change then goes through.
        await page.GetByRole(AriaRole.Link, new() { Name = "Formulier opnieuw laden met de huidige gegevens" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Kale huur in euro per maand")).ToHaveValueAsync("700,00");
        await page.GetByLabel("Kale huur in euro per maand").FillAsync("650,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De wijzigingen zijn opgeslagen.");
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("€ 650,00");
        Assert.Equal(650m, (await UnitAsync(key, unitId)).BasicRent);

        // Withdrawing, with a reason.
        await page.GetByLabel("Reden van intrekken").FillAsync("Wordt gerenoveerd");
        await page.GetByRole(AriaRole.Button, new() { Name = "Woning intrekken" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De woning is ingetrokken.");
        await Assertions.Expect(page.Locator("dl")).ToContainTextAsync("Wordt gerenoveerd");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Woning {reference} wijzigen" })).ToHaveCountAsync(0);
        await session.AssertAccessibleAsync();
        var withdrawn = await UnitAsync(key, unitId);
        Assert.Equal(UnitStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("Wordt gerenoveerd", withdrawn.WithdrawReason);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ADoubleClickedOfferCreatesOneUnit()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);
        await page.GotoAsync("/woningen/aanbieden");
        var reference = Payloads.Reference("DBL-", 16);
        await page.GetByLabel("Eigen referentie (complexnummer)").FillAsync(reference);
        await page.GetByLabel("Gemeente (CBS-code)").FillAsync("GM0983");
        await page.GetByLabel("Postcode").FillAsync("5911 AB");
        await page.GetByLabel("Woningtype").SelectOptionAsync("Studio");
        await page.GetByLabel("Slaapkamers").FillAsync("0");
        await page.GetByLabel("Maximale bezetting").FillAsync("1");
        await page.GetByLabel("Kale huur in euro per maand").FillAsync("480");
        await page.GetByLabel("Ondersteuning ter plaatse").SelectOptionAsync("None");
        await page.GetByLabel("Contractvorm").SelectOptionAsync("Regulier");

        await page.GetByRole(AriaRole.Button, new() { Name = "Woning aanbieden" }).DblClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Woning {reference}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De woning is aangeboden.");
        var units = await UnitsAsync(key);
        Assert.Single(units.Items, u => u.Reference == reference);
        Assert.Equal(1, units.Total);
    }

    [Fact]
    public async Task ACorporationAcceptsANominationAndSignsTheContractDeclinesAnotherAndAnotherCorporationFindsNeither()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt);
        var (accepted, acceptedUnit, _) = await portal.NominateAsync(key, providerKey, matchingspuntKey, "ACC");
        var (declined, _, _) = await portal.NominateAsync(key, providerKey, matchingspuntKey, "DEC");
        var person = await portal.CreatePersonAsync(corporation);

        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.SignInAsync(person);
            await page.GetByRole(AriaRole.Link, new() { Name = "Voordrachten" }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/voordrachten", StringComparison.Ordinal));
            var rows = page.Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await Assertions.Expect(rows.First).ToContainTextAsync("voorgedragen");
            await session.AssertAccessibleAsync();

            // The nomination: the minimised profile (docs/registers.md §3: the age band, never a birth date), the
            // explanation, accept, then the contract.
            await page.GetByRole(AriaRole.Link, new() { Name = $"Woning {acceptedUnit.Reference}" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Voordracht voor woning {acceptedUnit.Reference}");
            var main = page.GetByRole(AriaRole.Main);
            await Assertions.Expect(main).ToContainTextAsync("1 volwassene");
            await Assertions.Expect(main).ToContainTextAsync("27-49 jaar");
            await Assertions.Expect(main).ToContainTextAsync("intensief");
            await Assertions.Expect(main).Not.ToContainTextAsync("CL-");
            var explanation = page.Locator("table tbody tr");
            await Assertions.Expect(explanation).ToHaveCountAsync(6);
            await Assertions.Expect(explanation.Filter(new() { HasTextString = "Begeleiding" })).ToContainTextAsync("24/7 begeleiding");
            await session.AssertAccessibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Kandidaat accepteren" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("U heeft de kandidaat geaccepteerd.");
            await session.AssertAccessibleAsync();
            Assert.Equal(MatchStatus.Accepted, (await MatchAsync(key, accepted)).Status);

            // Without a start date the handler refuses, and the message is next to the field.
            await page.GetByRole(AriaRole.Button, new() { Name = "Contract vastleggen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#veld-tenancyStart")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.Locator("#veld-tenancyStart-fout")).ToContainTextAsync("ingangsdatum");
            await session.AssertAccessibleAsync();
            Assert.Equal(MatchStatus.Accepted, (await MatchAsync(key, accepted)).Status);

            await page.GetByLabel("Ingangsdatum van het huurcontract").FillAsync("2026-04-01");
            await page.GetByLabel("Contractvorm").SelectOptionAsync("Omklap");
            await page.GetByLabel("Omklap na (maanden)").FillAsync("12");
            await page.GetByRole(AriaRole.Button, new() { Name = "Contract vastleggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Het contract is vastgelegd");
            await session.AssertAccessibleAsync();
            Assert.Equal(MatchStatus.Contracted, (await MatchAsync(key, accepted)).Status);
            Assert.Equal(UnitStatus.Let, (await UnitAsync(key, acceptedUnit.Id)).Status);
            var tenancies = (await portal.WithKey(key).GetFromJsonAsync<PagedList<TenancyDto>>("/api/v1/tenancies", Json.Options))!;
            var tenancy = Assert.Single(tenancies.Items, t => t.MatchId == accepted);
            Assert.Equal(new DateOnly(2026, 4, 1), tenancy.StartDate);
            Assert.Equal(new DateOnly(2027, 4, 1), tenancy.OmklapDueDate);

            // The other nomination: declined with one of the Verhuurder's reasons.
            await page.GotoAsync($"/voordrachten/{declined}");
            // By keyboard: the reason, then Tab to the note and the button, and Enter.
            await page.GetByLabel("Reden").SelectOptionAsync("verhuurder-past-niet-in-complex");
            await page.GetByLabel("Reden").FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByLabel("Toelichting")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Voordracht afwijzen" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("U heeft de voordracht afgewezen.");
            await session.AssertAccessibleAsync();
            var match = await MatchAsync(key, declined);
            Assert.Equal(MatchStatus.Declined, match.Status);
            Assert.Equal(DeclineParty.Verhuurder, match.DeclinedBy);
            Assert.Equal("verhuurder-past-niet-in-complex", match.DeclineReasonCode);

            // Prestatieafspraken (read only): the municipality's agreement with this corporation; the signed lease
            // (started 1 April 2026 in GM0983) counts towards its target of 4: 1 of 4 is 25 %.
            var (_, gemeenteKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0983");
            var agreement = await portal.WithKey(gemeenteKey).PostAsJsonAsync("/api/v1/performance-agreements",
                new { corporationId = corporation, gemeenteCode = "GM0983", year = 2026, targetUnits = 4 });
            Assert.True(agreement.StatusCode == HttpStatusCode.Created, await agreement.Content.ReadAsStringAsync());
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Prestatieafspraken" }).ClickAsync();
            var agreements = page.Locator("tbody tr");
            await Assertions.Expect(agreements).ToHaveCountAsync(1);
            await Assertions.Expect(agreements.First).ToContainTextAsync("2026");
            await Assertions.Expect(agreements.First).ToContainTextAsync("25 %");
            await session.AssertAccessibleAsync();
            session.AssertNoErrors();
        }

        // A person of another corporation: the unit, its change form and the nomination are "niet gevonden" (404).
        var (other, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var stranger = await portal.CreatePersonAsync(other);
        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(stranger);
            // Positive control: their own (empty) lists open.
            Assert.Equal(200, (await session.Page.GotoAsync("/voordrachten"))!.Status);
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nog geen voordrachten.");
            await session.AssertAccessibleAsync();
            await session.Page.GotoAsync("/prestatieafspraken");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Er zijn nog geen prestatieafspraken vastgelegd");
            await session.AssertAccessibleAsync();
            foreach (var path in new[] { $"/woningen/{acceptedUnit.Id}", $"/woningen/{acceptedUnit.Id}/wijzigen", $"/voordrachten/{accepted}" })
            {
                var response = await session.Page.GotoAsync(path);
                Assert.Equal(404, response!.Status);
                await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
                await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(acceptedUnit.Reference);
                await session.AssertAccessibleAsync();
            }
            Assert.All(session.Errors, e => Assert.Contains("status of 404", e, StringComparison.Ordinal));
        }
    }

    private async Task<PagedList<UnitDto>> UnitsAsync(string key) =>
        (await portal.WithKey(key).GetFromJsonAsync<PagedList<UnitDto>>("/api/v1/units", Json.Options))!;

    private async Task<UnitDto> UnitAsync(string key, Guid id) =>
        (await portal.WithKey(key).GetFromJsonAsync<UnitDto>($"/api/v1/units/{id}", Json.Options))!;

    private async Task<MatchDto> MatchAsync(string key, Guid id) =>
        (await portal.WithKey(key).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{id}", Json.Options))!;

    private async Task ChangeRentThroughApiAsync(string key, Guid id, decimal rent)
    {
        using var api = portal.WithKey(key);
        var read = await api.GetAsync($"/api/v1/units/{id}");
        var unit = (await read.Content.ReadFromJsonAsync<UnitDto>(Json.Options))!;
        var body = new JsonObject
        {
            ["reference"] = unit.Reference, ["gemeenteCode"] = unit.GemeenteCode, ["postcode"] = unit.Postcode, ["unitType"] = unit.UnitType.ToString(),
            ["bedrooms"] = unit.Bedrooms, ["maxOccupants"] = unit.MaxOccupants, ["basicRent"] = rent, ["supportOnSite"] = unit.SupportOnSite.ToString(),
            ["contractForm"] = unit.ContractForm.ToString(), ["availableFrom"] = unit.AvailableFrom.ToString("yyyy-MM-dd"),
            ["prikkelarm"] = new JsonObject { ["ownFrontDoor"] = true, ["noSharedStairwell"] = true, ["quietStreet"] = true },
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/units/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        var response = await api.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
