using System.Text.Json;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>The three reports that the dashboard shows side by side, for one caller and one set of filters.</summary>
public sealed record MonitoringPage(JsonElement Summary, JsonElement Spreiding, JsonElement Supply);

/// <summary>
/// What a reader can work out from one monitoring page by adding and subtracting, written independently of the
/// API's rule (docs/monitoring.md): every additive table of the page (a total and the counts that add up to it, a
/// rest that is not shown included), with what the reader knows of each cell: a number; <c>"&lt;5"</c> is 1-4;
/// <c>"x"</c> is 5 or more, or anything from 0 when the total is below 5; a row left out of the page is anything
/// from 0. The exact page (the Matchingspunt's, same filters) says what every cell really is. A finding is a hidden
/// count of 1-4 (or a rest of 1-4) that its table narrows to one value, a number that differs from the exact page,
/// one figure shown differently in two places, or a figure computed from a hidden count.
/// </summary>
public static class Disclosure
{
    private const int Unbounded = 1_000_000;

    /// <summary>A cell of a table: what the restricted page shows (null: left out) and its true value.</summary>
    public sealed record Cell(string Name, JsonElement? Shown, int Exact);

    /// <summary>A total and its parts; not complete: a rest (total minus parts) that no one shows.</summary>
    public sealed record Table(string Name, Cell Total, IReadOnlyList<Cell> Parts, bool Complete, bool UnderSmallTotal = false);

    /// <summary>Findings for a page, and how many hidden small counts were checked.</summary>
    public static (List<string> Findings, int HiddenSmallCounts) Check(MonitoringPage page, MonitoringPage exact, bool gemeenteFilter, bool summaryNarrowed)
    {
        var tables = TablesOf(page, exact, gemeenteFilter);
        var findings = new List<string>();
        var hidden = 0;
        foreach (var table in tables) hidden += Check(table, findings);
        findings.AddRange(SameFigures(page, gemeenteFilter, summaryNarrowed));
        findings.AddRange(DerivedFigures(page));
        return (findings, hidden);
    }

    /// <summary>Checks one table: returns how many hidden counts of 1-4 it held, and adds what a reader could work out.</summary>
    public static int Check(Table table, List<string> findings)
    {
        var checkedCounts = 0;
        var (totalLo, totalHi) = Bounds(table.Total.Shown, underSmallTotal: table.UnderSmallTotal);
        var cells = table.Parts.Select(p => (p.Name, p.Exact, Shown: p.Shown, Bounds: Bounds(p.Shown, IsSmall(table.Total.Shown) || table.UnderSmallTotal))).ToList();
        if (!table.Complete) cells.Add(($"{table.Name}: the rest", table.Total.Exact - table.Parts.Sum(p => p.Exact), null, (0, Unbounded)));
        if (table.Total.Shown is { ValueKind: JsonValueKind.Number } shownTotal && shownTotal.GetInt32() != table.Total.Exact)
            findings.Add($"{table.Name}: the total shows {shownTotal.GetInt32()}, but is {table.Total.Exact}");
        foreach (var cell in cells.Where(c => c.Shown is { ValueKind: JsonValueKind.Number } n && n.GetInt32() != c.Exact))
            findings.Add($"{table.Name}: {cell.Name} shows {cell.Shown!.Value.GetRawText()}, but is {cell.Exact}");
        var sumLo = cells.Sum(c => (long)c.Bounds.Lo);
        var sumHi = cells.Sum(c => (long)c.Bounds.Hi);
        // The total from its parts, and each part from the total and the other parts.
        var total = (Lo: Math.Max(totalLo, sumLo), Hi: Math.Min(totalHi, sumHi));
        if (IsHidden(table.Total.Shown) && table.Total.Exact is >= 1 and <= 4)
        {
            checkedCounts++;
            Judge(table.Name, "the total", table.Total.Exact, total, findings);
        }
        foreach (var cell in cells.Where(c => c.Exact is >= 1 and <= 4 && c.Shown is not { ValueKind: JsonValueKind.Number }))
        {
            checkedCounts++;
            var range = (Lo: Math.Max(cell.Bounds.Lo, total.Lo - (sumHi - cell.Bounds.Hi)), Hi: Math.Min(cell.Bounds.Hi, total.Hi - (sumLo - cell.Bounds.Lo)));
            Judge(table.Name, cell.Name, cell.Exact, range, findings);
        }
        return checkedCounts;
    }

    private static void Judge(string table, string cell, int exact, (long Lo, long Hi) range, List<string> findings)
    {
        if (exact < range.Lo || exact > range.Hi) findings.Add($"{table}: {cell} is {exact}, outside what the page allows ({range.Lo}-{range.Hi})");
        else if (range.Lo == range.Hi) findings.Add($"{table}: {cell} can be worked out: {exact}");
    }

    private static (long Lo, long Hi) Bounds(JsonElement? shown, bool underSmallTotal) => shown switch
    {
        null => (0, Unbounded),
        { ValueKind: JsonValueKind.Number } n => (n.GetInt32(), n.GetInt32()),
        { ValueKind: JsonValueKind.String } s when s.GetString() == "<5" => (1, 4),
        { ValueKind: JsonValueKind.String } s when s.GetString() == "x" => underSmallTotal ? (0, 4) : (5, Unbounded),
        var other => throw new InvalidOperationException($"Not a count: {other.Value.GetRawText()}"),
    };

    private static bool IsSmall(JsonElement? shown) => shown is { ValueKind: JsonValueKind.String } s && s.GetString() == "<5";

    private static bool IsHidden(JsonElement? shown) => shown is not { ValueKind: JsonValueKind.Number };

    private static JsonElement Get(JsonElement element, params string[] path) => path.Aggregate(element, (e, p) => e.GetProperty(p));

    private static int Exact(JsonElement element) => element.GetInt32();

    /// <summary>The additive tables of the page, each cell with its true value from the exact page.</summary>
    public static List<Table> TablesOf(MonitoringPage page, MonitoringPage exact, bool gemeenteFilter)
    {
        var tables = new List<Table>();
        Cell Of(string name, JsonElement shown, JsonElement real) => new(name, shown, Exact(real));

        // The queue: one total, five breakdowns, urgent and the candidates per need beside it.
        var queue = Of("queue", Get(page.Summary, "queue", "total"), Get(exact.Summary, "queue", "total"));
        foreach (var (property, key) in new[] { ("byStatus", "key"), ("byCurrentSetting", "key"), ("bySupportNeed", "key"), ("byPrikkelarmNeed", "key"), ("byGemeente", "gemeenteCode") })
        {
            var exactRows = Get(exact.Summary, "queue", property).EnumerateArray().ToList();
            var rows = Get(page.Summary, "queue", property).EnumerateArray().ToDictionary(r => r.GetProperty(key).GetString()!);
            tables.Add(new Table($"queue {property}", queue,
                [.. exactRows.Select(r => new Cell(r.GetProperty(key).GetString()!, rows.TryGetValue(r.GetProperty(key).GetString()!, out var row) ? row.GetProperty("count") : null, Exact(r.GetProperty("count"))))],
                Complete: true));
        }
        tables.Add(new Table("queue urgent", queue, [Of("urgent", Get(page.Summary, "queue", "urgent"), Get(exact.Summary, "queue", "urgent"))], Complete: false));
        var exactNeeds = Get(exact.Supply, "shortages").EnumerateArray().ToList();
        var needs = Get(page.Supply, "shortages").EnumerateArray().ToDictionary(n => n.GetProperty("need").GetString()!);
        foreach (var need in exactNeeds)
        {
            var name = need.GetProperty("need").GetString()!;
            tables.Add(new Table($"queue with need {name}", queue, [Of(name, needs[name].GetProperty("candidates"), need.GetProperty("candidates"))], Complete: false));
        }

        // Declines by reason: a list of the reasons that occurred.
        var declines = Get(page.Summary, "declines").EnumerateArray().ToDictionary(Reason);
        tables.Add(new Table("declines", Of("declines", Get(page.Summary, "workflow", "declines"), Get(exact.Summary, "workflow", "declines")),
            [.. Get(exact.Summary, "declines").EnumerateArray().Select(d => new Cell(Reason(d), declines.TryGetValue(Reason(d), out var shown) ? shown.GetProperty("count") : null, Exact(d.GetProperty("count"))))],
            Complete: true));

        // Waiting times by quarter; duurzame uitstroom and omklap as parts of parts.
        var quarters = Get(page.Summary, "waitingTimeByQuarter").EnumerateArray().ToList();
        tables.Add(new Table("tenancies by quarter", Of("tenancies", Get(page.Summary, "waitingTime", "tenancies"), Get(exact.Summary, "waitingTime", "tenancies")),
            [.. Get(exact.Summary, "waitingTimeByQuarter").EnumerateArray().Select((q, i) => Of(q.GetProperty("quarter").GetString()!, quarters[i].GetProperty("tenancies"), q.GetProperty("tenancies")))],
            Complete: true));
        var duurzaam = Get(page.Summary, "duurzameUitstroom").EnumerateArray().ToList();
        foreach (var (real, i) in Get(exact.Summary, "duurzameUitstroom").EnumerateArray().Select((d, i) => (d, i)))
        {
            var shown = duurzaam[i];
            var due = Of("due", shown.GetProperty("due"), real.GetProperty("due"));
            var recorded = Of("recorded", shown.GetProperty("recorded"), real.GetProperty("recorded"));
            tables.Add(new Table($"{real.GetProperty("month")} months: recorded of due", due, [recorded], Complete: false));
            tables.Add(new Table($"{real.GetProperty("month")} months: still housed of recorded", recorded,
                [Of("stillHoused", shown.GetProperty("stillHoused"), real.GetProperty("stillHoused"))], Complete: false, UnderSmallTotal: IsSmall(due.Shown)));
        }
        tables.Add(new Table("omklap", Of("due", Get(page.Summary, "omklap", "due"), Get(exact.Summary, "omklap", "due")),
            [Of("realised", Get(page.Summary, "omklap", "realised"), Get(exact.Summary, "omklap", "realised"))], Complete: false));

        // Placements by municipality and by quarter, and each municipality's by owner (supply).
        var placements = Of("placements", Get(page.Spreiding, "totalPlacements"), Get(exact.Spreiding, "totalPlacements"));
        var gemeenten = Get(page.Spreiding, "gemeenten").EnumerateArray().ToList();
        var exactGemeenten = Get(exact.Spreiding, "gemeenten").EnumerateArray().ToList();
        tables.Add(new Table("placements by municipality", placements,
            [.. exactGemeenten.Select((g, i) => Of(g.GetProperty("gemeenteCode").GetString()!, gemeenten[i].GetProperty("placements"), g.GetProperty("placements")))],
            Complete: !gemeenteFilter));
        var byQuarter = Get(page.Spreiding, "byQuarter").EnumerateArray().ToList();
        tables.Add(new Table("placements by quarter", placements,
            [.. Get(exact.Spreiding, "byQuarter").EnumerateArray().Select((q, i) => Of(q.GetProperty("quarter").GetString()!, byQuarter[i].GetProperty("placements"), q.GetProperty("placements")))],
            Complete: true));
        var supplyRows = Get(page.Supply, "rows").EnumerateArray().ToDictionary(Row);
        foreach (var (gemeente, i) in exactGemeenten.Select((g, i) => (g, i)))
        {
            var code = gemeente.GetProperty("gemeenteCode").GetString()!;
            var owners = Get(exact.Supply, "rows").EnumerateArray().Where(r => r.GetProperty("gemeenteCode").GetString() == code).ToList();
            if (owners.Count == 0) continue;
            tables.Add(new Table($"lets in {code} by owner", Of(code, gemeenten[i].GetProperty("placements"), gemeente.GetProperty("placements")),
                [.. owners.Select(r => new Cell(Row(r), supplyRows.TryGetValue(Row(r), out var row) ? row.GetProperty("let") : null, Exact(r.GetProperty("let"))))],
                Complete: true, UnderSmallTotal: IsSmall(placements.Shown)));
        }
        return tables;
    }

    private static string Reason(JsonElement decline) => $"{decline.GetProperty("party")}/{decline.GetProperty("reasonCode").GetString()}";

    private static string Row(JsonElement row) => $"{row.GetProperty("gemeenteCode").GetString()}/{row.GetProperty("ownerOrganisationId").GetString()}";

    /// <summary>One figure in several places of the page must be shown the same way everywhere.</summary>
    private static IEnumerable<string> SameFigures(MonitoringPage page, bool gemeenteFilter, bool summaryNarrowed)
    {
        var placements = Get(page.Spreiding, "totalPlacements");
        var lets = Get(page.Supply, "totals", "let");
        var expectedLets = gemeenteFilter ? Get(page.Spreiding, "gemeenten")[0].GetProperty("placements") : placements;
        if (lets.GetRawText() != expectedLets.GetRawText()) yield return $"supply lets {lets.GetRawText()} against spreiding {expectedLets.GetRawText()}";
        var required = Get(page.Summary, "queue", "byPrikkelarmNeed").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "Required").GetProperty("count");
        var prikkelarm = Get(page.Supply, "shortages").EnumerateArray().Single(s => s.GetProperty("need").GetString() == "prikkelarm").GetProperty("candidates");
        if (required.GetRawText() != prikkelarm.GetRawText()) yield return $"prikkelarm need {prikkelarm.GetRawText()} against the queue's {required.GetRawText()}";
        if (summaryNarrowed) yield break;
        var tenancies = Get(page.Summary, "waitingTime", "tenancies");
        if (tenancies.GetRawText() != placements.GetRawText()) yield return $"the summary's tenancies {tenancies.GetRawText()} against spreiding {placements.GetRawText()}";
        foreach (var (waiting, placed) in Get(page.Summary, "waitingTimeByQuarter").EnumerateArray().Zip(Get(page.Spreiding, "byQuarter").EnumerateArray()))
        {
            if (waiting.GetProperty("tenancies").GetRawText() != placed.GetProperty("placements").GetRawText())
                yield return $"{waiting.GetProperty("quarter")}: tenancies {waiting.GetProperty("tenancies").GetRawText()} against placements {placed.GetProperty("placements").GetRawText()}";
        }
    }

    /// <summary>A figure computed from a hidden count gives it back: it must be null.</summary>
    private static IEnumerable<string> DerivedFigures(MonitoringPage page)
    {
        var total = Get(page.Spreiding, "totalPlacements");
        var rows = Get(page.Spreiding, "gemeenten").EnumerateArray().ToList();
        if ((IsHidden(total) || rows.Any(r => IsHidden(r.GetProperty("placements")))) && Get(page.Spreiding, "index").ValueKind != JsonValueKind.Null)
            yield return "the spreidingsindex is computed from hidden counts";
        foreach (var row in rows)
        {
            if (IsHidden(total) && row.GetProperty("expected").ValueKind != JsonValueKind.Null) yield return $"{row.GetProperty("gemeenteCode")}: expected from a hidden total";
            if ((IsHidden(total) || IsHidden(row.GetProperty("placements"))) && row.GetProperty("ratio").ValueKind != JsonValueKind.Null)
                yield return $"{row.GetProperty("gemeenteCode")}: a ratio of hidden counts";
        }
        foreach (var quarter in Get(page.Spreiding, "byQuarter").EnumerateArray().Where(q => IsHidden(q.GetProperty("placements")) && q.GetProperty("index").ValueKind != JsonValueKind.Null))
            yield return $"{quarter.GetProperty("quarter")}: an index over hidden placements";
        foreach (var need in Get(page.Supply, "shortages").EnumerateArray().Where(n => IsHidden(n.GetProperty("candidates")) && n.GetProperty("gap").ValueKind != JsonValueKind.Null))
            yield return $"{need.GetProperty("need")}: a gap from hidden candidates";
        foreach (var d in Get(page.Summary, "duurzameUitstroom").EnumerateArray().Append(Get(page.Summary, "omklap")))
        {
            var counts = d.EnumerateObject().Where(p => p.Name is "due" or "stillHoused" or "realised").Select(p => p.Value);
            if (counts.Any(c => IsHidden(c)) && d.GetProperty("share").ValueKind != JsonValueKind.Null) yield return $"{d.GetRawText()}: a share of hidden counts";
        }
    }
}
