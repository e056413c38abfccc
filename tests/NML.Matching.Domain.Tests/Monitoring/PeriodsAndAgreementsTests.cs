using System.Globalization;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// The arithmetic of docs/monitoring.md beside MonitoringMathTests: periods (both ends included, quarters clipped to
/// the period), shares as ratios, the small-number rule at zero, and performance agreements.
/// </summary>
public sealed class PeriodsAndAgreementsTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>docs/monitoring.md, "Common parameters": from and to are "both inclusive".</summary>
    [Theory]
    [InlineData("2026-01-31", false)]
    [InlineData("2026-02-01", true)]
    [InlineData("2026-02-15", true)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-03-01", false)]
    public void APeriodHoldsBothItsEnds(string day, bool contained) =>
        Assert.Equal(contained, new Period(D("2026-02-01"), D("2026-02-28")).Contains(D(day)));

    /// <summary>docs/monitoring.md: per calendar quarter of the period, "the first and last quarter clipped to the period" — a period that ends on a quarter's first day still has that day.</summary>
    [Fact]
    public void AMomentBelongsToItsDutchCalendarDay()
    {
        var march = new Period(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        // Summer time from 29 March 2026 (UTC+2): 21:30 UTC on 31 March is 23:30 that day, 22:30 UTC is 00:30 on 1 April.
        Assert.True(march.Contains(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero)));
        Assert.False(march.Contains(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero)));
        // Winter time (UTC+1): 23:30 UTC on 28 February is 00:30 on 1 March.
        Assert.True(march.Contains(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-06-30", "2026-06-30")]
    [InlineData("2026-12-31", "2026-12-31")]
    [InlineData("2027-03-01", "2026-12-31")]
    public void WhatIsDueInAPeriodEndsTodayOrAtItsEnd(string today, string lastDueDay) =>
        Assert.Equal(DateOnly.Parse(lastDueDay, CultureInfo.InvariantCulture),
            new Period(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).LastDueDay(DateOnly.Parse(today, CultureInfo.InvariantCulture)));

    [Fact]
    public void APeriodEndingOnTheFirstDayOfAQuarterHasThatQuarterForOneDay()
    {
        var quarters = new Period(D("2026-01-01"), D("2026-04-01")).Quarters();

        Assert.Equal(["2026-Q1", "2026-Q2"], quarters.Select(q => q.Label));
        Assert.Equal(new Period(D("2026-04-01"), D("2026-04-01")), quarters[1].Period);
    }

    [Fact]
    public void QuartersAreLabelledByTheirPlaceInTheYear()
    {
        var quarters = new Period(D("2026-01-01"), D("2026-12-31")).Quarters();

        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], quarters.Select(q => q.Label));
        Assert.Equal([D("2026-01-01"), D("2026-04-01"), D("2026-07-01"), D("2026-10-01")], quarters.Select(q => q.Period.From));
        Assert.Equal([D("2026-03-31"), D("2026-06-30"), D("2026-09-30"), D("2026-12-31")], quarters.Select(q => q.Period.To));
    }

    /// <summary>docs/monitoring.md: share = stillHoused / due, ratio = placements / expected; nothing due has no share.</summary>
    [Fact]
    public void ARatioIsTheQuotientAndNothingDividedHasNone()
    {
        Assert.Equal(0.75, Statistics.Ratio(3, 4));
        Assert.Equal(0.667, Statistics.Ratio(2, 3, 3));
        Assert.Null(Statistics.Ratio(2, 0));
    }

    /// <summary>docs/monitoring.md, "Small numbers": "0 and 5 or more are shown as numbers".</summary>
    [Fact]
    public void ZeroIsShownUnderTheSmallNumberRule()
    {
        var zero = SmallCount.Of(0, suppress: true);

        Assert.False(zero.Hidden);
        Assert.Equal(0, zero.Shown);
        Assert.Equal("0", zero.ToString());
    }

    [Fact]
    public void AHiddenCountShowsNoNumber()
    {
        Assert.Null(SmallCount.Of(3, suppress: true).Shown);
        Assert.Equal(3, SmallCount.Of(3, suppress: false).Shown);
    }

    /// <summary>docs/monitoring.md: expectedByNow = targetUnits × elapsed days / days in the year, one decimal; 2 July is day 183 of the 365 days of 2026.</summary>
    [Fact]
    public void AnOrdinaryYearSpreadsTheTargetOver365Days() =>
        Assert.Equal(50.1, PerformanceAgreement.Progress(2026, 100, D("2026-07-02"), 0).ExpectedByNow);

    /// <summary>docs/monitoring.md: "the parties and the year may be repeated but not changed"; progress is that of the agreement's own year and target.</summary>
    [Fact]
    public void AnAgreementKeepsItsPartiesAndYearAndMeasuresItsOwnTarget()
    {
        var corporation = Guid.NewGuid();
        var created = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var agreement = PerformanceAgreement.Create(Guid.NewGuid(), corporation, "GM0983", "NML", 2026, 10, "  tien woningen  ", created);

        agreement.Change(20, null, created.AddDays(1));

        Assert.Equal(corporation, agreement.CorporationId);
        Assert.Equal("GM0983", agreement.GemeenteCode);
        Assert.Equal("NML", agreement.RegionCode);
        Assert.Equal(2026, agreement.Year);
        Assert.Equal(20, agreement.TargetUnits);
        Assert.Null(agreement.Note);
        Assert.Equal(created, agreement.CreatedAt);
        Assert.Equal(created.AddDays(1), agreement.UpdatedAt);
        var progress = agreement.ProgressOn(D("2027-01-10"), 5);
        Assert.Equal((25.0, 20.0, AgreementStatus.Behind), (progress.Percentage, progress.ExpectedByNow, progress.Status));
    }

    /// <summary>A target of one unit is the smallest promise (MonitoringMathTests refuses zero).</summary>
    [Fact]
    public void ATargetOfOneUnitIsAccepted() =>
        Assert.Equal(1, PerformanceAgreement.Create(Guid.NewGuid(), Guid.NewGuid(), "GM0983", "NML", 2026, 1, null, DateTimeOffset.UnixEpoch).TargetUnits);

    /// <summary>Free text is trimmed and blank becomes null, as everywhere in the registers (docs/registers.md).</summary>
    [Theory]
    [InlineData("  tien woningen  ", "tien woningen")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheNoteIsTrimmedAndABlankNoteIsNone(string? note, string? stored) =>
        Assert.Equal(stored, PerformanceAgreement.Create(Guid.NewGuid(), Guid.NewGuid(), "GM0983", "NML", 2026, 10, note, DateTimeOffset.UnixEpoch).Note);

    private static PerformanceAgreement Agreement(int year = 2026, int target = 10, string? note = null) =>
        PerformanceAgreement.Create(Guid.NewGuid(), Guid.NewGuid(), "GM0983", "NML", year, target, note, DateTimeOffset.UnixEpoch);

    /// <summary>docs/monitoring.md: <c>year</c> is from 2020 to 2100, both ends included.</summary>
    [Theory]
    [InlineData(2020)]
    [InlineData(2100)]
    public void AnAgreementYearAtEitherEndOfTheRangeIsAccepted(int year) => Assert.Equal(year, Agreement(year: year).Year);

    [Theory]
    [InlineData(2019)]
    [InlineData(2101)]
    public void AnAgreementYearOutsideTheRangeIsRefusedOnTheYearField(int year)
    {
        var refused = RuleViolations.AssertInvalidInput(() => Agreement(year: year), "invalid-year", "year");
        Assert.Contains("2020", refused.Message, StringComparison.Ordinal);
        Assert.Contains("2100", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>docs/monitoring.md: <c>targetUnits</c> is a whole number from 1 to 10,000.</summary>
    [Fact]
    public void ATargetOfTenThousandUnitsIsTheLargestAccepted()
    {
        Assert.Equal(10_000, Agreement(target: 10_000).TargetUnits);
        var refused = RuleViolations.AssertInvalidInput(() => Agreement(target: 10_001), "invalid-target", "targetUnits");
        Assert.Contains("10000", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>docs/monitoring.md: <c>note</c> is at most 1,000 characters, counted after trimming.</summary>
    [Fact]
    public void ANoteOfAThousandCharactersIsTheLongestAccepted()
    {
        Assert.Equal(1000, Agreement(note: "  " + new string('n', 1000) + "  ").Note!.Length);
        var refused = RuleViolations.AssertInvalidInput(() => Agreement(note: new string('n', 1001)), "invalid-note", "note");
        Assert.Contains("1000", refused.Message, StringComparison.Ordinal);
    }
}
