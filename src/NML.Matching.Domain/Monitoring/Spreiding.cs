using NML.Matching.Domain.Matching;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A municipality of the region (or point) and its number of inhabitants.</summary>
public readonly record struct GemeentePopulation(string Code, int Population);

/// <summary>A municipality's fair share of the placements (the shares of a region or point add up to 1).</summary>
public readonly record struct FairShare(string GemeenteCode, double Share);

/// <summary>One municipality in a <see cref="SpreidingTable"/>: its placements and its fair share.</summary>
public sealed record SpreidingCell(string GemeenteCode, int Placements, double FairShare);

/// <summary>
/// Spreiding (docs/monitoring.md, <c>GET /api/v1/monitoring/spreiding</c>): per municipality the placements (tenancies
/// that started in the period in a unit in that municipality), its fair share, <c>expected</c> = totalPlacements ×
/// fairShare and <c>ratio</c> = placements / expected (1 = its fair share; above 1 = more than its share); and the
/// dissimilarity index <c>½ · Σ |pᵢ/P − sᵢ|</c> over the municipalities (<see cref="Statistics.DissimilarityIndex"/>).
/// </summary>
public sealed class SpreidingTable
{
    private SpreidingTable(IReadOnlyList<SpreidingCell> cells) => Cells = cells;

    /// <summary>Every municipality of the fair shares, in their order, zeros included.</summary>
    public IReadOnlyList<SpreidingCell> Cells { get; }

    /// <summary>All placements in the table (<c>totalPlacements</c>).</summary>
    public int Total => Cells.Sum(c => c.Placements);

    /// <summary>0 when placements follow the fair shares exactly, 1 when all went where no share was due; null without placements.</summary>
    public double? Index => Statistics.DissimilarityIndex([.. Cells.Select(c => (c.Placements, c.FairShare))]);

    public SpreidingCell this[string gemeenteCode] => Cells.Single(c => c.GemeenteCode == gemeenteCode);

    /// <summary><c>expected</c> = totalPlacements × fairShare (not rounded).</summary>
    public double Expected(SpreidingCell cell) => Total * cell.FairShare;

    /// <summary><c>ratio</c> = placements / expected, two decimals; null when nothing was expected.</summary>
    public double? Ratio(SpreidingCell cell) => Statistics.Ratio(cell.Placements, Expected(cell));

    /// <summary>The table of the placements that started in <paramref name="period"/>, per municipality of <paramref name="shares"/>.</summary>
    public static SpreidingTable Of(IReadOnlyList<FairShare> shares, IEnumerable<PlacedTenancy> placements, Period period)
    {
        var counts = placements.Where(p => period.Contains(p.StartDate)).GroupBy(p => p.GemeenteCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SpreidingTable([.. shares.Select(s => new SpreidingCell(s.GemeenteCode, counts.GetValueOrDefault(s.GemeenteCode), s.Share))]);
    }

    /// <summary>The table of each calendar quarter of the period (<c>byQuarter[]</c>), so that a trend shows.</summary>
    public static IReadOnlyList<(Quarter Quarter, SpreidingTable Table)> ByQuarter(IReadOnlyList<FairShare> shares, IEnumerable<PlacedTenancy> placements, Period period)
    {
        var list = placements.ToList();
        return [.. period.Quarters().Select(q => (q, Of(shares, list, q.Period)))];
    }
}

/// <summary>
/// Fair shares as the matching scores with them (<c>Matching:FairShareKey</c>): the municipality's share of the
/// region's (or point's) population, or 1/n with <see cref="FairShareKey.Equal"/>.
/// </summary>
public static class FairShares
{
    public static IReadOnlyList<FairShare> Of(IReadOnlyList<GemeentePopulation> gemeenten, FairShareKey key)
    {
        // Without any inhabitants on record every share is 0 rather than a division by zero.
        var population = Math.Max(1, gemeenten.Sum(g => (long)g.Population));
        return [.. gemeenten.Select(g => new FairShare(g.Code, key == FairShareKey.Equal ? 1.0 / gemeenten.Count : g.Population / (double)population))];
    }
}
