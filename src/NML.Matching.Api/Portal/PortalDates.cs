using System.Globalization;

namespace NML.Matching.Api.Portal;

/// <summary>
/// Dates as the portal shows them: in Dutch time (Europe/Amsterdam), numeric day-month-year (the app runs with
/// invariant globalization, so without Dutch month names). Falls back to UTC where the host has no time zone data.
/// </summary>
public static class PortalDates
{
    private static readonly TimeZoneInfo Dutch = FindDutchZone();

    /// <summary>Such as <c>07-12-2026</c>.</summary>
    public static string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Dutch).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindDutchZone()
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
