using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Monitoring;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Monitoring;

/// <summary>
/// The monitoring page in a real browser (issue 13: "the monitoring dashboard moved into the portal behind sign-in"):
/// a person of a municipality sees the figures of its own residents with small numbers hidden, a person of the
/// Matchingspunt the exact figures of the whole region, nobody signed out sees any; the CSV download is the person's
/// scope; /dashboard leads here. The expected figures are worked out from the history the fixture inserts
/// (<see cref="MonitoringHistory"/>, its table of placements) with the definitions of docs/monitoring.md, not read
/// from the handlers.
/// </summary>
public sealed class MonitoringPageTests(MonitoringPortalFixture portal) : IClassFixture<MonitoringPortalFixture>
{
    private const string Venlo = "GM0983";
    private const string Roermond = "GM0957";
    private const string PageWithPeriod = "/monitoring?from=2026-01-01&to=2026-12-31";
    private static readonly DateOnly Registered = new(2026, 3, 2); // every unit and candidate of the history was registered then

    private static readonly (string UnitIn, char Owner, string Herkomst, string ReadySince, string Start)[] Placements = MonitoringHistory.Placements;

    [Fact]
    public async Task AMunicipalitySeesTheFiguresOfItsOwnResidentsWithSmallNumbersHidden()
    {
        var person = await portal.CreatePersonAsync(portal.History.VenloId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        await page.SignInAsync(person, PageWithPeriod);
        var response = await page.ReloadAsync();

        Assert.Equal(PortalPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Monitoring");
        // Its own residents unless it chooses the whole region; another municipality is not offered.
        Assert.Equal(Venlo, await page.GetByLabel("Gemeente", new() { Exact = true }).InputValueAsync());
        Assert.Equal(["", Venlo], await page.Locator("#veld-gemeente option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        Assert.Equal(("2026-01-01", "2026-12-31"), (await page.GetByLabel("Van", new() { Exact = true }).InputValueAsync(),
            await page.GetByLabel("Tot en met", new() { Exact = true }).InputValueAsync()));

        // People by herkomstgemeente (docs/monitoring.md): Venlo's residents only. The queue: the history's five
        // (two whose match was declined or expired, one urgent, one from the MO, one needing prikkelarm).
        var housed = Placements.Where(p => p.Herkomst == Venlo).ToList();
        Assert.Equal("5", await FigureAsync(page, "wachtrij-totaal"));
        Assert.Equal([["Venlo", "5"]], await TableAsync(page, "tabel-wachtrij"));
        // Inflow: every candidate from Venlo (placed, the declined and the expired one, the three waiting, the withdrawn one).
        Assert.Equal(Num(housed.Count + 2 + 3 + 1), await FigureAsync(page, "instroom"));
        // Proposals: every placement and the declined and the expired one; nominations: not the expired one.
        Assert.Equal([["Voorstellen", Num(housed.Count + 2)], ["Voordrachten", Num(housed.Count + 1)], ["Acceptaties", Num(housed.Count)],
            ["Huurcontracten", Num(housed.Count)], ["Afwijzingen", "<5"], ["Verlopen voorstellen", "<5"]], await TableAsync(page, "tabel-werkproces"));
        var waits = housed.Select(Wait).ToList();
        Assert.Equal(Num(housed.Count), await FigureAsync(page, "wachttijd-huurcontracten"));
        Assert.Equal(Num(Percentile(waits, 0.5)), await FigureAsync(page, "wachttijd-mediaan"));
        Assert.Equal(Num(Percentile(waits, 0.9)), await FigureAsync(page, "wachttijd-p90"));
        // One decline: not broken down by reason.
        await Assertions.Expect(page.Locator("#tabel-afwijzingen")).ToContainTextAsync("Minder dan 5 afwijzingen: niet uitgesplitst naar reden.");

        // "<5" shows its sign with its meaning as a tooltip and is read out as that meaning; the note explains it.
        var small = page.Locator("#tabel-werkproces td[data-value='<5']").First;
        Assert.Equal(("<5", "minder dan 5", "true"), (await small.Locator("abbr").TextContentAsync(), await small.Locator("abbr").GetAttributeAsync("title"),
            await small.Locator("abbr").GetAttributeAsync("aria-hidden")));
        await Assertions.Expect(small).ToHaveAccessibleNameAsync("minder dan 5");
        await Assertions.Expect(page.Locator("#kleine-aantallen")).ToContainTextAsync("afgeschermd als x");

        // The chart is drawn from the table.
        var queue = await ChartAsync(page, "grafiek-wachtrij");
        Assert.Equal(["Venlo"], queue.Labels);
        Assert.Equal([5.0], Assert.Single(queue.Datasets).Data);

        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AMunicipalityThatAsksForAnotherMunicipalityOrABadDateGetsTheRefusalNextToTheField()
    {
        var person = await portal.CreatePersonAsync(portal.History.VenloId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, PageWithPeriod);

        await page.GotoAsync($"{PageWithPeriod}&gemeente={Roermond}");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("De cijfers kunnen niet getoond worden");
        const string own = "Als gemeente ziet u de cijfers van uw eigen inwoners en die van de hele regio. Kies uw eigen gemeente of de hele regio.";
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { Name = own })).ToHaveAttributeAsync("href", $"{PageWithPeriod}&gemeente={Roermond}#veld-gemeente");
        await Assertions.Expect(page.Locator("#veld-gemeente-fout")).ToHaveTextAsync(own);
        await Assertions.Expect(page.Locator("#veld-gemeente")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await page.Locator("#monitoring").CountAsync()); // no figures at all
        await session.AssertAccessibleAsync();

        await page.GotoAsync("/monitoring?from=2026-02-30&to=2026-12-31");

        await Assertions.Expect(page.Locator("#veld-from-fout")).ToHaveTextAsync("Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-01-31.");
        await Assertions.Expect(page.Locator("#veld-from")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await page.Locator("#monitoring").CountAsync());

        await page.GotoAsync("/monitoring?from=2026-12-31&to=2026-01-01");

        await Assertions.Expect(page.Locator("#veld-from-fout")).ToHaveTextAsync("De begindatum ligt na de einddatum.");
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheMatchingspuntSeesExactFiguresForEveryMunicipalityOfItsRegion()
    {
        var person = await portal.CreatePersonAsync(portal.History.MatchingspuntId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        await page.SignInAsync(person, PageWithPeriod);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Monitoring");
        Assert.Equal("", await page.GetByLabel("Gemeente", new() { Exact = true }).InputValueAsync());
        Assert.Equal(15, await page.Locator("#veld-gemeente option").CountAsync()); // the whole region and its 14 municipalities

        // The queue: 7 (Venlo 5, Roermond 2, the other twelve 0), 1 urgent; nothing hidden.
        Assert.Equal(("7", "1"), (await FigureAsync(page, "wachtrij-totaal"), await FigureAsync(page, "wachtrij-urgent")));
        var queue = await TableAsync(page, "tabel-wachtrij");
        Assert.Equal(14, queue.Length);
        Assert.Equal(("5", "2", "0"), (Row(queue, "Venlo")[1], Row(queue, "Roermond")[1], Row(queue, "Beesel")[1]));
        Assert.Equal(0, await page.Locator("[data-value='<5'], [data-value='x']").CountAsync());
        Assert.Equal(0, await page.Locator("#kleine-aantallen").CountAsync());

        // The workflow: nine placements, two declined after nomination, one proposal expired.
        var n = Placements.Length;
        Assert.Equal([["Voorstellen", Num(n + 3)], ["Voordrachten", Num(n + 2)], ["Acceptaties", Num(n)], ["Huurcontracten", Num(n)],
            ["Afwijzingen", "2"], ["Verlopen voorstellen", "1"]], await TableAsync(page, "tabel-werkproces"));
        // Each step took 1, 2 and 3 days.
        Assert.Equal([["Voorstel tot voordracht", Num(n + 2), "1"], ["Voordracht tot acceptatie", Num(n), "2"], ["Acceptatie tot huurcontract", Num(n), "3"]],
            await TableAsync(page, "tabel-doorlooptijd"));
        Assert.Equal(2, (await TableAsync(page, "tabel-afwijzingen")).Length);

        // Waiting times over every placement, and per quarter of the tenancy's start (Q4 has none).
        var waits = Placements.Select(Wait).ToList();
        Assert.Equal((Num(n), Num(Percentile(waits, 0.5)), Num(Percentile(waits, 0.9))),
            (await FigureAsync(page, "wachttijd-huurcontracten"), await FigureAsync(page, "wachttijd-mediaan"), await FigureAsync(page, "wachttijd-p90")));
        var quarters = Enumerable.Range(1, 4).Select(q => Placements.Where(p => (DateOnly.Parse(p.Start, CultureInfo.InvariantCulture).Month - 1) / 3 + 1 == q)
            .Select(Wait).ToList()).ToList();
        var expectedQuarters = quarters.Select((w, i) => new[] { $"2026-Q{i + 1}", Num(w.Count), w.Count == 0 ? "null" : Num(Percentile(w, 0.5)) }).ToArray();
        Assert.Equal(expectedQuarters, await TableAsync(page, "tabel-wachttijd"));
        var waitingChart = await ChartAsync(page, "grafiek-wachttijd");
        Assert.Equal(expectedQuarters.Select(q => q[0]), waitingChart.Labels);
        Assert.Equal(quarters.Select(w => w.Count == 0 ? (double?)null : Percentile(w, 0.5)), Assert.Single(waitingChart.Datasets).Data);

        // Duurzame uitstroom at 6 months: the first two tenancies, one still housed; omklap: both due, one realised.
        Assert.Equal(["6 maanden", "2", "2", "1", "0.5"], (await TableAsync(page, "tabel-duurzaam"))[0]);
        Assert.Equal([["2", "1", "0.5"]], await TableAsync(page, "tabel-omklap"));

        // Spreiding: placements where the unit is.
        Assert.Equal(Num(n), await FigureAsync(page, "spreiding-totaal"));
        var spreiding = await TableAsync(page, "tabel-spreiding");
        Assert.Equal(14, spreiding.Length);
        foreach (var (code, name) in new[] { (Venlo, "Venlo"), (Roermond, "Roermond"), ("GM0889", "Beesel") })
            Assert.Equal(Num(Placements.Count(p => p.UnitIn == code)), Row(spreiding, name)[1]);
        var spreidingChart = await ChartAsync(page, "grafiek-spreiding");
        Assert.Equal(spreiding.Select(r => r[0]), spreidingChart.Labels);
        Assert.Equal(["Plaatsingen", "Verwacht (eerlijk aandeel)"], spreidingChart.Datasets.Select(d => d.Label));
        Assert.Equal(spreiding.Select(r => (double?)double.Parse(r[1], CultureInfo.InvariantCulture)), spreidingChart.Datasets[0].Data);

        // Supply: 15 units posted (nine let, five open now, one withdrawn); the median days from posting to letting.
        var daysToLet = Placements.Select(p => (double)(DateOnly.Parse(p.Start, CultureInfo.InvariantCulture).DayNumber - Registered.DayNumber)).ToList();
        Assert.Equal(("15", Num(n), "1", "5", Num(Percentile(daysToLet, 0.5))),
            (await FigureAsync(page, "aanbod-aangeboden"), await FigureAsync(page, "aanbod-verhuurd"), await FigureAsync(page, "aanbod-ingetrokken"),
             await FigureAsync(page, "aanbod-beschikbaar"), await FigureAsync(page, "aanbod-mediaan")));
        Assert.Equal(5, (await TableAsync(page, "tabel-tekorten")).Length);

        // The agreements of 2026: Wonen Maas in Venlo (10, six let there) and Wonen Roer in Roermond (2, both let).
        var agreements = (await TableAsync(page, "tabel-afspraken")).Select(r => (r[0], r[1], r[2], r[3], r[6])).OrderBy(r => r.Item1).ToList();
        Assert.Equal([
            ("Wonen Maas", "Venlo", "10", Num(Placements.Count(p => p is { Owner: 'A', UnitIn: Venlo })), "Behind"),
            ("Wonen Roer", "Roermond", "2", Num(Placements.Count(p => p is { Owner: 'B', UnitIn: Roermond })), "Met"),
        ], agreements);
        Assert.Equal(["Achter", "Gehaald"], (await page.Locator("#tabel-afspraken td[data-value]:last-child").AllTextContentsAsync()).Order());

        // Every chart is a canvas with a size, announced as an image with a label.
        foreach (var canvas in await page.Locator("canvas").AllAsync())
        {
            Assert.Equal("img", await canvas.GetAttributeAsync("role"));
            Assert.False(string.IsNullOrWhiteSpace(await canvas.GetAttributeAsync("aria-label")));
            Assert.True(await canvas.BoundingBoxAsync() is { Width: > 100, Height: > 100 }, "a chart's canvas has no size");
        }
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task SomebodyNotSignedInIsSentToSignInAndBackToTheFigures()
    {
        using var http = portal.Https();
        foreach (var path in new[] { "/monitoring", "/monitoring/export?report=summary" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/inloggen?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("Wachtrij", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var person = await portal.CreatePersonAsync(portal.History.MatchingspuntId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/monitoring");
        Assert.EndsWith("/inloggen?returnUrl=%2Fmonitoring", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Monitoring");
        Assert.EndsWith("/monitoring", page.Url, StringComparison.Ordinal);
        // The default period: the twelve months up to today (2026-10-01 on the fixture's clock).
        Assert.Equal(("2025-10-02", "2026-10-01"), (await page.GetByLabel("Van", new() { Exact = true }).InputValueAsync(),
            await page.GetByLabel("Tot en met", new() { Exact = true }).InputValueAsync()));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheDashboardAddressLeadsToTheMonitoringPageWithItsQuery()
    {
        using var http = portal.Https();
        foreach (var (path, expected) in new[] { ("/dashboard", "/monitoring"), ("/dashboard/", "/monitoring"), ("/dashboard?from=2026-01-01&gemeente=GM0983", "/monitoring?from=2026-01-01&gemeente=GM0983") })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(expected, response.Headers.Location!.OriginalString);
            Assert.Equal(PortalPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        }
        // The old page and its files are gone; the key-pasting page with them.
        foreach (var gone in new[] { "/dashboard/app.js", "/dashboard/index.html", "/dashboard/vendor/chart.umd.min.js" })
        {
            using var response = await http.GetAsync(gone);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var person = await portal.CreatePersonAsync(portal.History.VenloId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person);
        await page.GotoAsync("/dashboard?from=2026-01-01&to=2026-12-31");
        Assert.EndsWith("/monitoring?from=2026-01-01&to=2026-12-31", page.Url, StringComparison.Ordinal);
        Assert.Equal("5", await FigureAsync(page, "wachtrij-totaal"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheCsvDownloadsAreTheExportOfThePersonsOwnScope()
    {
        var venlo = await portal.CreatePersonAsync(portal.History.VenloId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(venlo, PageWithPeriod);

        var files = new Dictionary<string, (string Name, byte[] Content)>();
        foreach (var (link, report) in new[] { ("Overzicht (wachtrij, werkproces, wachttijd, uitstroom) downloaden als CSV", "summary"), ("Spreiding downloaden als CSV", "spreiding"),
            ("Aanbod downloaden als CSV", "supply"), ("Prestatieafspraken downloaden als CSV", "agreements") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
            files[report] = (download.SuggestedFilename, await File.ReadAllBytesAsync((await download.PathAsync())!));
        }

        // The summary of Venlo's own residents, in the default dialect (docs/monitoring.md: UTF-8 with BOM, ';', CRLF).
        var (name, content) = files["summary"];
        Assert.Equal("nml-summary-nml-gm0983-20260101-20261231.csv", name);
        Assert.Equal([0xEF, 0xBB, 0xBF], content[..3]);
        var lines = Encoding.UTF8.GetString(content[3..]).Split("\r\n");
        Assert.Equal("Onderdeel;Kenmerk;Waarde", lines[0]);
        Assert.Contains("Wachtrij;Totaal;5", lines);
        Assert.Contains("Wachtrij per gemeente;Venlo;5", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Wachtrij per gemeente;Roermond", StringComparison.Ordinal));
        Assert.Contains("Werkproces;Afwijzingen;<5", lines);
        // Every file is byte for byte what the API exports for the municipality's key with the same filters.
        using var api = portal.WithKey(portal.History.Venlo);
        foreach (var (report, file) in files)
        {
            using var expected = await api.GetAsync($"/api/v1/monitoring/export?report={report}&regionCode=NML&gemeente={Venlo}&from=2026-01-01&to=2026-12-31");
            Assert.True(expected.IsSuccessStatusCode, $"{report}: {(int)expected.StatusCode}");
            Assert.Equal(await expected.Content.ReadAsByteArrayAsync(), file.Content);
        }
        Assert.Contains("Wonen Maas", Encoding.UTF8.GetString(files["agreements"].Content), StringComparison.Ordinal);

        // Another municipality's detail is refused here as in the API: the Dutch status page, no file.
        var refused = await page.GotoAsync($"/monitoring/export?report=summary&gemeente={Roermond}&from=2026-01-01&to=2026-12-31");
        Assert.Equal(403, refused!.Status);
        Assert.StartsWith("text/html", await refused.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        session.AssertNoErrors(documentStatus: 403);
    }

    [Fact]
    public async Task TheExcelDownloadHasDutchHeadersRealNumbersAndTheSmallNumbersHiddenAsInTheCsv()
    {
        var venlo = await portal.CreatePersonAsync(portal.History.VenloId);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(venlo, PageWithPeriod);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Overzicht (wachtrij, werkproces, wachttijd, uitstroom) downloaden als Excel (.xlsx)" }).ClickAsync());

        Assert.Equal("nml-summary-nml-gm0983-20260101-20261231.xlsx", download.SuggestedFilename);
        var rows = XlsxCells.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal([("Onderdeel", false), ("Kenmerk", false), ("Waarde", false)], rows[0]);
        (string, bool) Value(string part, string label) => rows.Where(r => r.Count == 3 && r[0].Text == part && r[1].Text == label).Select(r => r[2]).Single();
        // The same figures as the CSV of the same scope (the test above): numbers in number cells, "<5" as text.
        Assert.Equal(("5", true), Value("Wachtrij", "Totaal"));
        Assert.Equal(("5", true), Value("Wachtrij per gemeente", "Venlo"));
        Assert.DoesNotContain(rows, r => r[0].Text == "Wachtrij per gemeente" && r[1].Text == "Roermond");
        Assert.Equal(("<5", false), Value("Werkproces", "Afwijzingen"));
        session.AssertNoErrors();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /// <summary>The portal's policy as docs/decisions.md (D42) states it.</summary>
    private const string PortalPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>Days from readySince to the tenancy's start (docs/monitoring.md, waiting time).</summary>
    private static double Wait((string UnitIn, char Owner, string Herkomst, string ReadySince, string Start) p) =>
        DateOnly.Parse(p.Start, CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(p.ReadySince, CultureInfo.InvariantCulture).DayNumber;

    /// <summary>A percentile by linear interpolation between the order statistics (type 7, docs/decisions.md D28), to one decimal as the figures are given.</summary>
    private static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var h = (sorted.Count - 1) * p;
        var low = (int)Math.Floor(h);
        var value = low + 1 < sorted.Count ? sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
        return Math.Round(value, 1, MidpointRounding.AwayFromZero);
    }

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string[] Row(string[][] table, string name) => table.Single(r => r[0] == name);

    /// <summary>The raw value of a figure (its data-value).</summary>
    private static async Task<string?> FigureAsync(IPage page, string id) => await page.Locator($"#{id}").GetAttributeAsync("data-value");

    /// <summary>A table's body: per row the row header's text, then each cell's data-value (else its text).</summary>
    private static Task<string[][]> TableAsync(IPage page, string id) => page.EvaluateAsync<string[][]>(
        """
        id => [...document.getElementById(id).tBodies[0].rows]
          .filter(row => !row.querySelector('.portal-empty'))
          .map(row => [...row.cells].map(cell => cell.tagName === 'TH' ? cell.textContent.trim() : (cell.dataset.value ?? cell.textContent.trim())))
        """, id);

    private sealed record ChartData(string[] Labels, Dataset[] Datasets);

    private sealed record Dataset(string Label, double?[] Data);

    /// <summary>What Chart.js plots on a canvas, once monitoring.js has drawn it.</summary>
    private static async Task<ChartData> ChartAsync(IPage page, string canvasId)
    {
        await page.WaitForFunctionAsync("id => window.Chart !== undefined && Chart.getChart(document.getElementById(id)) !== undefined", canvasId);
        var data = await page.EvaluateAsync<JsonElement>(
            """
            id => {
              const chart = Chart.getChart(document.getElementById(id));
              return { labels: chart.data.labels, datasets: chart.data.datasets.map(d => ({ label: d.label, data: d.data })) };
            }
            """, canvasId);
        return data.Deserialize<ChartData>(JsonSerializerOptions.Web)!;
    }
}
