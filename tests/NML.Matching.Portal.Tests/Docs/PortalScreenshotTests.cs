using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Docs;

/// <summary>
/// docs/portal.md shows each role's pages with a screenshot taken here (issue 14, "Docs"), on a day's worth of data
/// arranged through the API. Each page is also checked as every portal page is: its heading, axe's WCAG 2.1 AA rules,
/// no error in the browser. Refresh the committed pictures with <see cref="Screenshots.RefreshCommand"/>.
/// </summary>
public sealed class PortalScreenshotTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public void EveryPictureThePortalsDocumentShowsIsCommitted()
    {
        var root = NML.Matching.Api.Tests.OpenApiContractTests.RepositoryRoot();
        var shown = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(root, "docs", "portal.md")), @"\]\((portal/[^)]+\.png)\)")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, picture => Assert.True(File.Exists(Path.Combine(root, "docs", picture)), $"docs/{picture} is shown but missing: {Screenshots.RefreshCommand}"));
    }

    [Fact]
    public async Task TheSignInPageIsPictured()
    {
        await using var session = await portal.OpenAsync();
        await session.Page.GotoAsync("/inloggen");
        await ShowsAsync(session, "Inloggen", "inloggen");
    }

    [Fact]
    public async Task TheCareProvidersPagesArePictured()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder, name: "Zorggroep Noorderlicht");
        var api = portal.WithKey(key);
        Guid? first = null;
        foreach (var (reference, support, prikkelarm, ready) in new[]
        {
            ("NL-2026-0141", "Midden", "Preferred", "2026-01-15"), ("NL-2026-0152", "Licht", "None", "2026-03-02"),
            ("NL-2026-0163", "Intensief", "Required", "2025-11-20"), ("NL-2026-0178", "Midden", "None", "2026-05-11"),
        })
        {
            var candidate = await api.RegisterCandidateAsync(Payloads.Candidate("GM0983", reference)
                .With("supportNeed", support).With("prikkelarmNeed", prikkelarm).With("readySince", ready));
            first ??= candidate.Id;
        }
        var (_, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie, name: "Woonstichting Maasdal");
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt, name: "Matchingspunt NML");
        var (proposal, _, _) = await portal.NominateAsync(corporationKey, key, matchingspuntKey, "VHE");
        var tenancy = await portal.ContractAsync(corporationKey, (await portal.NominateAsync(corporationKey, key, matchingspuntKey, "VHE")).Match, "2025-11-01");
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);

        await session.Page.GotoAsync("/clienten");
        await ShowsAsync(session, "Mijn cliënten", "zorgaanbieder-clienten", rows: 4);
        await session.Page.GotoAsync("/voorstellen");
        await ShowsAsync(session, "Voorstellen", "zorgaanbieder-voorstellen", rows: 2);
        await session.Page.GotoAsync($"/voorstellen/{proposal}");
        await ShowsAsync(session, null, "zorgaanbieder-voorstel");
        await session.Page.GotoAsync("/nazorg");
        await ShowsAsync(session, "Nazorg", "zorgaanbieder-nazorg", rows: 1);
        await session.Page.GotoAsync($"/nazorg/{tenancy}");
        await ShowsAsync(session, null, "zorgaanbieder-nazorg-vastleggen");
        await session.Page.GotoAsync($"/clienten/{first}");
        await ShowsAsync(session, "Cliënt NL-2026-0141", "zorgaanbieder-client");
        await session.Page.GotoAsync("/clienten/aanmelden");
        await ShowsAsync(session, "Cliënt aanmelden", "zorgaanbieder-aanmelden");
        await session.Page.GotoAsync("/clienten/importeren");
        await ShowsAsync(session, "Wachtlijst importeren", "zorgaanbieder-importeren");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheCorporationsPagesArePictured()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie, name: "Woonstichting Maasdal");
        var (_, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder, name: "Zorggroep Noorderlicht");
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt, name: "Matchingspunt NML");
        var (match, _, _) = await portal.NominateAsync(key, providerKey, matchingspuntKey, "VHE");
        await portal.WithKey(key).PostUnitAsync(Payloads.Unit("GM0983", "VHE-1042-0007"));
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);

        await session.Page.GotoAsync("/woningen");
        await ShowsAsync(session, "Mijn woningen", "woningcorporatie-woningen", rows: 2);
        await session.Page.GotoAsync("/woningen/aanbieden");
        await ShowsAsync(session, "Woning aanbieden", "woningcorporatie-aanbieden");
        await session.Page.GotoAsync($"/voordrachten/{match}");
        await ShowsAsync(session, null, "woningcorporatie-voordracht");
        await session.Page.GotoAsync("/woningen/importeren");
        await ShowsAsync(session, "Woningen importeren", "woningcorporatie-importeren");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheMunicipalitysAndTheAdministratorsPagesArePictured()
    {
        var (gemeente, gemeenteKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0983", name: "Gemeente Venlo");
        var (corporation, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie, name: "Woonstichting Maasdal");
        var (_, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder, name: "Zorggroep Noorderlicht");
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt, name: "Matchingspunt NML");
        await portal.ContractAsync(corporationKey, (await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "VHE")).Match, "2026-02-01");
        foreach (var ready in new[] { "2025-12-01", "2026-01-20", "2026-02-14" })
            await portal.WithKey(providerKey).RegisterCandidateAsync(Payloads.Candidate("GM0983", Payloads.Reference("NL-", 12)).With("readySince", ready));
        var created = await portal.WithKey(gemeenteKey).PostAsJsonAsync("/api/v1/performance-agreements",
            new { corporationId = corporation, gemeenteCode = "GM0983", year = 2026, targetUnits = 4, note = "Uitstroom beschermd wonen en opvang" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var agreement = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var person = await portal.CreatePersonAsync(gemeente);
        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(person);
            await ShowsAsync(session, $"Welkom, {person.DisplayName}", "gemeente-start");
            await session.Page.GotoAsync("/monitoring");
            await ShowsAsync(session, null, "gemeente-monitoring");
            await session.Page.GotoAsync("/prestatieafspraken");
            await ShowsAsync(session, "Prestatieafspraken", "gemeente-prestatieafspraken", rows: 1);
            await session.Page.GotoAsync($"/prestatieafspraken/{agreement}");
            await ShowsAsync(session, "Prestatieafspraak 2026 met Woonstichting Maasdal", "gemeente-prestatieafspraak");
            await session.Page.GotoAsync("/prestatieafspraken/nieuw");
            await ShowsAsync(session, "Nieuwe prestatieafspraak", "gemeente-nieuwe-afspraak");
            await session.Page.GotoAsync("/plaatsingen");
            await ShowsAsync(session, "Plaatsingen", "gemeente-plaatsingen", rows: 1);
            await session.Page.GotoAsync("/inwoners");
            await ShowsAsync(session, "Inwoners in de wachtrij", "gemeente-inwoners", rows: 3);
            session.AssertNoErrors();
        }

        var admin = await portal.CreateServiceAdminAsync();
        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(admin);
            await session.Page.GotoAsync("/beheer/organisaties");
            await ShowsAsync(session, "Organisaties", "beheer-organisaties", rows: 1);
            session.AssertNoErrors();
        }
    }

    /// <summary>The page is the one meant (its heading, its table's rows), passes axe, and is pictured as <paramref name="name"/>.</summary>
    private static async Task ShowsAsync(PortalSession session, string? heading, string name, int rows = 0)
    {
        var page = session.Page;
        var h1 = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        if (heading is null) await Assertions.Expect(h1).Not.ToHaveTextAsync("Pagina niet gevonden");
        else await Assertions.Expect(h1).ToHaveTextAsync(heading);
        if (rows > 0) Assert.True(await page.Locator("main tbody tr").CountAsync() >= rows, $"{name}: fewer than {rows} rows in the table");
        await session.AssertAccessibleAsync();
        await page.CaptureAsync(name);
    }
}
