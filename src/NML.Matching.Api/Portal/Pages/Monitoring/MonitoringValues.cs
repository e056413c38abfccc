using System.Globalization;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Portal.Pages.Monitoring;

/// <summary>
/// How the monitoring page writes a figure: as text in Dutch notation, and as the raw value in a <c>data-value</c>
/// attribute (the number in invariant notation, <c>&lt;5</c>, <c>x</c>, or <c>null</c> for a figure that is not
/// given), which the page's script plots and a test reads. A count the handler hid stays hidden: only
/// <see cref="SmallCount.ToString"/> is written, never its value.
/// </summary>
public static class MonitoringValues
{
    // The app runs in globalization-invariant mode (no ICU): the portal's own Dutch notation (DutchFormat).
    private static readonly NumberFormatInfo Dutch = DutchFormat.Numbers;

    /// <summary>What a screen reader hears for <c>&lt;5</c> and <c>x</c>, and the tooltip of the sign.</summary>
    public static string? Meaning(SmallCount count) => count.Mark switch
    {
        CountMark.Small => "minder dan 5",
        CountMark.Withheld => "afgeschermd",
        _ => null,
    };

    /// <summary>What a screen reader hears for a figure that is not given (derived from a hidden count, or without data).</summary>
    public const string NotGiven = "geen cijfer";

    public static string Raw(SmallCount count) => count.ToString();

    public static string Raw(double? value) => value is { } number ? number.ToString("R", CultureInfo.InvariantCulture) : "null";

    public static string Raw(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A count or number in Dutch notation: <c>1.234</c>, <c>150,5</c>.</summary>
    public static string Number(double value) => value.ToString("#,##0.#", Dutch);

    /// <summary>A figure between 0 and 1 (the spreidingsindex, a ratio) with two decimals: <c>0,35</c>.</summary>
    public static string Fraction(double value) => value.ToString("0.00", Dutch);

    /// <summary>A share as a percentage with one decimal: <c>50,0%</c>.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.0", Dutch) + "%";

    public static string Format(double value, ValueFormat format) => format switch
    {
        ValueFormat.Fraction => Fraction(value),
        ValueFormat.Percent => Percent(value),
        _ => Number(value),
    };

    /// <summary>A date as the page writes it: <c>1 januari 2026</c>.</summary>
    public static string Date(DateOnly date) => DutchFormat.Date(date);

    /// <summary>A date as a date field and the query string carry it: <c>2026-01-01</c>.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>How a number is written.</summary>
public enum ValueFormat
{
    Number,
    Fraction,
    Percent,
}
