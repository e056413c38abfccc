using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;
using DashboardPage = NML.Matching.Api.Infrastructure.Web.Dashboard;
using Xunit.Abstractions;

namespace NML.Matching.Api.Tests.Dashboard;

/// <summary>
/// The monitoring dashboard in a real browser (Debian's Chromium through Playwright) against the real API with the
/// demo data: what the page draws and tabulates must be exactly what the JSON endpoints answer for the same filters.
/// </summary>
public sealed class DashboardTests(DashboardFixture api, ITestOutputHelper output) : IClassFixture<DashboardFixture>
{
    private const string VenloKey = "nml_gm0983_demo";

    [Fact]
    public async Task AGemeenteSeesChartsThatMatchTheApi()
    {
        var watch = Stopwatch.StartNew();
        await EnsureAgreementAsync(2026, 12);
        await EnsureAgreementAsync(2025, 4);
        await using var session = await BrowserSession.OpenAsync(api);
        var page = session.Page;

        await page.GotoAsync(new Uri(api.BaseAddress, "dashboard").ToString());
        await page.GetByLabel("API-sleutel", new() { Exact = true }).FillAsync(VenloKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        var first = await WaitUntilShownAsync(page, Filters.Of("NML", "", "", "2025-03-03", "2026-03-02"));

        // The key lives in this tab's sessionStorage only: not in localStorage, not in the address.
        Assert.Equal(VenloKey, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('nml.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.DoesNotContain(VenloKey, page.Url, StringComparison.Ordinal);
        Assert.Contains("Gemeente Venlo", await page.Locator("#who").TextContentAsync(), StringComparison.Ordinal);

        // A municipality may choose the whole region or itself, nothing else.
        Assert.Equal(["", "GM0983"], await page.Locator("#f-gemeente option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));

        var shown = await CompareWithApiAsync(page, first, VenloKey);
        await SaveScreenshotAsync(page);
        // The demo region has small numbers, and counts withheld beside them: each shows its sign and says what it means.
        Assert.True(await AssertMarksAreExplainedAsync(page, "<5", "minder dan 5") > 0, "the page shows no \"<5\"");
        Assert.True(await AssertMarksAreExplainedAsync(page, "x", "afgeschermd") > 0, "the page shows no \"x\"");
        await Assertions.Expect(page.Locator("#suppressed-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#suppressed-note")).ToContainTextAsync("afgeschermd als x");

        // Another municipality filter and another period: the page follows the API again.
        var second = Filters.Of("NML", "", "GM0983", "2025-01-01", "2025-12-31");
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("GM0983");
        await page.GetByLabel("Van", new() { Exact = true }).FillAsync(second.From);
        await page.GetByLabel("Tot en met", new() { Exact = true }).FillAsync(second.To);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await WaitUntilShownAsync(page, second);
        var shownAfter = await CompareWithApiAsync(page, second, VenloKey);
        Assert.NotEqual(shown, shownAfter);
        Assert.Equal("(2025)", await page.Locator("#agreements-year").TextContentAsync());

        // One point of the region (Venlo's): the municipalities of Noord only.
        var third = Filters.Of("NML", "Noord", "", "2025-03-03", "2026-03-02");
        await page.GetByLabel("Punt", new() { Exact = true }).SelectOptionAsync("Noord");
        await page.GetByLabel("Gemeente", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByLabel("Van", new() { Exact = true }).FillAsync(third.From);
        await page.GetByLabel("Tot en met", new() { Exact = true }).FillAsync(third.To);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon", Exact = true }).ClickAsync();
        await WaitUntilShownAsync(page, third);
        Assert.NotEqual(shown, await CompareWithApiAsync(page, third, VenloKey));

        await AssertAccessibleAsync(page);
        session.AssertNoErrors();
        output.WriteLine($"browser test took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AMatchingspuntSeesExactNumbersForEveryMunicipalityOfItsRegion()
    {
        await using var session = await BrowserSession.OpenAsync(api);
        var page = session.Page;
        await page.GotoAsync(new Uri(api.BaseAddress, "dashboard").ToString());
        await page.GetByLabel("API-sleutel", new() { Exact = true }).FillAsync("nml_mpnoord_demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        var filters = await WaitUntilShownAsync(page, Filters.Of("NML", "", "", "2025-03-03", "2026-03-02"));

        Assert.Equal(15, await page.Locator("#f-gemeente option").CountAsync()); // the whole region and its 14 municipalities
        await CompareWithApiAsync(page, filters, "nml_mpnoord_demo");
        Assert.Equal(0, await page.Locator("[data-value='<5'], [data-value='x']").CountAsync());
        await Assertions.Expect(page.Locator("#suppressed-note")).ToBeHiddenAsync();
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("&point=Noord")]
    public async Task TheDemoPagesGiveNoHiddenCountAwayToAnyReader(string filters)
    {
        // The small-number rule on the two years of demo data (many municipalities and owners, each knowing its own
        // figures), checked by the independent interval arithmetic of Monitoring/Disclosure against the exact page.
        using var venlo = api.Http(VenloKey);
        using var mp = api.Http("nml_mpnoord_demo");
        async Task<Monitoring.MonitoringPage> PageAsync(HttpClient http) => new(
            await GetJsonAsync(http, $"/api/v1/monitoring/summary?from=2025-03-03&to=2026-03-02{filters}"),
            await GetJsonAsync(http, $"/api/v1/monitoring/spreiding?from=2025-03-03&to=2026-03-02{filters}"),
            await GetJsonAsync(http, $"/api/v1/monitoring/supply?from=2025-03-03&to=2026-03-02{filters}"));
        var page = await PageAsync(venlo);
        var exact = await PageAsync(mp);

        var (findings, hiddenSmallCounts) = Monitoring.Disclosure.Check(page, exact, summaryNarrowed: filters.Length > 0);

        Assert.True(hiddenSmallCounts >= 20, $"only {hiddenSmallCounts} hidden counts of 1-4 were checked");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        // Most of the page stays: the rule withholds what it must, not whole reports.
        Assert.NotEqual(JsonValueKind.String, page.Spreiding.GetProperty("totalPlacements").ValueKind);
        output.WriteLine($"{filters}: {hiddenSmallCounts} hidden counts of 1-4 checked");
    }

    [Fact]
    public async Task CsvDownloadsAreTheApisExportForTheShownFilters()
    {
        await EnsureAgreementAsync(2026, 12);
        await using var session = await BrowserSession.OpenAsync(api);
        var page = session.Page;
        await page.GotoAsync(new Uri(api.BaseAddress, "dashboard").ToString());
        await page.GetByLabel("API-sleutel", new() { Exact = true }).FillAsync(VenloKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        var filters = await WaitUntilShownAsync(page, Filters.Of("NML", "", "", "2025-03-03", "2026-03-02"));

        using var http = api.Http(VenloKey);
        foreach (var (section, report) in new[] { ("s-queue", "summary"), ("s-spreiding", "spreiding"), ("s-supply", "supply"), ("s-agreements", "agreements") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#{section} button.csv").ClickAsync());
            var file = await File.ReadAllBytesAsync((await download.PathAsync())!);
            using var expected = await http.GetAsync($"/api/v1/monitoring/export{filters.Query}&report={report}&format=csv");
            Assert.True(expected.IsSuccessStatusCode, $"export {report}: {(int)expected.StatusCode} {await expected.Content.ReadAsStringAsync()}");
            Assert.Equal(await expected.Content.ReadAsByteArrayAsync(), file);
            var disposition = expected.Content.Headers.ContentDisposition;
            Assert.Equal(disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'), download.SuggestedFilename);
            Assert.True(file.Length > 0, $"the {report} CSV is empty");
        }
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheDashboardIsServedWithAStrictPolicyAndAsksForAKey()
    {
        using var noRedirect = api.Http(followRedirects: false);
        using var redirect = await noRedirect.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);
        AssertSecurityHeaders(redirect);

        using var http = api.Http();
        using var index = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(index);
        var html = await index.Content.ReadAsStringAsync();
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);

        using var script = await http.GetAsync("/dashboard/app.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(script);
        using var missing = await http.GetAsync("/dashboard/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The page is not part of the API's contract.
        Assert.DoesNotContain("/dashboard", await http.GetStringAsync("/openapi/v1.json"), StringComparison.Ordinal);

        await using var session = await BrowserSession.OpenAsync(api);
        var page = session.Page;
        var response = await page.GotoAsync(new Uri(api.BaseAddress, "dashboard").ToString());
        Assert.Equal(DashboardPage.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await page.WaitForSelectorAsync("body[data-state='signed-out']");

        Assert.Equal("NML Matching — monitoring", await page.TitleAsync());
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        var key = page.GetByLabel("API-sleutel", new() { Exact = true });
        await Assertions.Expect(key).ToBeVisibleAsync();
        Assert.Equal("password", await key.GetAttributeAsync("type"));
        Assert.Equal("api-key", await page.Locator("label", new() { HasText = "API-sleutel" }).GetAttributeAsync("for"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('nml.apiKey')"));

        // A wrong key: the problem's detail in an alert, and the key is forgotten.
        await key.FillAsync("nml_not_a_key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aanmelden mislukt");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('nml.apiKey')"));

        // The 401 of the wrong key is the one error the browser may report (as a failed resource load).
        session.AssertNoErrors(allowed: "401");
    }

    /// <summary>A performance agreement of Maasvallei Wonen with Venlo for <paramref name="year"/>, recorded by Venlo through the API.</summary>
    private async Task EnsureAgreementAsync(int year, int targetUnits)
    {
        using var admin = api.Http(ApiFactory.AdminKey);
        var organisations = await GetJsonAsync(admin, "/api/v1/organisations?pageSize=200");
        var maasvallei = organisations.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Maasvallei Wonen");
        using var venlo = api.Http(VenloKey);
        using var created = await venlo.PostAsJsonAsync("/api/v1/performance-agreements", new
        {
            corporationId = maasvallei.GetProperty("id").GetGuid(),
            gemeenteCode = "GM0983",
            year,
            targetUnits,
            note = "Uitstroom beschermd wonen",
        });
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"creating an agreement: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(DashboardPage.ContentSecurityPolicy, string.Join(", ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", string.Join(", ", response.Headers.GetValues("X-Frame-Options")));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Comparing the page with the API

    /// <summary>The filters as the page sends them (empty ones omitted, in this order).</summary>
    private sealed record Filters(string RegionCode, string Point, string Gemeente, string From, string To)
    {
        public static Filters Of(string regionCode, string point, string gemeente, string from, string to) => new(regionCode, point, gemeente, from, to);

        public string Query => "?" + string.Join("&", new[] { ("regionCode", RegionCode), ("point", Point), ("gemeente", Gemeente), ("from", From), ("to", To) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }

    /// <summary>Waits until the page has shown the data for <paramref name="filters"/>, and checks its filter fields say so.</summary>
    private static async Task<Filters> WaitUntilShownAsync(IPage page, Filters filters)
    {
        await page.WaitForFunctionAsync(
            "q => document.body.dataset.state === 'ready' && document.getElementById('dashboard').dataset.query === q",
            filters.Query, new() { Timeout = 30_000 });
        Assert.Equal(filters.RegionCode, await page.GetByLabel("Regio", new() { Exact = true }).InputValueAsync());
        Assert.Equal(filters.Point, await page.GetByLabel("Punt", new() { Exact = true }).InputValueAsync());
        Assert.Equal(filters.Gemeente, await page.GetByLabel("Gemeente", new() { Exact = true }).InputValueAsync());
        Assert.Equal(filters.From, await page.GetByLabel("Van", new() { Exact = true }).InputValueAsync());
        Assert.Equal(filters.To, await page.GetByLabel("Tot en met", new() { Exact = true }).InputValueAsync());
        return filters;
    }

    /// <summary>
    /// Asks the API what the page should show and compares every chart and table with it. Returns what the charts
    /// plot, so that a later state can be told apart.
    /// </summary>
    private async Task<string> CompareWithApiAsync(IPage page, Filters filters, string key)
    {
        using var http = api.Http(key);
        var summary = await GetJsonAsync(http, "/api/v1/monitoring/summary" + filters.Query);
        var spreiding = await GetJsonAsync(http, "/api/v1/monitoring/spreiding" + filters.Query);
        var supply = await GetJsonAsync(http, "/api/v1/monitoring/supply" + filters.Query);
        var year = filters.To[..4];
        var agreementsPage = await GetJsonAsync(http,
            $"/api/v1/performance-agreements?year={year}&pageSize=100" + (filters.Gemeente.Length > 0 ? $"&gemeente={filters.Gemeente}" : ""));
        var gemeenten = await GetJsonAsync(http, $"/api/v1/gemeenten?region={filters.RegionCode}&pageSize=100");
        var inSelection = gemeenten.GetProperty("items").EnumerateArray()
            .Where(g => filters.Point.Length == 0 || g.GetProperty("point").GetString() == filters.Point)
            .Select(g => g.GetProperty("code").GetString()).ToHashSet();
        var agreements = agreementsPage.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("regionCode").GetString() == filters.RegionCode && inSelection.Contains(a.GetProperty("gemeenteCode").GetString()))
            .ToList();

        var queue = summary.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().ToList();
        var rows = spreiding.GetProperty("gemeenten").EnumerateArray().ToList();
        var quarters = spreiding.GetProperty("byQuarter").EnumerateArray().ToList();
        var waiting = summary.GetProperty("waitingTimeByQuarter").EnumerateArray().ToList();
        var declines = summary.GetProperty("declines").EnumerateArray().ToList();
        var shortages = supply.GetProperty("shortages").EnumerateArray().ToList();
        var supplyRows = supply.GetProperty("rows").EnumerateArray().ToList();
        Assert.NotEmpty(queue);
        Assert.NotEmpty(rows);

        var charts = new List<ChartData>
        {
            await AssertChartAsync(page, "chart-queue", Labels(queue, "name"), ("Wachtenden", Values(queue, "count"))),
            await AssertChartAsync(page, "chart-spreiding", Labels(rows, "name"),
                ("Plaatsingen", Values(rows, "placements")), ("Verwacht (eerlijk aandeel)", Values(rows, "expected"))),
            await AssertChartAsync(page, "chart-spreiding-quarter", Labels(quarters, "quarter"), ("Spreidingsindex", Values(quarters, "index"))),
            await AssertChartAsync(page, "chart-waiting", Labels(waiting, "quarter"), ("Mediane wachttijd (dagen)", Values(waiting, "medianDays"))),
            await AssertChartAsync(page, "chart-declines", [.. declines.Select(DeclineLabel)], ("Afwijzingen", Values(declines, "count"))),
            await AssertChartAsync(page, "chart-supply", Labels(shortages, "label"), ("Kandidaten", Values(shortages, "candidates")), ("Woningen", Values(shortages, "units"))),
        };

        await AssertTableAsync(page, "#table-queue", queue, "name", "count");
        await AssertTableAsync(page, "#table-spreiding", rows, "name", "placements", "fairShare", "expected", "ratio");
        await AssertTableAsync(page, "#table-spreiding-quarter", quarters, "quarter", "placements", "index");
        await AssertTableAsync(page, "#table-waiting", waiting, "quarter", "tenancies", "medianDays");
        await AssertTableAsync(page, "#table-declines", declines, "reasonCode", "party", "count");
        await AssertTableAsync(page, "#table-shortages", shortages, "label", "candidates", "units", "gap");
        await AssertTableAsync(page, "#table-supply", supplyRows, "name", "ownerName", "posted", "let", "withdrawn", "medianDaysToLet");
        await AssertTableAsync(page, "#table-agreements", agreements,
            "corporationName", "gemeenteName", "targetUnits", "realisedUnits", "percentage", "expectedByNow", "status");
        var statuses = await page.Locator("#table-agreements tbody td.status").AllTextContentsAsync();
        Assert.Equal(agreements.Select(a => a.GetProperty("status").GetString() switch
        {
            "OnTrack" => "Op schema",
            "Behind" => "Achter",
            "Met" => "Gehaald",
            var other => other,
        }), statuses);

        await AssertFigureAsync(page, "#queue-total", summary.GetProperty("queue").GetProperty("total"));
        await AssertFigureAsync(page, "#queue-urgent", summary.GetProperty("queue").GetProperty("urgent"));
        await AssertFigureAsync(page, "#spreiding-index", spreiding.GetProperty("index"));
        await AssertFigureAsync(page, "#spreiding-total", spreiding.GetProperty("totalPlacements"));
        await AssertFigureAsync(page, "#waiting-median", summary.GetProperty("waitingTime").GetProperty("medianDays"));
        await AssertFigureAsync(page, "#waiting-p90", summary.GetProperty("waitingTime").GetProperty("p90Days"));
        await AssertFigureAsync(page, "#waiting-tenancies", summary.GetProperty("waitingTime").GetProperty("tenancies"));
        await AssertFigureAsync(page, "#supply-posted", supply.GetProperty("totals").GetProperty("posted"));
        await AssertFigureAsync(page, "#supply-let", supply.GetProperty("totals").GetProperty("let"));
        await AssertFigureAsync(page, "#supply-open", supply.GetProperty("totals").GetProperty("openNow"));

        // Every chart is drawn on a canvas that has a size and is announced as an image with a label.
        foreach (var canvas in await page.Locator("canvas").AllAsync())
        {
            Assert.Equal("img", await canvas.GetAttributeAsync("role"));
            Assert.False(string.IsNullOrWhiteSpace(await canvas.GetAttributeAsync("aria-label")));
            var box = await canvas.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, "a chart's canvas has no size");
        }
        output.WriteLine($"{filters.Query}: {queue.Count} municipalities in the queue, {declines.Count} decline reasons, {agreements.Count} agreements, {quarters.Count} quarters");
        return JsonSerializer.Serialize(charts);
    }

    /// <summary>
    /// Every value shown as <paramref name="sign"/> ("&lt;5", "x"), in a table or a figure, shows the sign with its
    /// meaning as a tooltip and gives screen readers the meaning instead of the sign; a table cell is named by it.
    /// Returns how many there are.
    /// </summary>
    private static async Task<int> AssertMarksAreExplainedAsync(IPage page, string sign, string meaning)
    {
        var marked = page.Locator($"#dashboard [data-value='{sign}']");
        var count = await marked.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var element = marked.Nth(i);
            var abbr = element.Locator("abbr.mark");
            Assert.Equal((sign, meaning, "true"), (await abbr.TextContentAsync(), await abbr.GetAttributeAsync("title"), await abbr.GetAttributeAsync("aria-hidden")));
            Assert.Equal(meaning, await element.Locator(".visually-hidden").TextContentAsync());
            if (await element.EvaluateAsync<string>("e => e.tagName") == "TD") await Assertions.Expect(element).ToHaveAccessibleNameAsync(meaning);
        }
        return count;
    }

    private static string DeclineLabel(JsonElement decline) =>
        decline.GetProperty("party") is { ValueKind: JsonValueKind.String } party
            ? $"{decline.GetProperty("reasonCode").GetString()} ({party.GetString()})"
            : decline.GetProperty("reasonCode").GetString()!;

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Labels(IEnumerable<JsonElement> items, string property) =>
        [.. items.Select(i => i.GetProperty(property).GetString() ?? "")];

    /// <summary>What a chart must plot for a property: the number, or null where the API says "&lt;5" or null.</summary>
    private static double?[] Values(IEnumerable<JsonElement> items, string property) =>
        [.. items.Select(i => i.GetProperty(property) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : (double?)null)];

    private sealed record ChartData(string[] Labels, Dataset[] Datasets);

    private sealed record Dataset(string Label, double?[] Data);

    private static async Task<ChartData> AssertChartAsync(IPage page, string canvasId, string[] labels, params (string Label, double?[] Data)[] datasets)
    {
        var data = await page.EvaluateAsync<JsonElement>(
            """
            id => {
              const chart = Chart.getChart(document.getElementById(id));
              return chart ? { labels: chart.data.labels, datasets: chart.data.datasets.map(d => ({ label: d.label, data: d.data })) } : null;
            }
            """, canvasId);
        var chart = data.Deserialize<ChartData>(JsonSerializerOptions.Web);
        Assert.NotNull(chart);
        Assert.Equal(labels, chart.Labels);
        Assert.Equal(datasets.Select(d => d.Label), chart.Datasets.Select(d => d.Label));
        for (var i = 0; i < datasets.Length; i++)
            Assert.True(datasets[i].Data.SequenceEqual(chart.Datasets[i].Data),
                $"{canvasId} '{datasets[i].Label}': the API says [{Show(datasets[i].Data)}], the chart plots [{Show(chart.Datasets[i].Data)}]");
        return chart;
    }

    private static string Show(IEnumerable<double?> values) =>
        string.Join(", ", values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "null"));

    /// <summary>
    /// Compares a table's rows with the API's items: per cell the raw value (its <c>data-value</c>, else that of the
    /// element inside it that has one, else its text) against the property, in the given column order.
    /// </summary>
    private static async Task AssertTableAsync(IPage page, string table, IReadOnlyList<JsonElement> items, params string[] properties)
    {
        var cells = await page.EvaluateAsync<string[][]>(
            """
            selector => [...document.querySelectorAll(selector + ' tbody tr')]
              .filter(row => !row.querySelector('td.empty'))
              .map(row => [...row.cells].map(cell => cell.dataset.value
                ?? cell.querySelector('[data-value]')?.dataset.value
                ?? cell.textContent.trim()))
            """, table);
        Assert.True(items.Count == cells.Length, $"{table}: the API has {items.Count} rows, the table {cells.Length}");
        for (var row = 0; row < items.Count; row++)
        {
            Assert.Equal(properties.Length, cells[row].Length);
            for (var column = 0; column < properties.Length; column++)
            {
                var expected = items[row].GetProperty(properties[column]);
                Assert.True(SameValue(expected, cells[row][column]),
                    $"{table} row {row + 1}, {properties[column]}: the API says {expected.GetRawText()}, the table {cells[row][column]}");
            }
        }
    }

    private static async Task AssertFigureAsync(IPage page, string selector, JsonElement expected)
    {
        var shown = await page.Locator(selector).GetAttributeAsync("data-value");
        Assert.True(SameValue(expected, shown ?? ""), $"{selector}: the API says {expected.GetRawText()}, the page {shown}");
    }

    /// <summary>A JSON value against what the page holds: numbers numerically, "&lt;5" and text as they are, null as "null" or "–".</summary>
    private static bool SameValue(JsonElement expected, string shown) => expected.ValueKind switch
    {
        JsonValueKind.Number => double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && Math.Abs(value - expected.GetDouble()) < 1e-9,
        JsonValueKind.Null => shown is "null" or "–",
        JsonValueKind.String => shown == expected.GetString(),
        _ => false,
    };

    // -----------------------------------------------------------------------------------------------------------
    // Screenshot and accessibility

    private async Task SaveScreenshotAsync(IPage page)
    {
        var root = RepositoryRoot();
        var path = root is null
            ? Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png")
            : Path.Combine(root, "artifacts", "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        if (root is not null && Environment.GetEnvironmentVariable("UPDATE_DASHBOARD_SCREENSHOT") == "1")
        {
            var docs = Path.Combine(root, "docs", "dashboard.png");
            File.Copy(path, docs, overwrite: true);
            output.WriteLine($"screenshot: {docs}");
        }
    }

    /// <summary>
    /// Runs axe-core (npm's axe-core from web/node_modules, as web/package-lock.json pins it) in the page: no serious
    /// or critical violation of WCAG 2.1 A/AA. The script is evaluated through the browser's debugging protocol,
    /// which the page's Content Security Policy does not govern, so the policy stays as served.
    /// </summary>
    private async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await File.ReadAllTextAsync(await AxeCore.PathAsync());
        await page.EvaluateAsync("() => {\n" + axe + "\n}");
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return {
                passes: result.passes.length,
                violations: result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) })),
              };
            }
            """);
        output.WriteLine($"axe-core: {violations.GetProperty("passes").GetInt32()} rules passed");
        Assert.True(violations.GetProperty("passes").GetInt32() > 10, "axe-core did not run");
        violations = violations.GetProperty("violations");
        var serious = violations.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToList();
        foreach (var violation in violations.EnumerateArray()) output.WriteLine($"axe: {violation.GetRawText()}");
        Assert.True(serious.Count == 0, "axe-core found serious accessibility problems:\n" + string.Join("\n", serious.Select(v => v.GetRawText())));
    }

    internal static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "NML.Matching.sln"))) return directory.FullName;
        return null;
    }
}
