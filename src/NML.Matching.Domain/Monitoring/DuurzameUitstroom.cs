using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Domain.Monitoring;

/// <summary>The duurzame uitstroom after <see cref="Month"/> months: follow-ups due, recorded, and recorded as still housed.</summary>
public sealed record DuurzaamCounts(int Month, int Due, int Recorded, int StillHoused)
{
    /// <summary><c>share</c> = stillHoused / due, three decimals; null when nothing is due.</summary>
    public static double? Share(int stillHoused, int due) => Statistics.Ratio(stillHoused, due, 3);
}

/// <summary>
/// The summary's <c>duurzameUitstroom[]</c> (docs/monitoring.md). For 6 and 12 months: <c>due</c> = tenancies whose
/// 6- (12-) month mark falls in the period and not after today; <c>recorded</c> = of those, with that follow-up
/// recorded; <c>stillHoused</c> = recorded as still housed; <c>share</c> = stillHoused / due (so an unrecorded
/// follow-up counts against it; <c>recorded</c> shows how much is missing). A tenancy that started before the period
/// counts when its mark falls in it.
/// </summary>
public static class DuurzameUitstroom
{
    /// <summary>The follow-up months the monitoring reports (the 3-month follow-up is a check, not a KPI).</summary>
    public static readonly IReadOnlyList<int> Months = [6, 12];

    /// <summary>The counts for each of <see cref="Months"/>, in that order.</summary>
    public static IReadOnlyList<DuurzaamCounts> In(IEnumerable<Tenancy> tenancies, Period period, DateOnly today)
    {
        var list = tenancies.ToList();
        return [.. Months.Select(month => After(month, list, period, today))];
    }

    /// <summary>The counts for one follow-up month.</summary>
    public static DuurzaamCounts After(int month, IEnumerable<Tenancy> tenancies, Period period, DateOnly today)
    {
        var last = period.LastDueDay(today);
        var due = tenancies.Where(t => t.FollowUpDue(month) >= period.From && t.FollowUpDue(month) <= last).ToList();
        var recorded = due.Select(t => t.FollowUps.FirstOrDefault(f => f.Month == month)).OfType<FollowUp>().ToList();
        return new DuurzaamCounts(month, due.Count, recorded.Count, recorded.Count(f => f.StillHoused));
    }
}
