using System.Globalization;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal;

/// <summary>
/// Dates, times and amounts as the portal writes them in Dutch. The app runs in globalization-invariant mode (no ICU,
/// docs/operations.md), so there is no nl-NL culture: the notation and the month names are written out here.
/// </summary>
public static class DutchFormat
{
    public static readonly NumberFormatInfo Numbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary><c>1 april 2026</c>.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>The day of the moment in the region's time zone: <c>1 april 2026</c>.</summary>
    public static string Date(DateTimeOffset moment) => Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, RegionalDate.Zone).DateTime));

    /// <summary>The moment in the region's time zone: <c>1 april 2026 09:30</c>.</summary>
    public static string DateTime(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, RegionalDate.Zone);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}";
    }

    /// <summary><c>€ 1.234,50</c>.</summary>
    public static string Euro(decimal amount) => "€ " + amount.ToString("#,##0.00", Numbers);
}
