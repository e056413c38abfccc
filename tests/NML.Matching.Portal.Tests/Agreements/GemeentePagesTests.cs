using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Api.Tests.Monitoring;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Agreements;

/// <summary>
/// The municipality's daily work in the portal (issue 14, "Gemeente"): prestatieafspraken vastleggen, wijzigen en
/// beëindigen with their progress, the placements in its territory, and the downloads of both lists; a corporation
/// reads its agreements and cannot record one; another municipality's agreement is "niet gevonden". axe on every page.
/// </summary>
public sealed class GemeentePagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task AGemeenteCreatesAPerformanceAgreementSeesItsProgressChangesItAndEndsIt()
    {
        // Two leases signed through NML Matching in 2026 in units of the corporation in Venlo (GM0983), for residents of Venlo.
        var (corporation, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt);
        var (gemeente, gemeenteKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0983");
        await portal.ContractAsync(corporationKey, (await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "PL")).Match, "2026-04-01");
        await portal.ContractAsync(corporationKey, (await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "PL")).Match, "2026-05-01");
        var corporationName = await OrganisationNameAsync(corporationKey);
        // Waiting: a resident of Venlo ready since 10 January 2026 (51 days on 2 March), and one of Venray.
        await portal.WithKey(providerKey).RegisterCandidateAsync(Payloads.Candidate("GM0983", Payloads.Reference("CL-", 14)).With("readySince", "2026-01-10"));
        await portal.WithKey(providerKey).RegisterCandidateAsync(Payloads.Candidate("GM0984", Payloads.Reference("CL-", 14)).With("readySince", "2026-01-03"));
        var person = await portal.CreatePersonAsync(gemeente);

        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);

        // The start page leads to the agreements, and from there to a new one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Prestatieafspraken", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Prestatieafspraken");
        await session.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe afspraak" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nieuwe prestatieafspraak");
        await session.AssertAccessibleAsync();

        // A refused field first (docs/monitoring.md: targetUnits is a whole number from 1 to 10,000): the Dutch message
        // next to the field and in the summary on top; nothing is recorded.
        await page.GetByLabel("Woningcorporatie").SelectOptionAsync(new SelectOptionValue { Label = corporationName });
        await page.GetByLabel("Jaar").FillAsync("2026");
        await page.GetByLabel("Afgesproken aantal woningen").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak vastleggen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#veld-TargetUnits")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#veld-TargetUnits-fout")).ToContainTextAsync("een heel getal van 1 tot en met 10.000");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Niet alles is goed ingevuld");
        await session.AssertAccessibleAsync();
        Assert.Empty((await AgreementsAsync(gemeenteKey, corporation)).Items);

        // Then correctly: the agreement's page with its progress on the test clock's day, 2 March 2026 (day 61 of 365).
        // docs/monitoring.md: realised 2 of 8 = 25 %; expected by now 8 × 61 / 365 = 1.34 → 1,3; 2 ≥ 1,3: on track.
        await page.GetByLabel("Afgesproken aantal woningen").FillAsync("8");
        await page.GetByLabel("Toelichting (niet verplicht)").FillAsync("Prestatieafspraken 2026, bijlage 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak vastleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Prestatieafspraak 2026 met {corporationName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De afspraak is vastgelegd.");
        var facts = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(facts).ToContainTextAsync("2 woningen");
        await Assertions.Expect(facts).ToContainTextAsync("25 % van het afgesproken aantal");
        await Assertions.Expect(page.Locator("dd", new() { HasTextString = "naar rato" })).ToHaveTextAsync(new Regex("^1,3 woningen "));
        await Assertions.Expect(facts).ToContainTextAsync("Op schema");
        await session.AssertAccessibleAsync();
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/')[2]);

        // The same form sent again (a double click, a retry) makes no second agreement: it leads to the same one.
        await page.GotoAsync("/prestatieafspraken/nieuw");
        await page.GetByLabel("Woningcorporatie").SelectOptionAsync(new SelectOptionValue { Label = corporationName });
        await page.GetByLabel("Jaar").FillAsync("2026");
        await page.GetByLabel("Afgesproken aantal woningen").FillAsync("8");
        await page.GetByLabel("Toelichting (niet verplicht)").FillAsync("Prestatieafspraken 2026, bijlage 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afspraak vastleggen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/prestatieafspraken/{id}", StringComparison.Ordinal));
        Assert.Single((await AgreementsAsync(gemeenteKey, corporation)).Items);

        // The list: the agreement with its target and progress, and its downloads with real numbers.
        await page.GotoAsync("/prestatieafspraken?jaar=2026");
        var row = page.Locator("tbody tr", new() { HasTextString = corporationName });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("25 %");
        await Assertions.Expect(row).ToContainTextAsync("Op schema");
        await session.AssertAccessibleAsync();
        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Prestatieafspraken downloaden als CSV" }).ClickAsync());
        Assert.Equal("prestatieafspraken-2026-03-02.csv", csv.SuggestedFilename); // the test clock's day (docs/portal.md, "Exporteren")
        var csvBytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], csvBytes[..3]);
        var lines = Encoding.UTF8.GetString(csvBytes[3..]).Split("\r\n");
        Assert.Equal("Jaar;Woningcorporatie;Gemeentecode;Gemeente;Afgesproken woningen;Verhuurd;Gerealiseerd (%);Verwacht tot nu (woningen);Stand;Toelichting;Vastgelegd op;Laatst gewijzigd op", lines[0]);
        Assert.Contains($"2026;{corporationName};GM0983;Venlo;8;2;25;1,3;Op schema;Prestatieafspraken 2026, bijlage 3;2026-03-02;2026-03-02", lines);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Prestatieafspraken downloaden als Excel (.xlsx)" }).ClickAsync());
        var cells = XlsxCells.Read(await File.ReadAllBytesAsync((await xlsx.PathAsync())!));
        Assert.Equal(("Afgesproken woningen", false), cells[0][4]);
        var sheetRow = Assert.Single(cells, r => r.Count > 1 && r[1].Text == corporationName);
        Assert.Equal(("2026", true), sheetRow[0]);
        Assert.Equal(("8", true), sheetRow[4]);
        Assert.Equal(("2", true), sheetRow[5]);
        Assert.Equal(("25", true), sheetRow[6]);
        Assert.True(sheetRow[10].Number, "Vastgelegd op is a date cell");

        // Changing: someone else changes the target (through the API) while the form is open; the stale form is
        // refused, shows what changed and overwrites nothing.
        await page.GotoAsync($"/prestatieafspraken/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Afspraak wijzigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Prestatieafspraak 2026 met {corporationName} wijzigen");
        await session.AssertAccessibleAsync();
        var changed = await portal.WithKey(gemeenteKey).PutAsJsonAsync($"/api/v1/performance-agreements/{id}", new { targetUnits = 10, note = "Prestatieafspraken 2026, bijlage 3" });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        await page.GetByLabel("Afgesproken aantal woningen").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        var conflict = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(conflict).ToContainTextAsync("Iemand anders heeft deze afspraak intussen gewijzigd");
        await Assertions.Expect(conflict).ToContainTextAsync("Afgesproken aantal woningen: 8 → 10");
        await session.AssertAccessibleAsync();
        Assert.Equal(10, (await AgreementAsync(gemeenteKey, id)).TargetUnits);

        // Reloading shows the current target; the change then goes through. 2 of 12 = 16,7 %; expected 12 × 61 / 365
        // = 2.005 → 2; 2 ≥ 2: on track.
        await page.GetByRole(AriaRole.Link, new() { Name = "Formulier opnieuw laden met de huidige gegevens" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Afgesproken aantal woningen")).ToHaveValueAsync("10");
        await page.GetByLabel("Afgesproken aantal woningen").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De wijzigingen zijn opgeslagen.");
        await Assertions.Expect(facts).ToContainTextAsync("16,7 % van het afgesproken aantal");
        await Assertions.Expect(page.Locator("dd", new() { HasTextString = "naar rato" })).ToHaveTextAsync(new Regex("^2 woningen "));
        Assert.Equal(12, (await AgreementAsync(gemeenteKey, id)).TargetUnits);

        // Ending asks for a confirmation first; "Nee, terug" keeps it, "Ja" removes it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Afspraak beëindigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Afspraak beëindigen?");
        await session.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nee, terug" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ja, afspraak beëindigen" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await portal.WithKey(gemeenteKey).GetAsync($"/api/v1/performance-agreements/{id}")).StatusCode);
        await page.GetByRole(AriaRole.Link, new() { Name = "Afspraak beëindigen" }).ClickAsync();
        var confirmation = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Ja, afspraak beëindigen" }) });
        var posted = page.Context.APIRequest.CreateFormData();
        foreach (var name in new[] { "__RequestVerificationToken", "_handler", "Ending.Version" })
            posted.Set(name, (await confirmation.Locator($"input[name='{name}']").GetAttributeAsync("value"))!);
        var confirmationUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, afspraak beëindigen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De afspraak is beëindigd en verwijderd.");
        // The same confirmation posted once more (a double click) finds it gone and reports it ended, not "niet gevonden".
        var again = await page.Context.APIRequest.PostAsync(confirmationUrl, new() { Form = posted, Timeout = 15_000 });
        Assert.Equal(200, again.Status);
        Assert.EndsWith("/prestatieafspraken?melding=beeindigd", again.Url, StringComparison.Ordinal);
        Assert.Contains("De afspraak is beëindigd en verwijderd.", WebUtility.HtmlDecode(await again.TextAsync()), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("tbody tr", new() { HasTextString = corporationName })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await portal.WithKey(gemeenteKey).GetAsync($"/api/v1/performance-agreements/{id}")).StatusCode);

        // Plaatsingen: the two leases in Venlo, of residents of Venlo, newest first, with their downloads.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plaatsingen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Plaatsingen");
        var placements = page.Locator("tbody tr");
        await Assertions.Expect(placements.Filter(new() { HasTextString = "1 mei 2026" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(placements.Filter(new() { HasTextString = "1 april 2026" }).First).ToContainTextAsync("uw gemeente");
        await session.AssertAccessibleAsync();
        var placementsCsv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Plaatsingen downloaden als CSV" }).ClickAsync());
        var placementLines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync((await placementsCsv.PathAsync())!))[3..]).Split("\r\n");
        Assert.StartsWith("Ingangsdatum;Gemeente van de woning;Herkomst;Contractvorm", placementLines[0], StringComparison.Ordinal);
        Assert.Contains(placementLines, l => l.StartsWith("2026-05-01;GM0983;uw gemeente;regulier huurcontract", StringComparison.Ordinal));

        // Inwoners in de wachtrij: Venlo's waiting resident with the days since ready, not Venray's, not the housed ones.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inwoners in de wachtrij" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inwoners in de wachtrij");
        var waiting = page.Locator("tbody tr");
        await Assertions.Expect(waiting.Filter(new() { HasTextString = "10 januari 2026" })).ToContainTextAsync("51");
        await Assertions.Expect(waiting.Filter(new() { HasTextString = "3 januari 2026" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("CL-");
        await session.AssertAccessibleAsync();
        var residentsCsv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Inwoners in de wachtrij downloaden als CSV" }).ClickAsync());
        var residentLines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync((await residentsCsv.PathAsync())!))[3..]).Split("\r\n");
        Assert.Equal("Status;Uitstroom-gereed sinds;Wachtdagen;Huidige woonsituatie;Begeleidingsbehoefte;Behoefte aan prikkelarm wonen;Urgent", residentLines[0]);
        Assert.Contains(residentLines, l => l.Contains(";2026-01-10;51;", StringComparison.Ordinal));
        Assert.DoesNotContain(residentLines, l => l.Contains(";2026-01-03;", StringComparison.Ordinal));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ACorporationReadsItsAgreementButCannotRecordOneAndAnotherGemeenteGetsNietGevonden()
    {
        var (corporation, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, venloKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0983");
        var created = await portal.WithKey(venloKey).PostAsJsonAsync("/api/v1/performance-agreements",
            new { corporationId = corporation, gemeenteCode = "GM0983", year = 2027, targetUnits = 5 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var agreement = (await created.Content.ReadFromJsonAsync<PerformanceAgreementDto>(Json.Options))!;

        // The corporation: its agreement in the list and on its page, read only; no way to record or change one.
        var reader = await portal.CreatePersonAsync(corporation);
        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.SignInAsync(reader);
            await page.GotoAsync("/prestatieafspraken");
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe afspraak" })).ToHaveCountAsync(0);
            var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Prestatieafspraken downloaden als CSV" }).ClickAsync());
            var lines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync((await csv.PathAsync())!))[3..]).Split("\r\n");
            Assert.Contains(lines, l => l.StartsWith("2027;", StringComparison.Ordinal) && l.Contains(";GM0983;Venlo;5;0;0;0;Op schema;", StringComparison.Ordinal));
            await page.GetByRole(AriaRole.Link, new() { Name = "2027" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Prestatieafspraak 2027");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Afspraak wijzigen" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Afspraak beëindigen" })).ToHaveCountAsync(0);
            await session.AssertAccessibleAsync();
            foreach (var path in new[] { "/prestatieafspraken/nieuw", $"/prestatieafspraken/{agreement.Id}/wijzigen" })
            {
                await page.GotoAsync(path);
                Assert.Equal("/geen-toegang", new Uri(page.Url).AbsolutePath);
            }
            session.AssertNoErrors();
        }

        // Another municipality (Venray): its own list opens, Venlo's agreement is "niet gevonden" with 404.
        var (venray, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0984");
        var stranger = await portal.CreatePersonAsync(venray);
        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.SignInAsync(stranger);
            Assert.Equal(200, (await page.GotoAsync("/prestatieafspraken"))!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Er zijn nog geen prestatieafspraken vastgelegd");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe afspraak" })).ToBeVisibleAsync();
            await session.AssertAccessibleAsync();
            foreach (var path in new[] { $"/prestatieafspraken/{agreement.Id}", $"/prestatieafspraken/{agreement.Id}/wijzigen" })
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(404, response!.Status);
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
                await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(agreement.CorporationName);
                await session.AssertAccessibleAsync();
            }
            Assert.All(session.Errors, e => Assert.Contains("status of 404", e, StringComparison.Ordinal));
        }
    }

    private async Task<string> OrganisationNameAsync(string key)
    {
        var me = await portal.WithKey(key).GetFromJsonAsync<JsonObject>("/api/v1/me", Json.Options);
        return me!["organisationName"]!.GetValue<string>();
    }

    private async Task<PagedList<PerformanceAgreementDto>> AgreementsAsync(string key, Guid corporation) =>
        (await portal.WithKey(key).GetFromJsonAsync<PagedList<PerformanceAgreementDto>>($"/api/v1/performance-agreements?corporation={corporation}", Json.Options))!;

    private async Task<PerformanceAgreementDto> AgreementAsync(string key, Guid id) =>
        (await portal.WithKey(key).GetFromJsonAsync<PerformanceAgreementDto>($"/api/v1/performance-agreements/{id}", Json.Options))!;
}
