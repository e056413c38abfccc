using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Omklap as docs/monitoring.md defines it: due = omklap leases whose omklap date falls in the period and not after
/// today; realised = of those, with the omklap recorded; share = realised / due.
/// </summary>
public sealed class OmklapTests
{
    private static readonly Period Year2026 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    [Fact]
    public void OnlyLeasesDueInThePeriodAndNotAfterTodayAreDue()
    {
        var today = new DateOnly(2026, 6, 30);
        OmklapLease[] leases =
        [
            new(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 3)),   // due and realised
            new(new DateOnly(2026, 6, 30), null),                      // due today, not realised
            new(new DateOnly(2026, 7, 1), new DateOnly(2026, 6, 15)), // due tomorrow: not due yet, though realised
            new(new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 2)), // due before the period
        ];

        var omklap = Omklap.In(leases, Year2026, today);

        Assert.Equal(new OmklapCounts(Due: 2, Realised: 1), omklap);
        Assert.Equal(0.5, OmklapCounts.Share(omklap.Realised, omklap.Due));
    }

    [Fact]
    public void AfterThePeriodEveryLeaseDueInItIsDue() =>
        Assert.Equal(new OmklapCounts(2, 0), Omklap.In([new(new DateOnly(2026, 3, 1), null), new(new DateOnly(2026, 12, 31), null)], Year2026, new DateOnly(2027, 5, 1)));

    [Fact]
    public void TheShareHasThreeDecimals() => Assert.Equal(0.667, OmklapCounts.Share(2, 3));
}
