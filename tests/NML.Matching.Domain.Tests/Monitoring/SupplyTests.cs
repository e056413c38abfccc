using NML.Matching.Domain.Monitoring;
using static NML.Matching.Domain.Tests.Monitoring.MonitoringRegisters;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Supply as docs/monitoring.md defines it, counted where the unit is: posted (registered) in the period, let
/// (tenancies that started in the period; a unit is let on its tenancy's start date), withdrawn in the period, on
/// offer today (not withdrawn and not let), and the median days from the day a unit was posted to the start of its
/// tenancy; one row per municipality and owner with any of these. A day is a Dutch calendar day.
/// </summary>
public sealed class SupplyTests
{
    private static readonly Period FirstQuarter = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
    private static readonly Guid O1 = Guid.Parse("eeeeeeee-0000-0000-0000-000000000001");
    private static readonly Guid O2 = Guid.Parse("eeeeeeee-0000-0000-0000-000000000002");

    private static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void DaysToLetRunFromTheDutchDayOfPosting() =>
        // 23:30 UTC on 1 March is 00:30 on 2 March in the Netherlands: ten days to 12 March, not eleven.
        Assert.Equal(10, Supply.DaysToLet(new UnitLet("GM0983", O1, At(2026, 3, 1, 23, 30), new DateOnly(2026, 3, 12))));

    [Fact]
    public void DaysToLetAreNeverNegative() =>
        Assert.Equal(0, Supply.DaysToLet(new UnitLet("GM0983", O1, At(2026, 3, 20), new DateOnly(2026, 3, 12))));

    [Fact]
    public void SupplyIsCountedPerMunicipalityAndOwner()
    {
        var open = Unit("GM0983", O1, At(2026, 1, 10));
        var withdrawn = Unit("GM0983", O1, At(2025, 12, 1));
        withdrawn.Withdraw("verkocht", At(2026, 2, 1));
        var let = Unit("GM0983", O2, At(2025, 11, 1));
        let.Reserve(At(2025, 12, 1));
        let.MarkLet(At(2026, 1, 10));
        var reserved = Unit("GM0957", O2, At(2025, 10, 1));
        reserved.Reserve(At(2026, 3, 1));
        UnitLet[] lets =
        [
            new("GM0983", O2, let.CreatedAt, new DateOnly(2026, 1, 15)), // 1 November to 15 January: 29 + 31 + 15 = 75 days
            new("GM0983", O2, At(2025, 11, 2), new DateOnly(2026, 4, 2)), // after the period
        ];

        var supply = Supply.In([open, withdrawn, let, reserved], lets, FirstQuarter);

        Assert.NotEmpty(supply.Rows);
        var rows = supply.Rows.ToDictionary(r => (r.GemeenteCode, r.OwnerOrganisationId), r => r.Counts);
        Assert.Equal(3, rows.Count);
        Assert.Equal((1, 1, 1, 0), Figures(rows[("GM0983", O1)]));
        // A reserved unit is still on offer: it is neither withdrawn nor let.
        Assert.Equal((0, 0, 1, 0), Figures(rows[("GM0957", O2)]));
        // The let unit is there for its let only.
        Assert.Equal((0, 0, 0, 1), Figures(rows[("GM0983", O2)]));
        Assert.Equal([75.0], rows[("GM0983", O2)].DaysToLet);
        Assert.Equal((1, 1, 2, 1), Figures(supply.Totals));
        Assert.Equal(75, supply.Totals.MedianDaysToLet);
    }

    [Fact]
    public void AUnitPostedJustAfterDutchMidnightIsPostedOnThatDay()
    {
        // 23:30 UTC on 31 December 2025 is 00:30 on 1 January 2026 in the Netherlands; 22:30 UTC on 31 March is
        // 00:30 on 1 April (summer time).
        var supply = Supply.In([Unit("GM0983", O1, At(2025, 12, 31, 23, 30)), Unit("GM0983", O2, At(2026, 3, 31, 22, 30))], [], FirstQuarter);

        Assert.Equal(1, supply.Totals.Posted);
        Assert.Equal(1, Assert.Single(supply.Rows, r => r.OwnerOrganisationId == O1).Counts.Posted);
        Assert.Equal(0, Assert.Single(supply.Rows, r => r.OwnerOrganisationId == O2).Counts.Posted);
    }

    private static (int Posted, int Withdrawn, int OpenNow, int Let) Figures(SupplyCounts counts) => (counts.Posted, counts.Withdrawn, counts.OpenNow, counts.Let);
}
