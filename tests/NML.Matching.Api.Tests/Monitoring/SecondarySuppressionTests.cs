using System.Net;
using System.Text.Json;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>
/// Secondary suppression over HTTP (docs/monitoring.md, D38) on the hand-made <see cref="MonitoringDataset"/>, where
/// plain subtraction would give hidden counts back: the queue of 7 is Venlo 5, Roermond 2 and twelve zeros; by setting
/// 6 and 1; by prikkelarm need 0, 6 (preferred, the default of the test candidates) and 1; in point Noord 7 placements
/// are Venlo 6 and Beesel 1.
/// </summary>
public sealed class SecondarySuppressionTests(MonitoringDataset data) : IClassFixture<MonitoringDataset>
{
    private async Task<JsonElement> GetAsync(string key, string url)
    {
        var response = await data.WithKey(key).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<MonitoringPage> PageAsync(string key, string filters) => new(
        await GetAsync(key, $"/api/v1/monitoring/summary?{MonitoringDataset.Period}{filters}"),
        await GetAsync(key, $"/api/v1/monitoring/spreiding?{MonitoringDataset.Period}{filters}"),
        await GetAsync(key, $"/api/v1/monitoring/supply?{MonitoringDataset.Period}{filters}"));

    private static string Count(JsonElement list, string keyName, string key) =>
        list.EnumerateArray().Single(i => i.GetProperty(keyName).GetString() == key).GetProperty("count").GetRawText();

    [Fact]
    public void TheCheckFindsTheRoermondCaseAsItWasShownBefore()
    {
        // The positive control of the check below: total 7, Venlo 5, "<5" and zeros, as the API answered before D38.
        static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
        var before = new Disclosure.Table("queue by municipality", new("queue", Json("7"), 7),
            [new("GM0983", Json("5"), 5), new("GM0957", Json("\"<5\""), 2), new("GM0889", Json("0"), 0)], Complete: true);
        var after = before with { Parts = [new("GM0983", Json("\"x\""), 5), new("GM0957", Json("\"<5\""), 2), new("GM0889", Json("0"), 0)] };
        var ones = new Disclosure.Table("two ones", new("t", Json("12"), 12),
            [new("a", Json("\"x\""), 10), new("b", Json("\"<5\""), 1), new("c", Json("\"<5\""), 1), new("d", Json("0"), 0)], Complete: true);
        var onesBefore = ones with { Parts = [new("a", Json("10"), 10), new("b", Json("\"<5\""), 1), new("c", Json("\"<5\""), 1), new("d", Json("0"), 0)] };

        var findings = new List<string>();
        Assert.Equal(1, Disclosure.Check(before, findings));
        Assert.Equal(["queue by municipality: GM0957 can be worked out: 2"], findings);
        findings.Clear();
        Assert.Equal(1, Disclosure.Check(after, findings));
        Assert.Empty(findings);
        Assert.Equal(2, Disclosure.Check(onesBefore, findings));
        Assert.Equal(["two ones: b can be worked out: 1", "two ones: c can be worked out: 1"], findings);
        findings.Clear();
        Disclosure.Check(ones, findings);
        Assert.Empty(findings);
    }

    [Theory]
    [InlineData("venlo", "")]
    [InlineData("venlo", "&point=Noord")]
    [InlineData("venlo", "&gemeente=GM0983")]
    [InlineData("roermond", "&gemeente=GM0957")]
    [InlineData("corporation", "")]
    [InlineData("provider", "&point=Midden")]
    public async Task NoHiddenCountCanBeWorkedOutFromTheOtherFiguresOfThePage(string who, string filters)
    {
        var key = who switch { "venlo" => data.Venlo, "roermond" => data.Roermond, "corporation" => data.CorporationA, _ => data.Provider };
        var page = await PageAsync(key, filters);
        var exact = await PageAsync(data.Matchingspunt, filters);

        Assert.True(page.Summary.GetProperty("suppressed").GetBoolean());
        var (findings, hiddenSmallCounts) = Disclosure.Check(page, exact, gemeenteFilter: filters.Contains("gemeente"), summaryNarrowed: filters.Length > 0);

        Assert.True(hiddenSmallCounts >= 5, $"only {hiddenSmallCounts} hidden counts of 1-4 were checked");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task TheRoermondCaseNoLongerGivesRoermondAway()
    {
        var page = await PageAsync(data.Venlo, "");
        var queue = page.Summary.GetProperty("queue");

        // Venlo's 5 goes with Roermond's "<5"; so does the 6 beside the one candidate from MO, and the 6 who prefer a
        // prikkelarm home (the test candidates' default) beside the one who needs it. The total stays, and every zero.
        Assert.Equal(("7", "\"x\"", "\"<5\"", "0"), (queue.GetProperty("total").GetRawText(), Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0983"),
            Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0957"), Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0889")));
        Assert.Equal(("\"x\"", "\"<5\""), (Count(queue.GetProperty("byCurrentSetting"), "key", "BeschermdWonen"), Count(queue.GetProperty("byCurrentSetting"), "key", "MaatschappelijkeOpvang")));
        Assert.Equal(("0", "\"x\"", "\"<5\""), (Count(queue.GetProperty("byPrikkelarmNeed"), "key", "None"), Count(queue.GetProperty("byPrikkelarmNeed"), "key", "Preferred"),
            Count(queue.GetProperty("byPrikkelarmNeed"), "key", "Required")));
        // Nothing is small by status or support need: those stay as they are.
        Assert.Equal("7", Count(queue.GetProperty("byStatus"), "key", "Ready"));
        // The supply's candidates needing a prikkelarm home are the same people: the same "<5", and no gap.
        var prikkelarm = page.Supply.GetProperty("shortages").EnumerateArray().Single(s => s.GetProperty("need").GetString() == "prikkelarm");
        Assert.Equal(("\"<5\"", JsonValueKind.Null), (prikkelarm.GetProperty("candidates").GetRawText(), prikkelarm.GetProperty("gap").ValueKind));
        // Two declines (under 5) are not broken down by reason: two "<5" would say "at least 2".
        Assert.Equal("\"<5\"", page.Summary.GetProperty("workflow").GetProperty("declines").GetRawText());
        Assert.Empty(page.Summary.GetProperty("declines").EnumerateArray());
    }

    [Fact]
    public async Task InPointNoordTheTotalGoesBecauseVenlosOwnerWouldTellItsSix()
    {
        // Noord: Venlo 6 (all Wonen Maas) and Beesel 1, by quarter 2, 4, 1 and 0. Beesel = 7 - 6; withholding Venlo
        // does not help, since Wonen Maas's lets there are the same 6. Without the total, the quarters say 5-12.
        var page = await PageAsync(data.Venlo, "&point=Noord");
        var spreiding = page.Spreiding;
        var rows = spreiding.GetProperty("gemeenten").EnumerateArray().ToDictionary(g => g.GetProperty("gemeenteCode").GetString()!);

        Assert.Equal("\"x\"", spreiding.GetProperty("totalPlacements").GetRawText());
        Assert.Equal(("6", "\"<5\""), (rows["GM0983"].GetProperty("placements").GetRawText(), rows["GM0889"].GetProperty("placements").GetRawText()));
        Assert.Equal(["\"<5\"", "\"<5\"", "\"<5\"", "0"], spreiding.GetProperty("byQuarter").EnumerateArray().Select(q => q.GetProperty("placements").GetRawText()));
        // The expected number (total × share) would give the total back, and the ratio with it.
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null),
            (rows["GM0983"].GetProperty("expected").ValueKind, rows["GM0983"].GetProperty("ratio").ValueKind, spreiding.GetProperty("index").ValueKind));
        Assert.Equal("\"x\"", page.Supply.GetProperty("totals").GetProperty("let").GetRawText());
        // The Matchingspunt sees it all.
        var exact = await GetAsync(data.Matchingspunt, $"/api/v1/monitoring/spreiding?{MonitoringDataset.Period}&point=Noord");
        Assert.Equal(7, exact.GetProperty("totalPlacements").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, exact.GetProperty("index").ValueKind);
    }

    [Fact]
    public async Task TheCsvWithholdsWhatTheJsonWithholds()
    {
        var json = await PageAsync(data.Venlo, "&point=Noord");
        var summary = await ExportLinesAsync("summary", "&point=Noord");
        var spreiding = await ExportLinesAsync("spreiding", "&point=Noord");
        var supply = await ExportLinesAsync("supply", "&point=Noord");

        Assert.Contains("Wachtrij;Totaal;" + Csv(json.Summary.GetProperty("queue").GetProperty("total")), summary);
        var byGemeente = json.Summary.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().ToList();
        Assert.NotEmpty(byGemeente);
        foreach (var row in byGemeente) Assert.Contains($"Wachtrij per gemeente;{row.GetProperty("name").GetString()};{Csv(row.GetProperty("count"))}", summary);
        Assert.Contains("NML;Totaal;Noord;x;1;;;", spreiding);
        Assert.Contains(supply, l => l.StartsWith("NML;Totaal;;", StringComparison.Ordinal) && l.Split(';')[4] == "x");
    }

    private static string Csv(JsonElement count) => count.ValueKind == JsonValueKind.String ? count.GetString()! : count.GetRawText();

    private async Task<string[]> ExportLinesAsync(string report, string filters)
    {
        var response = await data.WithKey(data.Venlo).GetAsync($"/api/v1/monitoring/export?report={report}&{MonitoringDataset.Period}{filters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
