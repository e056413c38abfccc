namespace NML.Matching.Domain.Monitoring;

/// <summary>A tenancy as the waiting time reads it: the day its candidate was ready (<c>readySince</c>) and the day it started.</summary>
public readonly record struct TenancyWait(DateOnly ReadySince, DateOnly StartDate);

/// <summary>The waiting times of the tenancies that started in one calendar quarter of the period.</summary>
public sealed record WaitsInQuarter(Quarter Quarter, int Tenancies, double? MedianDays);

/// <summary>The waiting times of the tenancies that started in the period.</summary>
public sealed record WaitingTimes(int Tenancies, double? MedianDays, double? P90Days, IReadOnlyList<WaitsInQuarter> ByQuarter);

/// <summary>
/// The summary's waiting time (docs/monitoring.md): <c>waitingTime.tenancies</c> are the tenancies whose start date
/// lies in the period; <c>medianDays</c> and <c>p90Days</c> the median and 90th percentile of the days from
/// <c>readySince</c> to the tenancy's start over those tenancies (negative waits count as 0);
/// <c>waitingTimeByQuarter[]</c> the same median per calendar quarter of the period (the first and last quarter
/// clipped to the period).
/// </summary>
public static class WaitingTime
{
    /// <summary>The days from <c>readySince</c> to the start; 0 for a tenancy that started before the candidate was ready.</summary>
    public static double Days(TenancyWait tenancy) => Math.Max(0, tenancy.StartDate.DayNumber - tenancy.ReadySince.DayNumber);

    public static WaitingTimes In(IEnumerable<TenancyWait> tenancies, Period period)
    {
        var started = tenancies.Where(t => period.Contains(t.StartDate)).Select(t => (t.StartDate, Days: Days(t))).ToList();
        List<double> days = [.. started.Select(s => s.Days)];
        return new WaitingTimes(started.Count, Statistics.Median(days), Statistics.Percentile(days, 0.9),
            [.. period.Quarters().Select(q =>
            {
                List<double> inQuarter = [.. started.Where(s => q.Period.Contains(s.StartDate)).Select(s => s.Days)];
                return new WaitsInQuarter(q, inQuarter.Count, Statistics.Median(inQuarter));
            })]);
    }
}
