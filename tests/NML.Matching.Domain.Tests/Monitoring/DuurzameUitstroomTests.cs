using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Monitoring;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// Duurzame uitstroom as docs/monitoring.md defines it: for 6 and 12 months, due = tenancies whose 6- (12-) month
/// mark falls in the period and not after today; recorded = of those, with that follow-up recorded; stillHoused =
/// recorded as still housed; share = stillHoused / due. A mark is the start plus 6 or 12 months (docs/api.md).
/// </summary>
public sealed class DuurzameUitstroomTests
{
    private static readonly Period Year2026 = new(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
    private static readonly DateOnly AfterThePeriod = new(2027, 2, 1);
    private static readonly Actor Provider = new("Zorgaanbieder", Guid.Parse("66666666-6666-6666-6666-666666666666"), null);

    private static Tenancy StartedOn(DateOnly start) =>
        Tenancy.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "NML", "GM0983", "GM0935",
            start, ContractForm.Regulier, null, new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private static Tenancy Followed(Tenancy tenancy, int month, bool stillHoused)
    {
        var due = tenancy.FollowUpDue(month);
        tenancy.RecordFollowUp(month, stillHoused, stillHoused ? FollowUpOutcome.Stabiel : FollowUpOutcome.Verhuisd, Provider, due,
            new DateTimeOffset(due.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return tenancy;
    }

    [Fact]
    public void TheMonitoringReportsSixAndTwelveMonths()
    {
        var counts = DuurzameUitstroom.In([], Year2026, AfterThePeriod);

        Assert.NotEmpty(counts);
        Assert.Equal([6, 12], counts.Select(c => c.Month));
    }

    [Fact]
    public void ATenancyStartedBeforeThePeriodWhoseMarkFallsInItIsDue()
    {
        Tenancy[] tenancies =
        [
            StartedOn(new DateOnly(2025, 9, 15)), // 6 months: 15 March 2026; 12 months: 15 September 2026
            StartedOn(new DateOnly(2025, 5, 1)),  // 6 months: 1 November 2025 (before the period); 12 months: 1 May 2026
            StartedOn(new DateOnly(2024, 12, 31)), // 12 months: 31 December 2025, the day before the period
        ];

        Assert.Equal(1, DuurzameUitstroom.After(6, tenancies, Year2026, AfterThePeriod).Due);
        Assert.Equal(2, DuurzameUitstroom.After(12, tenancies, Year2026, AfterThePeriod).Due);
    }

    [Fact]
    public void AFollowUpDueAfterTodayIsNotDueYet()
    {
        var today = new DateOnly(2026, 6, 30);
        Tenancy[] tenancies =
        [
            StartedOn(new DateOnly(2026, 1, 10)),  // 6 months: 10 July, after today
            StartedOn(new DateOnly(2025, 12, 20)), // 6 months: 20 June, before today
            StartedOn(new DateOnly(2025, 12, 30)), // 6 months: 30 June, today itself
        ];

        Assert.Equal(2, DuurzameUitstroom.After(6, tenancies, Year2026, today).Due);
        Assert.Equal(3, DuurzameUitstroom.After(6, tenancies, Year2026, new DateOnly(2026, 7, 10)).Due);
    }

    [Fact]
    public void AnUnrecordedFollowUpCountsAgainstTheShare()
    {
        // Four 6-month marks in 2026: two recorded still housed, one recorded no longer housed, one not recorded
        // (only its 3-month follow-up is, which is not the 6-month one).
        Tenancy[] tenancies =
        [
            Followed(StartedOn(new DateOnly(2026, 1, 5)), 6, stillHoused: true),
            Followed(StartedOn(new DateOnly(2026, 2, 5)), 6, stillHoused: true),
            Followed(StartedOn(new DateOnly(2026, 3, 5)), 6, stillHoused: false),
            Followed(StartedOn(new DateOnly(2026, 4, 5)), 3, stillHoused: true),
        ];

        var six = DuurzameUitstroom.After(6, tenancies, Year2026, AfterThePeriod);

        Assert.Equal(new DuurzaamCounts(6, Due: 4, Recorded: 3, StillHoused: 2), six);
        Assert.Equal(0.5, DuurzaamCounts.Share(six.StillHoused, six.Due));
    }

    [Fact]
    public void NothingDueHasNoShare() => Assert.Null(DuurzaamCounts.Share(0, 0));
}
