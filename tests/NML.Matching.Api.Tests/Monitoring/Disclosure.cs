using System.Text.Json;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>The three reports that the monitoring page shows side by side, for one caller and one set of filters.</summary>
public sealed record MonitoringPage(JsonElement Summary, JsonElement Spreiding, JsonElement Supply);

/// <summary>
/// What a reader can work out from one monitoring page by adding and subtracting, written from docs/monitoring.md
/// and independently of the API's rule (which follows trees; this propagates intervals over every table of the
/// page at once until nothing changes). Every additive table of the page is a constraint: a total and the counts that
/// add up to it, a rest that is not shown included; one figure that appears in two reports is one cell. What a reader
/// knows of a cell: a number; <c>"&lt;5"</c> is 1-4; <c>"x"</c> is 5 or more, or anything from 0 under a total of 1-4
/// or in a table that is all <c>"x"</c>; a cell left
/// out of the page is anything from 0. Readers: one who knows only the page, and every municipality (its own row of
/// the queue, its placements and their owners) and every owner of units (its own lets), who know their own cells
/// exactly, as the exact page (the Matchingspunt's, same filters) gives them. A finding is a hidden count (or rest)
/// of which 1-4 people are not the reader's own that a reader narrows to one value, a true value outside what the
/// page allows, a number that differs from the exact page, one figure shown differently in two places, or a figure
/// computed from a hidden count.
/// </summary>
public static class Disclosure
{
    private const long Unbounded = 1_000_000;

    /// <summary>A cell: a unique name, what the restricted page shows (null: left out) and its true value.</summary>
    public sealed record Cell(string Name, JsonElement? Shown, int Exact);

    /// <summary>A total and its parts; not complete: a rest (total minus parts) that no one shows.</summary>
    public sealed record Table(string Name, Cell Total, IReadOnlyList<Cell> Parts, bool Complete);

    /// <summary>A reader and the cells (by name) it knows exactly.</summary>
    public sealed record Reader(string Name, IReadOnlySet<string> Knows);

    public static readonly Reader Anyone = new("a reader of the page", new HashSet<string>());

    /// <summary>
    /// Findings for a page, and how many hidden counts of others' 1-4 people were checked. With a <c>gemeente</c>
    /// filter only the figures of that municipality's residents are checked here (the rows of spreiding and supply
    /// carry the region's marks, which the page without the filter checks), by a reader who knows only the page.
    /// </summary>
    public static (List<string> Findings, int Checked) Check(MonitoringPage page, MonitoringPage exact, bool summaryNarrowed, bool gemeenteFilter = false)
    {
        var tables = TablesOf(page, exact, summaryNarrowed, gemeenteFilter);
        var (findings, count) = Check(tables, gemeenteFilter ? [] : ReadersOf(exact));
        if (!gemeenteFilter) findings.AddRange(SameFigures(page, summaryNarrowed));
        findings.AddRange(DerivedFigures(page));
        return (findings, count);
    }

    /// <summary>
    /// Checks tables for each reader (and <see cref="Anyone"/>, always): returns what a reader could work out, and how
    /// many hidden counts of 1-4 people that were not the reader's own were checked.
    /// </summary>
    public static (List<string> Findings, int Checked) Check(IReadOnlyList<Table> tables, IEnumerable<Reader> readers)
    {
        var findings = new List<string>();
        var checkedCounts = 0;
        // Every cell once; a rest is a cell of its own.
        var cells = new Dictionary<string, Cell>();
        var constraints = new List<(string Total, List<string> Parts)>();
        foreach (var table in tables)
        {
            foreach (var cell in table.Parts.Prepend(table.Total))
            {
                if (cells.TryGetValue(cell.Name, out var known) && known.Shown?.GetRawText() != cell.Shown?.GetRawText())
                    findings.Add($"{cell.Name} is shown as {known.Shown?.GetRawText()} and as {cell.Shown?.GetRawText()}");
                cells.TryAdd(cell.Name, cell);
                if (cell.Shown is { ValueKind: JsonValueKind.Number } n && n.GetInt32() != cell.Exact)
                    findings.Add($"{table.Name}: {cell.Name} shows {n.GetInt32()}, but is {cell.Exact}");
            }
            var parts = table.Parts.Select(p => p.Name).ToList();
            if (!table.Complete)
            {
                var rest = new Cell($"{table.Name}: the rest", null, table.Total.Exact - table.Parts.Sum(p => p.Exact));
                cells[rest.Name] = rest;
                parts.Add(rest.Name);
            }
            constraints.Add((table.Total.Name, parts));
        }

        var prior = cells.Values.ToDictionary(c => c.Name, c => PriorBounds(c, tables));
        foreach (var reader in readers.Prepend(Anyone).DistinctBy(r => r.Name))
        {
            var own = OwnPeople(cells, constraints, reader);
            var bounds = cells.Values.ToDictionary(c => c.Name, c => reader.Knows.Contains(c.Name) ? (Lo: (long)c.Exact, Hi: (long)c.Exact) : prior[c.Name]);
            Propagate(bounds, constraints);
            foreach (var cell in cells.Values)
            {
                var (lo, hi) = bounds[cell.Name];
                if (cell.Exact < lo || cell.Exact > hi)
                {
                    findings.Add($"{reader.Name}: {cell.Name} is {cell.Exact}, outside what the page allows ({lo}-{hi})");
                    continue;
                }
                if (cell.Shown is { ValueKind: JsonValueKind.Number } || reader.Knows.Contains(cell.Name)) continue;
                if (cell.Exact - own[cell.Name] is < 1 or > 4) continue;
                checkedCounts++;
                if (lo == hi) findings.Add($"{reader.Name}: {cell.Name} can be worked out: {cell.Exact}");
            }
        }
        return (findings, checkedCounts);
    }

    /// <summary>What the page says of a cell before adding up: see the class comment.</summary>
    private static (long Lo, long Hi) PriorBounds(Cell cell, IReadOnlyList<Table> tables)
    {
        switch (cell.Shown)
        {
            case null:
                return (0, Unbounded);
            case { ValueKind: JsonValueKind.Number } n:
                return (n.GetInt32(), n.GetInt32());
            case { ValueKind: JsonValueKind.String } s when s.GetString() == "<5":
                return (1, 4);
            case { ValueKind: JsonValueKind.String } s when s.GetString() == "x":
                var table = tables.FirstOrDefault(t => t.Parts.Any(p => p.Name == cell.Name));
                if (table is null) return AllWithheld(tables.Where(t => t.Total.Name == cell.Name)) ? (0, Unbounded) : (5, Unbounded);
                return UnderSmallTotal(table, tables) || AllWithheld([table]) ? (0, Unbounded) : (5, Unbounded);
            case var other:
                throw new InvalidOperationException($"Not a count: {other.Value.GetRawText()}");
        }
    }

    private static bool IsText(JsonElement? shown, string text) => shown is { ValueKind: JsonValueKind.String } s && s.GetString() == text;

    /// <summary>A table whose total is 1-4, or is itself a part of such a table further up.</summary>
    private static bool UnderSmallTotal(Table table, IReadOnlyList<Table> tables)
    {
        if (IsText(table.Total.Shown, "<5")) return true;
        var above = tables.FirstOrDefault(t => t.Parts.Any(p => p.Name == table.Total.Name));
        return above is not null && UnderSmallTotal(above, tables);
    }

    private static bool AllWithheld(IEnumerable<Table> tables) =>
        tables.Any(t => IsText(t.Total.Shown, "x") && t.Parts.All(p => IsText(p.Shown, "x") || p.Shown is null));

    /// <summary>How many of each cell's people a reader knows as its own: all of a cell it knows, else what its parts add up to.</summary>
    private static Dictionary<string, long> OwnPeople(Dictionary<string, Cell> cells, List<(string Total, List<string> Parts)> constraints, Reader reader)
    {
        var own = cells.Keys.ToDictionary(k => k, k => reader.Knows.Contains(k) ? (long)cells[k].Exact : 0);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (total, parts) in constraints)
            {
                var sum = parts.Sum(p => own[p]);
                if (sum > own[total]) (own[total], changed) = (sum, true);
            }
        }
        return own;
    }

    /// <summary>Tightens every cell by every table until nothing changes: a total lies between the sums of its parts' bounds, a part between the total less the others.</summary>
    private static void Propagate(Dictionary<string, (long Lo, long Hi)> bounds, List<(string Total, List<string> Parts)> constraints)
    {
        for (var round = 0; round < 10_000; round++)
        {
            var changed = false;
            foreach (var (total, parts) in constraints)
            {
                var sumLo = parts.Sum(p => bounds[p].Lo);
                var sumHi = Math.Min(Unbounded * 100, parts.Sum(p => bounds[p].Hi));
                changed |= Tighten(bounds, total, sumLo, sumHi);
                foreach (var part in parts)
                {
                    var othersLo = sumLo - bounds[part].Lo;
                    var othersHi = sumHi - bounds[part].Hi;
                    changed |= Tighten(bounds, part, bounds[total].Lo - othersHi, bounds[total].Hi - othersLo);
                }
            }
            if (!changed) return;
        }
        throw new InvalidOperationException("The bounds do not settle.");
    }

    private static bool Tighten(Dictionary<string, (long Lo, long Hi)> bounds, string cell, long lo, long hi)
    {
        var (oldLo, oldHi) = bounds[cell];
        var next = (Lo: Math.Max(oldLo, lo), Hi: Math.Min(oldHi, hi));
        if (next.Lo > next.Hi) return false;
        bounds[cell] = next;
        return next != (oldLo, oldHi);
    }

    private static JsonElement Get(JsonElement element, params string[] path) => path.Aggregate(element, (e, p) => e.GetProperty(p));

    private static int Exact(JsonElement element) => element.GetInt32();

    /// <summary>The municipalities and owners of the page as readers, with the cells they know (their names as in <see cref="TablesOf"/>).</summary>
    public static List<Reader> ReadersOf(MonitoringPage exact)
    {
        var readers = new List<Reader>();
        var owners = Get(exact.Supply, "rows").EnumerateArray().GroupBy(r => r.GetProperty("ownerOrganisationId").GetString()!);
        foreach (var gemeente in Get(exact.Spreiding, "gemeenten").EnumerateArray().Select(g => g.GetProperty("gemeenteCode").GetString()!))
        {
            var knows = new HashSet<string> { $"queue byGemeente {gemeente}", $"placements {gemeente}" };
            knows.UnionWith(Get(exact.Supply, "rows").EnumerateArray().Where(r => r.GetProperty("gemeenteCode").GetString() == gemeente).Select(Row));
            readers.Add(new Reader($"municipality {gemeente}", knows));
        }
        foreach (var owner in owners) readers.Add(new Reader($"owner {owner.Key}", owner.Select(Row).ToHashSet()));
        return readers;
    }

    /// <summary>The additive tables of a page (with a <c>gemeente</c> filter those of the summary and the needs), each cell with its true value from the exact page.</summary>
    public static List<Table> TablesOf(MonitoringPage page, MonitoringPage exact, bool summaryNarrowed, bool gemeenteFilter = false)
    {
        var tables = new List<Table>();
        Cell Of(string name, JsonElement shown, JsonElement real) => new(name, shown, Exact(real));

        // The queue: one total, five breakdowns, urgent and the candidates per need beside it ("prikkelarm" is the
        // queue's own count of those who need it).
        var queue = Of("queue", Get(page.Summary, "queue", "total"), Get(exact.Summary, "queue", "total"));
        foreach (var (property, key) in new[] { ("byStatus", "key"), ("byCurrentSetting", "key"), ("bySupportNeed", "key"), ("byPrikkelarmNeed", "key"), ("byGemeente", "gemeenteCode") })
        {
            var exactRows = Get(exact.Summary, "queue", property).EnumerateArray().ToList();
            var rows = Get(page.Summary, "queue", property).EnumerateArray().ToDictionary(r => r.GetProperty(key).GetString()!);
            tables.Add(new Table($"queue {property}", queue,
                [.. exactRows.Select(r => new Cell($"queue {property} {r.GetProperty(key).GetString()}", rows.TryGetValue(r.GetProperty(key).GetString()!, out var row) ? row.GetProperty("count") : null, Exact(r.GetProperty("count"))))],
                Complete: true));
        }
        tables.Add(new Table("queue urgent", queue, [Of("urgent", Get(page.Summary, "queue", "urgent"), Get(exact.Summary, "queue", "urgent"))], Complete: false));
        var needs = Get(page.Supply, "shortages").EnumerateArray().ToDictionary(n => n.GetProperty("need").GetString()!);
        foreach (var need in Get(exact.Supply, "shortages").EnumerateArray())
        {
            var name = need.GetProperty("need").GetString()!;
            var cell = Of(name == "prikkelarm" ? "queue byPrikkelarmNeed Required" : $"need {name}", needs[name].GetProperty("candidates"), need.GetProperty("candidates"));
            tables.Add(new Table($"queue with need {name}", queue, [cell], Complete: false));
        }

        // Declines by reason: a list of the reasons that occurred (none under five declines).
        var declines = Get(page.Summary, "declines").EnumerateArray().ToDictionary(Reason);
        tables.Add(new Table("declines", Of("declines", Get(page.Summary, "workflow", "declines"), Get(exact.Summary, "workflow", "declines")),
            [.. Get(exact.Summary, "declines").EnumerateArray().Select(d => new Cell($"declines {Reason(d)}", declines.TryGetValue(Reason(d), out var shown) ? shown.GetProperty("count") : null, Exact(d.GetProperty("count"))))],
            Complete: true));

        // Waiting times by quarter (for the whole region the placements themselves); duurzame uitstroom and omklap as parts of parts.
        var placements = Of("placements", Get(page.Spreiding, "totalPlacements"), Get(exact.Spreiding, "totalPlacements"));
        var byQuarter = Get(page.Spreiding, "byQuarter").EnumerateArray().ToList();
        if (!gemeenteFilter)
        {
            tables.Add(new Table("placements by quarter", placements,
                [.. Get(exact.Spreiding, "byQuarter").EnumerateArray().Select((q, i) => Of($"placements {q.GetProperty("quarter").GetString()}", byQuarter[i].GetProperty("placements"), q.GetProperty("placements")))],
                Complete: true));
        }
        if (summaryNarrowed)
        {
            var quarters = Get(page.Summary, "waitingTimeByQuarter").EnumerateArray().ToList();
            tables.Add(new Table("tenancies by quarter", Of("tenancies", Get(page.Summary, "waitingTime", "tenancies"), Get(exact.Summary, "waitingTime", "tenancies")),
                [.. Get(exact.Summary, "waitingTimeByQuarter").EnumerateArray().Select((q, i) => Of($"tenancies {q.GetProperty("quarter").GetString()}", quarters[i].GetProperty("tenancies"), q.GetProperty("tenancies")))],
                Complete: true));
        }
        var duurzaam = Get(page.Summary, "duurzameUitstroom").EnumerateArray().ToList();
        foreach (var (real, i) in Get(exact.Summary, "duurzameUitstroom").EnumerateArray().Select((d, i) => (d, i)))
        {
            var shown = duurzaam[i];
            var month = real.GetProperty("month").GetInt32();
            var due = Of($"{month} months due", shown.GetProperty("due"), real.GetProperty("due"));
            var recorded = Of($"{month} months recorded", shown.GetProperty("recorded"), real.GetProperty("recorded"));
            tables.Add(new Table($"{month} months: recorded of due", due, [recorded], Complete: false));
            tables.Add(new Table($"{month} months: still housed of recorded", recorded,
                [Of($"{month} months still housed", shown.GetProperty("stillHoused"), real.GetProperty("stillHoused"))], Complete: false));
        }
        tables.Add(new Table("omklap", Of("omklap due", Get(page.Summary, "omklap", "due"), Get(exact.Summary, "omklap", "due")),
            [Of("omklap realised", Get(page.Summary, "omklap", "realised"), Get(exact.Summary, "omklap", "realised"))], Complete: false));

        if (gemeenteFilter) return tables;

        // Placements by municipality, and each municipality's by owner (supply; a row left out is anything from 0).
        var gemeenten = Get(page.Spreiding, "gemeenten").EnumerateArray().ToDictionary(g => g.GetProperty("gemeenteCode").GetString()!);
        var exactGemeenten = Get(exact.Spreiding, "gemeenten").EnumerateArray().ToList();
        Cell Gemeente(JsonElement real) =>
            Of($"placements {real.GetProperty("gemeenteCode").GetString()}", gemeenten[real.GetProperty("gemeenteCode").GetString()!].GetProperty("placements"), real.GetProperty("placements"));
        tables.Add(new Table("placements by municipality", placements, [.. exactGemeenten.Select(Gemeente)], Complete: true));
        var supplyRows = Get(page.Supply, "rows").EnumerateArray().ToDictionary(Row);
        foreach (var gemeente in exactGemeenten)
        {
            var code = gemeente.GetProperty("gemeenteCode").GetString()!;
            var owners = Get(exact.Supply, "rows").EnumerateArray().Where(r => r.GetProperty("gemeenteCode").GetString() == code).ToList();
            if (owners.Count == 0) continue;
            tables.Add(new Table($"lets in {code} by owner", Gemeente(gemeente),
                [.. owners.Select(r => new Cell(Row(r), supplyRows.TryGetValue(Row(r), out var row) ? row.GetProperty("let") : null, Exact(r.GetProperty("let"))))],
                Complete: true));
        }
        return tables;
    }

    private static string Reason(JsonElement decline) => $"{decline.GetProperty("party")}/{decline.GetProperty("reasonCode").GetString()}";

    private static string Row(JsonElement row) => $"lets {row.GetProperty("gemeenteCode").GetString()}/{row.GetProperty("ownerOrganisationId").GetString()}";

    /// <summary>One figure in several places of the page must be shown the same way everywhere.</summary>
    private static IEnumerable<string> SameFigures(MonitoringPage page, bool summaryNarrowed)
    {
        var placements = Get(page.Spreiding, "totalPlacements");
        var lets = Get(page.Supply, "totals", "let");
        if (lets.GetRawText() != placements.GetRawText()) yield return $"supply lets {lets.GetRawText()} against spreiding {placements.GetRawText()}";
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

    private static bool IsHidden(JsonElement shown) => shown.ValueKind != JsonValueKind.Number;

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
            if (counts.Any(IsHidden) && d.GetProperty("share").ValueKind != JsonValueKind.Null) yield return $"{d.GetRawText()}: a share of hidden counts";
        }
    }
}
