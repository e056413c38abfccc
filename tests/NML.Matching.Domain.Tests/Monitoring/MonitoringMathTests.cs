using System.Text.Json;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

public sealed class MonitoringMathTests
{
    [Theory]
    [InlineData(new double[] { 5 }, 5)]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 75, 134 }, 104.5)]
    public void TheMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleValues(double[] values, double median) =>
        Assert.Equal(median, Statistics.Median(values));

    [Fact]
    public void PercentilesInterpolateBetweenClosestRanksAsExcelDoes()
    {
        double[] days = [75, 78, 134, 134, 150, 150, 151, 196, 273];

        Assert.Equal(211.4, Statistics.Percentile(days, 0.9));
        Assert.Equal(75, Statistics.Percentile(days, 0));
        Assert.Equal(273, Statistics.Percentile(days, 1));
        Assert.Equal(5.5, Statistics.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5));
        Assert.Equal(9.1, Statistics.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9));
    }

    [Fact]
    public void NoValuesHaveNoMedian() => Assert.Null(Statistics.Median([]));

    [Fact]
    public void TheDissimilarityIndexIsZeroWhenPlacementsFollowTheFairShares() =>
        Assert.Equal(0, Statistics.DissimilarityIndex([(2, 0.2), (3, 0.3), (5, 0.5)]));

    [Fact]
    public void TheDissimilarityIndexIsTheShareOfPlacementsThatWouldHaveToMove()
    {
        // All in the first municipality, whose share is 0.2: 80 % would have to move.
        Assert.Equal(0.8, Statistics.DissimilarityIndex([(10, 0.2), (0, 0.3), (0, 0.5)]));
        // 6/9, 2/9, 1/9 against 0.5, 0.25, 0.25: ½ (0.1667 + 0.0278 + 0.1389) = 0.1667.
        Assert.Equal(0.1667, Statistics.DissimilarityIndex([(6, 0.5), (2, 0.25), (1, 0.25)]));
    }

    [Fact]
    public void TheDissimilarityIndexOfNoPlacementsIsUnknown() => Assert.Null(Statistics.DissimilarityIndex([(0, 0.5), (0, 0.5)]));

    [Fact]
    public void AnyPlacementsGiveAnIndexBetweenZeroAndOne()
    {
        var random = new Random(7);
        for (var run = 0; run < 500; run++)
        {
            var weights = Enumerable.Range(0, random.Next(1, 15)).Select(_ => random.NextDouble() + 0.01).ToArray();
            var rows = weights.Select(w => (random.Next(0, 20), w / weights.Sum())).ToList();
            var index = Statistics.DissimilarityIndex(rows);
            if (rows.Sum(r => r.Item1) == 0) Assert.Null(index);
            else Assert.InRange(index!.Value, 0, 1);
        }
    }

    [Fact]
    public void QuartersCoverThePeriodClippedAtBothEnds()
    {
        var quarters = new Period(new DateOnly(2025, 11, 24), new DateOnly(2026, 4, 10)).Quarters();

        Assert.Equal(["2025-Q4", "2026-Q1", "2026-Q2"], quarters.Select(q => q.Label));
        Assert.Equal(new Period(new DateOnly(2025, 11, 24), new DateOnly(2025, 12, 31)), quarters[0].Period);
        Assert.Equal(new Period(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), quarters[1].Period);
        Assert.Equal(new Period(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 10)), quarters[2].Period);
        Assert.Single(new Period(new DateOnly(2026, 5, 5), new DateOnly(2026, 5, 5)).Quarters());
    }

    [Theory]
    [InlineData(0, false, "0")]
    [InlineData(1, true, "<5")]
    [InlineData(4, true, "<5")]
    [InlineData(5, true, "5")]
    [InlineData(3, false, "3")]
    public void CountsFromOneToFourAreHiddenUnderTheSmallNumberRule(int count, bool suppress, string shown)
    {
        var value = SmallCount.Of(count, suppress);

        Assert.Equal(shown, value.ToString());
        var json = JsonSerializer.Serialize(value);
        Assert.Equal(shown == "<5" ? "\"\\u003C5\"" : shown, json);
        Assert.Equal(value.Hidden, JsonSerializer.Deserialize<SmallCount>(json).Hidden);
    }

    [Theory]
    [InlineData("2026-10-01", 6, 10, 7.5, AgreementStatus.Behind)]
    [InlineData("2026-10-01", 8, 10, 7.5, AgreementStatus.OnTrack)]
    [InlineData("2026-10-01", 10, 10, 7.5, AgreementStatus.Met)]
    [InlineData("2026-01-01", 0, 10, 0, AgreementStatus.OnTrack)]
    [InlineData("2025-12-31", 0, 10, 0, AgreementStatus.OnTrack)]
    [InlineData("2027-02-01", 9, 10, 10, AgreementStatus.Behind)]
    [InlineData("2026-12-31", 12, 10, 10, AgreementStatus.Met)]
    public void AnAgreementIsOnTrackWhileItsUnitsKeepUpWithThePartOfTheYearThatHasPassed(string today, int realised, int target, double expected, AgreementStatus status)
    {
        var progress = PerformanceAgreement.Progress(2026, target, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), realised);

        Assert.Equal((expected, status), (progress.ExpectedByNow, progress.Status));
        Assert.Equal(Math.Round(100.0 * realised / target, 1), progress.Percentage);
    }

    [Fact]
    public void ALeapYearHas366DaysToSpreadTheTarget() =>
        Assert.Equal(50.0, PerformanceAgreement.Progress(2028, 100, new DateOnly(2028, 7, 1), 0).ExpectedByNow, 1);

    [Theory]
    [InlineData(0, "targetUnits")]
    [InlineData(10_001, "targetUnits")]
    public void AnAgreementPromisesAtLeastOneUnit(int target, string field)
    {
        var error = Assert.Throws<Common.DomainRuleViolation>(() =>
            PerformanceAgreement.Create(Guid.NewGuid(), Guid.NewGuid(), "GM0983", "NML", 2026, target, null, DateTimeOffset.UnixEpoch));
        Assert.Equal(field, error.Field);
    }
}
