using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// The summary's waiting time as docs/monitoring.md defines it: over the tenancies whose start date lies in the
/// period, the days from readySince to the start (negative waits count as 0), their median and 90th percentile, and
/// the median per calendar quarter of the period, the first and last quarter clipped to it.
/// </summary>
public sealed class WaitingTimeTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void WaitingDaysAreTheDaysFromReadySinceToTheStart() =>
        // 1 January to 1 March 2026: 31 days of January and 28 of February.
        Assert.Equal(59, WaitingTime.Days(new TenancyWait(D(2026, 1, 1), D(2026, 3, 1))));

    [Fact]
    public void WaitingDaysAreNeverNegative() =>
        Assert.Equal(0, WaitingTime.Days(new TenancyWait(ReadySince: D(2026, 3, 10), StartDate: D(2026, 3, 1))));

    [Fact]
    public void MedianAndP90AreOverTheTenanciesThatStartedInThePeriod()
    {
        var period = new Period(D(2026, 1, 1), D(2026, 6, 30));
        TenancyWait[] tenancies =
        [
            new(D(2026, 1, 22), D(2026, 2, 1)),   // 10 days
            new(D(2026, 2, 19), D(2026, 3, 11)),  // 20
            new(D(2026, 3, 2), D(2026, 4, 1)),    // 30
            new(D(2026, 4, 21), D(2026, 5, 31)),  // 40
            new(D(2026, 5, 11), D(2026, 6, 30)),  // 50, on the last day of the period
            new(D(2023, 1, 1), D(2025, 12, 31)),  // the day before the period: not counted
            new(D(2023, 1, 1), D(2026, 7, 1)),    // the day after: not counted
        ];

        var waits = WaitingTime.In(tenancies, period);

        Assert.Equal(5, waits.Tenancies);
        Assert.Equal(30, waits.MedianDays);
        // h = (5 − 1) · 0.9 = 3.6: 40 + 0.6 · (50 − 40) = 46.
        Assert.Equal(46, waits.P90Days);
    }

    [Fact]
    public void ANegativeWaitCountsAsZeroInTheMedian()
    {
        var period = new Period(D(2026, 1, 1), D(2026, 12, 31));

        // Ready 20 days after the start (a wait of 0, not −20) and a wait of 10: the median is 5, not −5.
        var waits = WaitingTime.In([new(D(2026, 3, 21), D(2026, 3, 1)), new(D(2026, 2, 19), D(2026, 3, 1))], period);

        Assert.Equal(2, waits.Tenancies);
        Assert.Equal(5, waits.MedianDays);
    }

    [Fact]
    public void TheMedianPerQuarterIsOverTheQuartersClippedToThePeriod()
    {
        var period = new Period(D(2026, 2, 15), D(2026, 8, 10));
        TenancyWait[] tenancies =
        [
            new(D(2026, 2, 19), D(2026, 3, 1)),   // Q1, 10 days
            new(D(2025, 1, 1), D(2026, 2, 14)),   // before the period: not in Q1
            new(D(2026, 3, 12), D(2026, 4, 1)),   // Q2, 20
            new(D(2026, 5, 21), D(2026, 6, 30)),  // Q2, 40
        ];

        var quarters = WaitingTime.In(tenancies, period).ByQuarter;

        Assert.NotEmpty(quarters);
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3"], quarters.Select(q => q.Quarter.Label));
        Assert.Equal((D(2026, 2, 15), D(2026, 3, 31)), (quarters[0].Quarter.Period.From, quarters[0].Quarter.Period.To));
        Assert.Equal((D(2026, 7, 1), D(2026, 8, 10)), (quarters[2].Quarter.Period.From, quarters[2].Quarter.Period.To));
        Assert.Equal((1, 10.0), (quarters[0].Tenancies, quarters[0].MedianDays));
        Assert.Equal((2, 30.0), (quarters[1].Tenancies, quarters[1].MedianDays));
        Assert.Equal(0, quarters[2].Tenancies);
        Assert.Null(quarters[2].MedianDays);
    }
}
