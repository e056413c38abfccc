namespace NML.Matching.Domain.Registers;

/// <summary>
/// "Today" for the registers is the calendar date in the Netherlands (Europe/Amsterdam), taken from the
/// injected clock, so that a date such as readySince flips at local midnight and tests can move time.
/// </summary>
public static class RegionalDate
{
    /// <summary>The region's time zone (Europe/Amsterdam), in which its days and times are read.</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The calendar date in the Netherlands at a moment.</summary>
    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);

    /// <summary>The moment a Dutch calendar day begins (local midnight), as UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
