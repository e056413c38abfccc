using System.Net;
using System.Text.Json;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>
/// Secondary suppression over HTTP (docs/monitoring.md, D39) on the hand-made <see cref="MonitoringDataset"/>, where
/// plain subtraction would give hidden counts back. The queue of 7 is Venlo 5, Roermond 2 and twelve zeros; by
/// status all Ready, by support need all Midden; by setting 6 and 1; by prikkelarm need 0, 6 (preferred, the
/// default of the test candidates) and 1. The 9 placements are Venlo 6 (all Wonen Maas), Roermond 2 (Wonen Roer),
/// Beesel 1 (Wonen Maas); by quarter 2, 5, 2, 0. In point Noord 7 placements: Venlo 6 and Beesel 1, by quarter 2, 4,
/// 1, 0. Every expected mark below is worked out by hand with the rule of docs/monitoring.md.
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

    private string KeyOf(string who) => who switch
    {
        "venlo" => data.Venlo,
        "roermond" => data.Roermond,
        "corporation" => data.CorporationA,
        "corporationB" => data.CorporationB,
        _ => data.Provider,
    };

    private static string Count(JsonElement list, string keyName, string key) =>
        list.EnumerateArray().Single(i => i.GetProperty(keyName).GetString() == key).GetProperty("count").GetRawText();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static Disclosure.Cell Cell(string name, string shown, int exact) => new(name, Json(shown), exact);

    [Fact]
    public void TheCheckFindsWhatSubtractionGivesAway()
    {
        // The positive controls of the checks below. As the API answered before D39: Roermond = 7 - 5.
        var venlo = new Disclosure.Reader("Venlo", new HashSet<string> { "GM0983" });
        Disclosure.Table Queue(string total, string venloShown) => new("queue by municipality", Cell("queue", total, 7),
            [Cell("GM0983", venloShown, 5), Cell("GM0957", "\"<5\"", 2), Cell("GM0889", "0", 0)], Complete: true);
        var (findings, checkedCounts) = Disclosure.Check([Queue("7", "5")], []);
        Assert.Equal(["a reader of the page: GM0957 can be worked out: 2"], findings);
        Assert.Equal(1, checkedCounts);

        // With Venlo withheld, a reader of the page finds Roermond 1 or 2; Venlo itself, knowing its 5, finds 2.
        (findings, _) = Disclosure.Check([Queue("7", "\"x\"")], [venlo]);
        Assert.Equal(["Venlo: GM0957 can be worked out: 2"], findings);

        // With the total withheld too, and the one status that would give it back, nobody can.
        var byStatus = new Disclosure.Table("queue by status", Cell("queue", "\"x\"", 7), [Cell("Ready", "\"x\"", 7), Cell("Parked", "0", 0)], Complete: true);
        // (Checked: Roermond for both readers, and for Venlo the total, 2 of whose 7 are not its own.)
        (findings, checkedCounts) = Disclosure.Check([Queue("\"x\"", "\"x\""), byStatus], [venlo]);
        Assert.Empty(findings);
        Assert.Equal(3, checkedCounts);
        // But a status shown beside the withheld total gives it back, and Venlo finds the total and Roermond again:
        // the tables are read together.
        (findings, _) = Disclosure.Check([Queue("\"x\"", "\"x\""), byStatus with { Parts = [Cell("Ready", "7", 7), Cell("Parked", "0", 0)] }], [venlo]);
        Assert.Equal(["Venlo: queue can be worked out: 7", "Venlo: GM0957 can be worked out: 2"], findings);

        // Two tables of one total: by quarter the total is 2 + 5 = 7, so by municipality Beesel = 7 - 6 for anyone.
        var byQuarter = new Disclosure.Table("placements by quarter", Cell("placements", "\"x\"", 7), [Cell("Q1", "2", 2), Cell("Q2", "5", 5)], Complete: true);
        var byGemeente = new Disclosure.Table("placements by municipality", Cell("placements", "\"x\"", 7), [Cell("Venlo", "6", 6), Cell("Beesel", "\"<5\"", 1)], Complete: true);
        (findings, _) = Disclosure.Check([byQuarter, byGemeente], []);
        Assert.Equal(["a reader of the page: Beesel can be worked out: 1"], findings);
    }

    [Fact]
    public async Task EveryCallerUnderTheRuleSeesTheSamePage()
    {
        // Every municipality and owner counts as knowing its own figures, whoever asks: the marks do not depend on the
        // caller, so two callers cannot put their pages together.
        var venlo = await PageAsync(data.Venlo, "");
        foreach (var who in new[] { "roermond", "corporation", "corporationB", "provider" })
        {
            var other = await PageAsync(KeyOf(who), "");
            Assert.Equal(venlo.Summary.GetRawText(), other.Summary.GetRawText());
            Assert.Equal(venlo.Spreiding.GetRawText(), other.Spreiding.GetRawText());
            Assert.Equal(venlo.Supply.GetRawText(), other.Supply.GetRawText());
        }
    }

    [Theory]
    [InlineData("venlo", "")]
    [InlineData("corporation", "&point=Noord")]
    [InlineData("provider", "&point=Midden")]
    public async Task NoHiddenCountCanBeWorkedOutFromThePageByAnyReaderOrByAMunicipalityOrOwnerThatKnowsItsOwn(string who, string filters)
    {
        var page = await PageAsync(KeyOf(who), filters);
        var exact = await PageAsync(data.Matchingspunt, filters);

        Assert.True(page.Summary.GetProperty("suppressed").GetBoolean());
        var (findings, hiddenSmallCounts) = Disclosure.Check(page, exact, summaryNarrowed: filters.Length > 0);

        Assert.True(hiddenSmallCounts >= 10, $"only {hiddenSmallCounts} hidden counts of 1-4 were checked");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("venlo", "GM0983")]
    [InlineData("roermond", "GM0957")]
    public async Task AMunicipalitysOwnResidentsCannotBeWorkedOutFromItsOwnPageByAnyoneElse(string who, string gemeente)
    {
        var page = await PageAsync(KeyOf(who), $"&gemeente={gemeente}");
        var exact = await PageAsync(data.Matchingspunt, $"&gemeente={gemeente}");

        var (findings, hiddenSmallCounts) = Disclosure.Check(page, exact, summaryNarrowed: true, gemeenteFilter: true);

        Assert.True(hiddenSmallCounts >= 3, $"only {hiddenSmallCounts} hidden counts of 1-4 were checked");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Theory]
    [InlineData("GM0983")]
    [InlineData("GM0957")]
    [InlineData("GM0889")]
    public async Task AMunicipalityFilterShowsTheMarksOfTheRegionForItsRows(string gemeente)
    {
        // Otherwise the total shown under one filter and withheld under none would give a hidden count back.
        // (A corporation may narrow spreiding and supply to a municipality, not the summary.)
        var region = await PageAsync(data.CorporationA, "");
        var one = (Spreiding: await GetAsync(data.CorporationA, $"/api/v1/monitoring/spreiding?{MonitoringDataset.Period}&gemeente={gemeente}"),
            Supply: await GetAsync(data.CorporationA, $"/api/v1/monitoring/supply?{MonitoringDataset.Period}&gemeente={gemeente}"));

        Assert.Equal(region.Spreiding.GetProperty("totalPlacements").GetRawText(), one.Spreiding.GetProperty("totalPlacements").GetRawText());
        Assert.Equal(region.Spreiding.GetProperty("byQuarter").GetRawText(), one.Spreiding.GetProperty("byQuarter").GetRawText());
        Assert.Equal(region.Spreiding.GetProperty("index").GetRawText(), one.Spreiding.GetProperty("index").GetRawText());
        var row = region.Spreiding.GetProperty("gemeenten").EnumerateArray().Single(g => g.GetProperty("gemeenteCode").GetString() == gemeente);
        Assert.Equal(row.GetRawText(), Assert.Single(one.Spreiding.GetProperty("gemeenten").EnumerateArray()).GetRawText());
        var rows = region.Supply.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("gemeenteCode").GetString() == gemeente).Select(r => r.GetProperty("let").GetRawText()).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(rows, one.Supply.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("let").GetRawText()));
        Assert.Equal(row.GetProperty("placements").GetRawText(), one.Supply.GetProperty("totals").GetProperty("let").GetRawText());
    }

    [Fact]
    public async Task TheRoermondCaseNoLongerGivesRoermondAwayNotEvenToVenlo()
    {
        var page = await PageAsync(data.Venlo, "");
        var queue = page.Summary.GetProperty("queue");
        var own = await GetAsync(data.Venlo, $"/api/v1/monitoring/summary?{MonitoringDataset.Period}&gemeente=GM0983");

        // Venlo's own page shows its 5 residents. So the region's total of 7 goes with Venlo's 5 (else Roermond = 7 - 5),
        // and so do Ready and Midden, which hold all 7 and would give the total back. Every zero stays.
        Assert.Equal(5, own.GetProperty("queue").GetProperty("total").GetInt32());
        Assert.Equal(("\"x\"", "\"x\"", "\"<5\"", "0"), (queue.GetProperty("total").GetRawText(), Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0983"),
            Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0957"), Count(queue.GetProperty("byGemeente"), "gemeenteCode", "GM0889")));
        Assert.Equal(("\"x\"", "0"), (Count(queue.GetProperty("byStatus"), "key", "Ready"), Count(queue.GetProperty("byStatus"), "key", "Parked")));
        Assert.Equal("\"x\"", Count(queue.GetProperty("bySupportNeed"), "key", "Midden"));
        // The 6 beside the one candidate from MO goes, and the 6 who prefer a prikkelarm home beside the one who needs it.
        Assert.Equal(("\"x\"", "\"<5\""), (Count(queue.GetProperty("byCurrentSetting"), "key", "BeschermdWonen"), Count(queue.GetProperty("byCurrentSetting"), "key", "MaatschappelijkeOpvang")));
        Assert.Equal(("0", "\"x\"", "\"<5\""), (Count(queue.GetProperty("byPrikkelarmNeed"), "key", "None"), Count(queue.GetProperty("byPrikkelarmNeed"), "key", "Preferred"),
            Count(queue.GetProperty("byPrikkelarmNeed"), "key", "Required")));
        Assert.Equal("\"<5\"", queue.GetProperty("urgent").GetRawText());
        // The supply's candidates needing a prikkelarm home are the same people: the same "<5", and no gap.
        var prikkelarm = page.Supply.GetProperty("shortages").EnumerateArray().Single(s => s.GetProperty("need").GetString() == "prikkelarm");
        Assert.Equal(("\"<5\"", JsonValueKind.Null), (prikkelarm.GetProperty("candidates").GetRawText(), prikkelarm.GetProperty("gap").ValueKind));
        // Two declines (under 5) are not broken down by reason: two "<5" would say "at least 2".
        Assert.Equal("\"<5\"", page.Summary.GetProperty("workflow").GetProperty("declines").GetRawText());
        Assert.Empty(page.Summary.GetProperty("declines").EnumerateArray());

        // What Venlo can work out of Roermond from all of this: 1 to 4, nothing more.
        var exact = await PageAsync(data.Matchingspunt, "");
        var venlo = Disclosure.ReadersOf(exact).Single(r => r.Name == "municipality GM0983");
        var (findings, hiddenSmallCounts) = Disclosure.Check(Disclosure.TablesOf(page, exact, summaryNarrowed: false), [venlo]);
        Assert.True(hiddenSmallCounts > 0);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public async Task TheRegionsPlacementsTotalGoesBecauseBeeselKnowsItsOwnPlacement()
    {
        // 9 placements: Venlo 6, Roermond "<5", Beesel "<5". A reader of the page finds Roermond + Beesel = 3 (1 and 2,
        // or 2 and 1); but Beesel knows its own 1, so Roermond = 9 - 6 - 1. Venlo's 6 cannot help (Wonen Maas's 6 lets
        // there are shown), the quarters cannot (5 is no total), the total can: by quarter it is 7 to 13.
        var page = await PageAsync(data.Roermond, "");
        var spreiding = page.Spreiding;
        var rows = spreiding.GetProperty("gemeenten").EnumerateArray().ToDictionary(g => g.GetProperty("gemeenteCode").GetString()!);

        Assert.Equal("\"x\"", spreiding.GetProperty("totalPlacements").GetRawText());
        Assert.Equal(("6", "\"<5\"", "\"<5\""), (rows["GM0983"].GetProperty("placements").GetRawText(), rows["GM0957"].GetProperty("placements").GetRawText(),
            rows["GM0889"].GetProperty("placements").GetRawText()));
        Assert.Equal(["\"<5\"", "5", "\"<5\"", "0"], spreiding.GetProperty("byQuarter").EnumerateArray().Select(q => q.GetProperty("placements").GetRawText()));
        // The summary's tenancies are the same placements, and so is the supply's total of lets.
        Assert.Equal("\"x\"", page.Summary.GetProperty("waitingTime").GetProperty("tenancies").GetRawText());
        Assert.Equal("\"x\"", page.Supply.GetProperty("totals").GetProperty("let").GetRawText());
        // The expected numbers (total × share) would give the total back, the ratios with them, and the index.
        Assert.Equal(14, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (r.GetProperty("expected").ValueKind, r.GetProperty("ratio").ValueKind)));
        Assert.Equal(JsonValueKind.Null, spreiding.GetProperty("index").ValueKind);
        // The Matchingspunt sees it all.
        var exact = await GetAsync(data.Matchingspunt, $"/api/v1/monitoring/spreiding?{MonitoringDataset.Period}");
        Assert.Equal(9, exact.GetProperty("totalPlacements").GetInt32());
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
        var json = await PageAsync(data.Venlo, "");
        var summary = await ExportLinesAsync("summary", "");
        var spreiding = await ExportLinesAsync("spreiding", "");
        var supply = await ExportLinesAsync("supply", "");

        Assert.Contains("Wachtrij;Totaal;x", summary);
        var byGemeente = json.Summary.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().ToList();
        Assert.Equal(14, byGemeente.Count);
        foreach (var row in byGemeente) Assert.Contains($"Wachtrij per gemeente;{row.GetProperty("name").GetString()};{Csv(row.GetProperty("count"))}", summary);
        Assert.Contains("Wachtrij per gemeente;Venlo;x", summary);
        Assert.Contains("Wachttijd;Huurcontracten gestart;x", summary);
        Assert.Contains("NML;Totaal;;x;1;;;", spreiding);
        Assert.Contains(spreiding, l => l.StartsWith("GM0957;Roermond;", StringComparison.Ordinal) && l.Split(';')[3] == "<5");
        Assert.Contains(supply, l => l.StartsWith("NML;Totaal;;", StringComparison.Ordinal) && l.Split(';')[4] == "x");
        Assert.Contains(supply, l => l.StartsWith("GM0957;Roermond;Wonen Roer;", StringComparison.Ordinal) && l.Split(';')[4] == "x");
    }

    private static string Csv(JsonElement count) => count.ValueKind == JsonValueKind.String ? count.GetString()! : count.GetRawText();

    private async Task<string[]> ExportLinesAsync(string report, string filters)
    {
        var response = await data.WithKey(data.Venlo).GetAsync($"/api/v1/monitoring/export?report={report}&{MonitoringDataset.Period}{filters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
