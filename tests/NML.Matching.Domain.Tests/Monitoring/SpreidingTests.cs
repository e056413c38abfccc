using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Spreiding as docs/monitoring.md defines it: a placement is a tenancy that started in the period, counted in the
/// unit's municipality; fairShare is the municipality's share of the population (or 1/n with the Equal key);
/// expected = totalPlacements × fairShare; ratio = placements / expected; the index ½ · Σ |pᵢ/P − sᵢ|, per quarter too.
/// </summary>
public sealed class SpreidingTests
{
    private static readonly Period FirstHalf2026 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));
    private static readonly GemeentePopulation[] Three = [new("GM0983", 100_000), new("GM0957", 60_000), new("GM0935", 40_000)];
    private static readonly Guid Owner = Guid.Parse("cccccccc-0000-0000-0000-000000000001");

    private static PlacedTenancy In(string gemeente, int month, int day = 15) => new(gemeente, Owner, new DateOnly(2026, month, day));

    [Fact]
    public void FairSharesByPopulationAreEachMunicipalitysShareAndAddUpToOne()
    {
        var shares = FairShares.Of(Three, FairShareKey.Population);

        Assert.NotEmpty(shares);
        Assert.Equal([("GM0983", 0.5), ("GM0957", 0.3), ("GM0935", 0.2)], shares.Select(s => (s.GemeenteCode, Math.Round(s.Share, 10))));
        Assert.Equal(1, shares.Sum(s => s.Share), 10);
    }

    [Fact]
    public void EqualSharesGiveEveryMunicipalityOneNth()
    {
        var shares = FairShares.Of([.. Three, new("GM0889", 5_000)], FairShareKey.Equal);

        Assert.NotEmpty(shares);
        Assert.All(shares, s => Assert.Equal(0.25, s.Share));
    }

    [Fact]
    public void APerfectlyFairSpreadHasIndexZeroAndRatioOne()
    {
        var shares = FairShares.Of(Three, FairShareKey.Population);
        PlacedTenancy[] placements = [.. Enumerable.Repeat(In("GM0983", 2), 5), .. Enumerable.Repeat(In("GM0957", 3), 3), .. Enumerable.Repeat(In("GM0935", 4), 2)];

        var table = SpreidingTable.Of(shares, placements, FirstHalf2026);

        Assert.Equal(0, table.Index);
        Assert.NotEmpty(table.Cells);
        Assert.All(table.Cells, c => Assert.Equal(1, table.Ratio(c)));
    }

    [Fact]
    public void ExpectedIsTheTotalTimesTheShareAndRatioThePlacementsOverIt()
    {
        var shares = FairShares.Of(Three, FairShareKey.Population);
        PlacedTenancy[] placements = [.. Enumerable.Repeat(In("GM0983", 1), 2), .. Enumerable.Repeat(In("GM0957", 2), 6), .. Enumerable.Repeat(In("GM0935", 3), 2)];

        var table = SpreidingTable.Of(shares, placements, FirstHalf2026);

        Assert.Equal(10, table.Total);
        Assert.Equal([5.0, 3.0, 2.0], table.Cells.Select(c => Math.Round(table.Expected(c), 10)));
        Assert.Equal([0.4, 2.0, 1.0], table.Cells.Select(table.Ratio));
        // ½ · (|0.2 − 0.5| + |0.6 − 0.3| + |0.2 − 0.2|) = 0.3.
        Assert.Equal(0.3, table.Index);
    }

    [Fact]
    public void OnlyPlacementsInThePeriodInTheMunicipalitiesOfTheSharesCount()
    {
        var shares = FairShares.Of(Three, FairShareKey.Population);
        PlacedTenancy[] placements = [In("GM0983", 3), In("GM0983", 7, 1), new("GM0983", Owner, new DateOnly(2025, 12, 31)), In("GM1507", 3)];

        var table = SpreidingTable.Of(shares, placements, FirstHalf2026);

        Assert.Equal(1, table.Total);
        // Every municipality has a row, with zeros.
        Assert.Equal([("GM0983", 1), ("GM0957", 0), ("GM0935", 0)], table.Cells.Select(c => (c.GemeenteCode, c.Placements)));
    }

    [Fact]
    public void NoPlacementsHaveNoIndex() => Assert.Null(SpreidingTable.Of(FairShares.Of(Three, FairShareKey.Population), [], FirstHalf2026).Index);

    [Fact]
    public void EachQuarterHasItsOwnIndex()
    {
        // Two municipalities with equal shares: two placements in the first in Q1, one in the second in Q2.
        var shares = FairShares.Of([new("GM0983", 1), new("GM0957", 1)], FairShareKey.Equal);
        PlacedTenancy[] placements = [In("GM0983", 1), In("GM0983", 3), In("GM0957", 5)];

        var quarters = SpreidingTable.ByQuarter(shares, placements, FirstHalf2026);

        Assert.NotEmpty(quarters);
        Assert.Equal(["2026-Q1", "2026-Q2"], quarters.Select(q => q.Quarter.Label));
        // Each quarter all in one municipality: ½ · (|1 − 0.5| + |0 − 0.5|) = 0.5. The half year: 2/3 and 1/3, ½ · (1/6 + 1/6) = 0.1667.
        Assert.Equal([0.5, 0.5], quarters.Select(q => q.Table.Index));
        Assert.Equal([2, 1], quarters.Select(q => q.Table.Total));
        Assert.Equal(0.1667, SpreidingTable.Of(shares, placements, FirstHalf2026).Index);
    }
}
