using System.Globalization;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A period of whole days, both ends included (Dutch calendar dates).</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>
    /// Whether a moment (a proposal, a registration) lies in the period: it belongs to the day it happened on in the
    /// Netherlands (docs/monitoring.md).
    /// </summary>
    public bool Contains(DateTimeOffset moment) => Contains(RegionalDate.DateOf(moment));

    /// <summary>
    /// The last day of the period that has passed on <paramref name="today"/>: a follow-up or omklap that is due
    /// after today is not due yet, so what is due "in the period and not after today" ends here.
    /// </summary>
    public DateOnly LastDueDay(DateOnly today) => To < today ? To : today;

    /// <summary>The calendar quarters that overlap the period, each clipped to it, oldest first.</summary>
    public IReadOnlyList<Quarter> Quarters()
    {
        var quarters = new List<Quarter>();
        var start = new DateOnly(From.Year, (((From.Month - 1) / 3) * 3) + 1, 1);
        while (start <= To)
        {
            var end = start.AddMonths(3).AddDays(-1);
            quarters.Add(new Quarter(
                string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}"),
                new Period(start < From ? From : start, end > To ? To : end)));
            start = start.AddMonths(3);
        }
        return quarters;
    }
}

/// <summary>A calendar quarter (label <c>2026-Q1</c>) clipped to a period.</summary>
public sealed record Quarter(string Label, Period Period);
