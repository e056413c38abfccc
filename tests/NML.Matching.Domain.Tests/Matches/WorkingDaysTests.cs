using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Tests.Matches;

public sealed class WorkingDaysTests
{
    // Monday 2 March 2026 .. Friday 13 March 2026, UTC.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday = new(2026, 3, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sunday = new(2026, 3, 8, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMonday = new(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextFriday = new(2026, 3, 13, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheFixtureDatesFallOnTheDaysTheyAreNamedAfter()
    {
        Assert.Equal(DayOfWeek.Monday, Monday.DayOfWeek);
        Assert.Equal(DayOfWeek.Friday, Friday.DayOfWeek);
        Assert.Equal(DayOfWeek.Saturday, Saturday.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, Sunday.DayOfWeek);
        Assert.Equal(DayOfWeek.Monday, NextMonday.DayOfWeek);
        Assert.Equal(DayOfWeek.Friday, NextFriday.DayOfWeek);
    }

    [Fact]
    public void FiveWorkingDaysAfterAMondayMorningIsTheNextMondayAtTheSameTime()
    {
        Assert.Equal(NextMonday, new WorkingDays().Add(Monday, 5));
    }

    [Fact]
    public void FiveWorkingDaysAfterAFridayIsTheNextFriday()
    {
        Assert.Equal(NextFriday, new WorkingDays().Add(Friday, 5));
    }

    [Fact]
    public void CountingFromAWeekendDayStartsOnMonday()
    {
        var calendar = new WorkingDays();

        Assert.Equal(NextFriday, calendar.Add(Saturday, 5));
        Assert.Equal(NextFriday, calendar.Add(Sunday, 5));
        Assert.Equal(NextMonday, calendar.Add(Saturday, 1));
    }

    [Fact]
    public void ZeroWorkingDaysIsTheStartItself()
    {
        Assert.Equal(Saturday, new WorkingDays().Add(Saturday, 0));
    }

    [Fact]
    public void AConfiguredHolidayIsSkipped()
    {
        var wednesday = new DateOnly(2026, 3, 4);
        var calendar = new WorkingDays([wednesday]);

        Assert.False(calendar.IsWorkingDay(wednesday));
        Assert.Equal(NextMonday.AddDays(1), calendar.Add(Monday, 5));
    }

    [Fact]
    public void WeekendsAreNotWorkingDays()
    {
        var calendar = new WorkingDays();

        Assert.True(calendar.IsWorkingDay(DateOnly.FromDateTime(Friday.UtcDateTime)));
        Assert.False(calendar.IsWorkingDay(DateOnly.FromDateTime(Saturday.UtcDateTime)));
        Assert.False(calendar.IsWorkingDay(DateOnly.FromDateTime(Sunday.UtcDateTime)));
    }

    [Fact]
    public void OneWorkingDayBeforeAMondayDeadlineIsThePreviousFridayAtTheSameTime()
    {
        Assert.Equal(Friday, new WorkingDays().OneWorkingDayBefore(NextMonday));
    }

    [Fact]
    public void OneWorkingDayBeforeSkipsAHolidayAsWell()
    {
        var calendar = new WorkingDays([new DateOnly(2026, 3, 6)]);

        Assert.Equal(Friday.AddDays(-1), calendar.OneWorkingDayBefore(NextMonday));
    }

    [Fact]
    public void OneWorkingDayBeforeAMidweekDeadlineIsTheDayBefore()
    {
        Assert.Equal(NextMonday, new WorkingDays().OneWorkingDayBefore(NextMonday.AddDays(1)));
    }
}
