using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Matches;

/// <summary>
/// Response deadlines in working days: Saturdays, Sundays and the configured public holidays do not count,
/// judged by the calendar date in the Netherlands.
/// A deadline of n working days after a moment falls on the same time of day, n working days later.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly>? holidays = null)
{
    private readonly HashSet<DateOnly> _holidays = holidays is null ? [] : [.. holidays];

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    public DateTimeOffset Add(DateTimeOffset start, int workingDays)
    {
        var moment = start;
        var added = 0;
        while (added < workingDays)
        {
            moment = moment.AddDays(1);
            if (IsWorkingDay(RegionalDate.DateOf(moment))) added++;
        }
        return moment;
    }

    /// <summary>The last working day strictly before the deadline's day, at the deadline's time: when to warn.</summary>
    public DateTimeOffset OneWorkingDayBefore(DateTimeOffset deadline)
    {
        var moment = deadline.AddDays(-1);
        while (!IsWorkingDay(RegionalDate.DateOf(moment))) moment = moment.AddDays(-1);
        return moment;
    }
}
