namespace NML.Matching.Domain.Monitoring;

/// <summary>An omklap lease as the monitoring reads it: the day it should move to the tenant, and the day it did (if recorded).</summary>
public readonly record struct OmklapLease(DateOnly DueDate, DateOnly? RealisedOn);

/// <summary>Omklap leases due and, of those, realised.</summary>
public sealed record OmklapCounts(int Due, int Realised)
{
    /// <summary><c>share</c> = realised / due, three decimals; null when nothing is due.</summary>
    public static double? Share(int realised, int due) => Statistics.Ratio(realised, due, 3);
}

/// <summary>
/// The summary's <c>omklap</c> (docs/monitoring.md): <c>due</c> = omklap leases whose omklap date falls in the period
/// and not after today; <c>realised</c> = of those, with the omklap recorded; <c>share</c> = realised / due.
/// </summary>
public static class Omklap
{
    public static OmklapCounts In(IEnumerable<OmklapLease> leases, Period period, DateOnly today)
    {
        var last = period.LastDueDay(today);
        var due = leases.Where(l => l.DueDate >= period.From && l.DueDate <= last).ToList();
        return new OmklapCounts(due.Count, due.Count(l => l.RealisedOn is not null));
    }
}
