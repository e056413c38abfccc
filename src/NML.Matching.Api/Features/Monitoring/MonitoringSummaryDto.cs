using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>A count per key (a status, setting or need).</summary>
public sealed record KeyCount(string Key, SmallCount Count);

/// <summary>A count per municipality.</summary>
public sealed record GemeenteCount(string GemeenteCode, string Name, SmallCount Count);

/// <summary>The queue today: candidates not withdrawn and not housed.</summary>
public sealed record QueueFigures(
    SmallCount Total, SmallCount Urgent, IReadOnlyList<KeyCount> ByStatus, IReadOnlyList<KeyCount> ByCurrentSetting,
    IReadOnlyList<KeyCount> BySupportNeed, IReadOnlyList<KeyCount> ByPrikkelarmNeed, IReadOnlyList<GemeenteCount> ByGemeente);

/// <summary>Workflow steps taken in the period.</summary>
public sealed record WorkflowFigures(
    SmallCount Proposals, SmallCount Nominations, SmallCount Acceptances, SmallCount Contracts, SmallCount Declines, SmallCount Expiries);

/// <summary>Declines in the period by party, side and reason.</summary>
public sealed record DeclineFigure(DeclineParty? Party, DeclineSide? Side, string ReasonCode, SmallCount Count);

/// <summary>Days from readySince to the start of the tenancy, for tenancies that started in the period.</summary>
public sealed record WaitingTimeFigures(SmallCount Tenancies, double? MedianDays, double? P90Days);

/// <summary>The median waiting time of the tenancies that started in one quarter (clipped to the period).</summary>
public sealed record QuarterWaitingTime(string Quarter, DateOnly From, DateOnly To, SmallCount Tenancies, double? MedianDays);

/// <summary>The median days a workflow step took, for the steps completed in the period.</summary>
public sealed record StepFigure(string Step, SmallCount Count, double? MedianDays);

/// <summary>Tenancies whose 6- or 12-month mark fell in the period (up to today) and how many were still housed.</summary>
public sealed record DuurzaamFigure(int Month, SmallCount Due, SmallCount Recorded, SmallCount StillHoused, double? Share);

/// <summary>Omklap leases due in the period (up to today) and how many moved to the tenant.</summary>
public sealed record OmklapFigures(SmallCount Due, SmallCount Realised, double? Share);

/// <summary>The monitoring summary: see docs/monitoring.md for every definition.</summary>
public sealed record MonitoringSummaryDto(
    string RegionCode,
    string? Point,
    string? Gemeente,
    DateOnly From,
    DateOnly To,
    bool Suppressed,
    QueueFigures Queue,
    SmallCount Inflow,
    WorkflowFigures Workflow,
    IReadOnlyList<DeclineFigure> Declines,
    WaitingTimeFigures WaitingTime,
    IReadOnlyList<QuarterWaitingTime> WaitingTimeByQuarter,
    IReadOnlyList<StepFigure> StepDays,
    IReadOnlyList<DuurzaamFigure> DuurzameUitstroom,
    OmklapFigures Omklap);
