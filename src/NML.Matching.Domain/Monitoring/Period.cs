using System.Globalization;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A period of whole days, both ends included (Dutch calendar dates).</summary>
public readonly record struct Period(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;

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
