using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Api.Tests.Monitoring;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Tenancies;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Provider;

/// <summary>
/// The zorgaanbieder's daily work in the portal (issue 14, "Zorgaanbieder"): Voorstellen (the proposals and
/// nominations of its clients, the score's explanation, the step and its deadline, declining for the client with a
/// reason from the fixed list), Nazorg (the 3-, 6- and 12-month follow-ups and the omklap), their downloads, and the
/// latest match step on Mijn cliënten. Another provider finds none of it. The fixture's clock stands on 2 March 2026.
/// </summary>
public sealed class ProviderDailyWorkTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const float Timeout = 30_000;

    [Fact]
    public async Task AProviderSeesTheNominationOfItsClientWithItsExplanationAndDeclinesItForTheClient()
    {
        var (provider, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt);
        var (matchId, _, candidate) = await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "W");
        var person = await portal.CreatePersonAsync(provider);

        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.SignInAsync(person);

            // Mijn cliënten: the latest step of the client's match (the nomination, docs/portal.md).
            await page.GetByRole(AriaRole.Link, new() { Name = "Mijn cliënten" }).First.ClickAsync();
            var clientRow = page.Locator("tbody tr", new() { HasTextString = candidate.ExternalReference });
            await Assertions.Expect(clientRow).ToHaveCountAsync(1);
            await Assertions.Expect(clientRow).ToContainTextAsync("voorgedragen");
            await session.AssertAccessibleAsync();

            // Voorstellen from the start page: one row, the client's own reference, the step, the score.
            await page.GotoAsync("/");
            await page.GetByRole(AriaRole.Link, new() { Name = "Voorstellen", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/voorstellen", StringComparison.Ordinal));
            var rows = page.Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(candidate.ExternalReference);
            await Assertions.Expect(rows.First).ToContainTextAsync("voorgedragen");
            await Assertions.Expect(rows.First).ToContainTextAsync("Venlo");
            await session.AssertAccessibleAsync();

            // The filter on the step: nothing is "afgewezen" yet (positive control above).
            await page.GetByLabel("Stap").SelectOptionAsync("Declined");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Geen voorstellen met dit filter.");
            await page.GotoAsync("/voorstellen");

            // The CSV: Dutch headers, the pseudonymous reference, nothing else about the client.
            var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Voorstellen downloaden als CSV" }).ClickAsync(), new() { Timeout = Timeout });
            var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await csvDownload.PathAsync())!)).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("Cliëntreferentie;Gemeente van de woning;Stap;Score;Termijn;Voorgesteld op;Reden van afwijzen", lines[0]);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith(candidate.ExternalReference + ";Venlo;voorgedragen;", lines[1], StringComparison.Ordinal);
            // The Excel file: the score a number cell, the dates date (number) cells.
            var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Voorstellen downloaden als Excel (.xlsx)" }).ClickAsync(), new() { Timeout = Timeout });
            var cells = XlsxCells.Read(await File.ReadAllBytesAsync((await xlsxDownload.PathAsync())!));
            Assert.Equal(("Cliëntreferentie", false), cells[0][0]);
            Assert.Equal((candidate.ExternalReference, false), cells[1][0]);
            Assert.True(cells[1][3].Number);
            Assert.True(cells[1][4].Number);
            Assert.True(cells[1][5].Number);

            // The proposal: the step in words, the deadline of the landlord's decision, the explanation per criterion.
            await rows.First.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Voorstel voor cliënt {candidate.ExternalReference}");
            var main = page.GetByRole(AriaRole.Main);
            await Assertions.Expect(main).ToContainTextAsync("voorgedragen: de verhuurder beslist");
            await Assertions.Expect(main).ToContainTextAsync("Verhuurder beslist vóór");
            var explanation = page.Locator("table", new() { HasTextString = "Uitleg van de score" }).Locator("tbody tr");
            await Assertions.Expect(explanation).ToHaveCountAsync(6);
            await Assertions.Expect(explanation.Filter(new() { HasTextString = "Begeleiding" })).ToContainTextAsync("24/7 begeleiding");
            await session.AssertAccessibleAsync();

            // Without a reason the handler refuses: the Dutch message next to the field and in the summary on top.
            await page.GetByRole(AriaRole.Button, new() { Name = "Voorstel afwijzen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#veld-reasonCode")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.Locator("#veld-reasonCode-fout")).ToContainTextAsync("Kies een reden uit de lijst.");
            await Assertions.Expect(page.Locator(".portal-error-summary")).ToContainTextAsync("Kies een reden uit de lijst.");
            await session.AssertAccessibleAsync();
            Assert.Equal(MatchStatus.Nominated, (await MatchAsync(providerKey, matchId)).Status);

            // A reason of the client's (docs: "De kandidaat is niet bereikbaar", which parks the client).
            await page.GetByLabel("Reden").SelectOptionAsync(new SelectOptionValue { Label = "De kandidaat is niet bereikbaar." });
            await page.GetByRole(AriaRole.Button, new() { Name = "Voorstel afwijzen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("U heeft het voorstel namens uw cliënt afgewezen. De stap is nu: afgewezen.");
            await Assertions.Expect(main).ToContainTextAsync("De kandidaat is niet bereikbaar.");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Voorstel afwijzen" })).ToHaveCountAsync(0);
            await session.AssertAccessibleAsync();
            var declined = await MatchAsync(providerKey, matchId);
            Assert.Equal(MatchStatus.Declined, declined.Status);
            Assert.Equal(DeclineParty.Kandidaat, declined.DeclinedBy);
            Assert.Equal("kandidaat-niet-bereikbaar", declined.DeclineReasonCode);
            // docs/api.md "Decline": the candidate is Parked when the reason's default parking period is more than 0.
            var reasons = (await portal.WithKey(providerKey).GetFromJsonAsync<JsonArray>("/api/v1/matches/decline-reasons", Json.Options))!;
            var reason = reasons.Single(r => (string?)r!["code"] == "kandidaat-niet-bereikbaar")!;
            Assert.True((int)reason["defaultParkDays"]! > 0);
            var client = (await portal.WithKey(providerKey).GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!;
            Assert.Equal(CandidateStatus.Parked, client.Status);

            // The list shows the new step.
            await page.GotoAsync("/voorstellen");
            await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("afgewezen");
            session.AssertNoErrors();
        }

        await AssertStrangerFindsNothingAsync($"/voorstellen/{matchId}", "/voorstellen", "Nog geen voorstellen.");
    }

    [Fact]
    public async Task AProviderRecordsThe3MonthFollowUpAndTheOmklap()
    {
        var (provider, providerKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var (_, corporationKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (_, matchingspuntKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Matchingspunt);
        var (matchId, _, candidate) = await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "W");
        // The landlord accepts and signs an omklap lease that started on 1 November 2025 and moves after 3 months.
        using (var corporation = portal.WithKey(corporationKey))
        {
            (await corporation.PostAsync($"/api/v1/matches/{matchId}/accept", null)).EnsureSuccessStatusCode();
            var contract = await corporation.PostAsJsonAsync($"/api/v1/matches/{matchId}/contract",
                new { tenancyStart = "2025-11-01", contractForm = "Omklap", omklapAfterMonths = 3 });
            Assert.True(contract.IsSuccessStatusCode, await contract.Content.ReadAsStringAsync());
        }
        var tenancy = Assert.Single((await portal.WithKey(providerKey).GetFromJsonAsync<PagedList<TenancyDto>>("/api/v1/tenancies", Json.Options))!.Items);
        var person = await portal.CreatePersonAsync(provider);

        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.SignInAsync(person);
            await page.GetByRole(AriaRole.Link, new() { Name = "Nazorg", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/nazorg", StringComparison.Ordinal));
            // Docs (docs/api.md "Follow-ups"): due at 3, 6 and 12 months after the start; a due one that is missing is
            // overdue. On 2 March 2026 the 3-month follow-up (1 February 2026) is overdue, the 6-month one is planned.
            var rows = page.Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows.First).ToContainTextAsync(candidate.ExternalReference);
            await Assertions.Expect(rows.First).ToContainTextAsync("te laat sinds 1 februari 2026");
            await Assertions.Expect(rows.First).ToContainTextAsync("gepland op 1 mei 2026");
            await session.AssertAccessibleAsync();

            var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Nazorg downloaden als CSV" }).ClickAsync(), new() { Timeout = Timeout });
            var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await csvDownload.PathAsync())!)).TrimStart('\uFEFF');
            var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Cliëntreferentie;Gemeente van de woning;Ingangsdatum;", lines[0], StringComparison.Ordinal);
            Assert.StartsWith(candidate.ExternalReference + ";Venlo;2025-11-01;", lines[1], StringComparison.Ordinal);
            var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Nazorg downloaden als Excel (.xlsx)" }).ClickAsync(), new() { Timeout = Timeout });
            var cells = XlsxCells.Read(await File.ReadAllBytesAsync((await xlsxDownload.PathAsync())!));
            Assert.Equal((new DateTime(2025, 11, 1).ToOADate().ToString(CultureInfo.InvariantCulture), true), cells[1][2]);

            await rows.First.GetByRole(AriaRole.Link).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Nazorg voor cliënt {candidate.ExternalReference}");
            await session.AssertAccessibleAsync();

            // Refused (docs/api.md: not housed any more cannot be Stabiel): the message next to the field, nothing saved.
            await page.GetByLabel("Moment").SelectOptionAsync("3");
            await page.GetByLabel("Woont uw cliënt nog in de woning?").SelectOptionAsync(new SelectOptionValue { Label = "nee" });
            await page.GetByLabel("Hoe gaat het?").SelectOptionAsync(new SelectOptionValue { Label = "stabiel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Nazorg vastleggen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#veld-outcome")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(page.Locator("#veld-outcome-fout")).ToContainTextAsync("Kies niet 'stabiel' als uw cliënt niet meer in de woning woont.");
            await session.AssertAccessibleAsync();
            Assert.Null((await TenancyAsync(providerKey, tenancy.Id)).FollowUps.Single(f => f.Month == 3).Outcome);

            // Too early (docs/api.md: from two weeks before it is due): the 6-month one on 1 May 2026.
            await page.GetByLabel("Moment").SelectOptionAsync("6");
            await page.GetByLabel("Woont uw cliënt nog in de woning?").SelectOptionAsync(new SelectOptionValue { Label = "ja" });
            await page.GetByLabel("Hoe gaat het?").SelectOptionAsync(new SelectOptionValue { Label = "stabiel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Nazorg vastleggen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#veld-month-fout")).ToContainTextAsync("vanaf twee weken voor de datum");

            // The 3-month follow-up.
            await page.GetByLabel("Moment").SelectOptionAsync("3");
            await page.GetByLabel("Woont uw cliënt nog in de woning?").SelectOptionAsync(new SelectOptionValue { Label = "ja" });
            await page.GetByLabel("Hoe gaat het?").SelectOptionAsync(new SelectOptionValue { Label = "stabiel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Nazorg vastleggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De nazorg na 3 maanden is vastgelegd.");
            await Assertions.Expect(page.Locator("tbody tr", new() { HasTextString = "3 maanden" })).ToContainTextAsync("vastgelegd: stabiel");
            await session.AssertAccessibleAsync();
            var recorded = (await TenancyAsync(providerKey, tenancy.Id)).FollowUps.Single(f => f.Month == 3);
            Assert.Equal(FollowUpOutcome.Stabiel, recorded.Outcome);
            Assert.True(recorded.StillHoused);
            Assert.Equal("Zorgaanbieder", recorded.RecordedByRole);

            // The omklap (docs/registers.md: the lease moves to the client).
            await page.GetByLabel("Datum van de omklap").FillAsync("2026-02-01");
            await page.GetByRole(AriaRole.Button, new() { Name = "Omklap vastleggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De omklap is vastgelegd.");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("omgeklapt op 1 februari 2026");
            await session.AssertAccessibleAsync();
            Assert.Equal(new DateOnly(2026, 2, 1), (await TenancyAsync(providerKey, tenancy.Id)).OmklapDate);

            // With the 3-month follow-up recorded nothing is to be recorded now; "alle" still lists the tenancy.
            await page.GotoAsync("/nazorg");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Er is nu geen nazorg vast te leggen.");
            await page.GotoAsync("/nazorg?filter=alle");
            await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
            await session.AssertAccessibleAsync();

            // Someone else records the 3-month follow-up of another tenancy while the form is open: nothing is
            // overwritten, the page says what is recorded now and offers to reload.
            var other = await portal.ContractAsync(corporationKey, (await portal.NominateAsync(corporationKey, providerKey, matchingspuntKey, "W")).Match, "2025-11-01");
            await page.GotoAsync($"/nazorg/{other}");
            (await portal.WithKey(corporationKey).PostAsJsonAsync($"/api/v1/tenancies/{other}/follow-ups",
                new { month = 3, stillHoused = true, outcome = "Zorgen" })).EnsureSuccessStatusCode();
            await page.GetByLabel("Moment").SelectOptionAsync("3");
            await page.GetByLabel("Woont uw cliënt nog in de woning?").SelectOptionAsync(new SelectOptionValue { Label = "ja" });
            await page.GetByLabel("Hoe gaat het?").SelectOptionAsync(new SelectOptionValue { Label = "stabiel" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Nazorg vastleggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("De nazorg na 3 maanden was al vastgelegd (woont er nog: ja, zorgen); uw invoer is niet opgeslagen.");
            await session.AssertAccessibleAsync();
            Assert.Equal(FollowUpOutcome.Zorgen, (await TenancyAsync(providerKey, other)).FollowUps.Single(f => f.Month == 3).Outcome);
            await page.GetByRole(AriaRole.Link, new() { Name = "Pagina opnieuw laden" }).ClickAsync();
            await Assertions.Expect(page.Locator("tbody tr", new() { HasTextString = "3 maanden" })).ToContainTextAsync("vastgelegd: zorgen");
            session.AssertNoErrors();
        }

        await AssertStrangerFindsNothingAsync($"/nazorg/{tenancy.Id}", "/nazorg?filter=alle", "Nog geen huurovereenkomsten van uw cliënten.");
    }

    /// <summary>A person of another provider: its own list opens (empty), the resource by its address is "niet gevonden" with 404.</summary>
    private async Task AssertStrangerFindsNothingAsync(string path, string ownList, string empty)
    {
        var (other, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var stranger = await portal.CreatePersonAsync(other);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(stranger);
        Assert.Equal(200, (await session.Page.GotoAsync(ownList))!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(empty);
        await session.AssertAccessibleAsync();
        var response = await session.Page.GotoAsync(path);
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        await session.AssertAccessibleAsync();
        Assert.All(session.Errors, e => Assert.Contains("status of 404", e, StringComparison.Ordinal));
    }

    private async Task<MatchDto> MatchAsync(string key, Guid id) =>
        (await portal.WithKey(key).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{id}", Json.Options))!;

    private async Task<TenancyDto> TenancyAsync(string key, Guid id) =>
        (await portal.WithKey(key).GetFromJsonAsync<TenancyDto>($"/api/v1/tenancies/{id}", Json.Options))!;
}
