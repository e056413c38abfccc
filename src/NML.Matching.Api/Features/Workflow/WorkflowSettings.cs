using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Workflow;

/// <summary>
/// Response deadlines of the match workflow (<c>Workflow</c> in configuration). Shared by the rounds
/// (<c>Features/Matching</c>), the match use cases (<c>Features/Matches</c>) and the demo data, so it lives apart from both.
/// </summary>
public sealed class WorkflowSettings
{
    /// <summary>Proposed → nominated within this many working days.</summary>
    public int NominateWithinWorkingDays { get; set; } = 5;

    /// <summary>Nominated → the owner answers within this many working days.</summary>
    public int AnswerWithinWorkingDays { get; set; } = 10;

    /// <summary>Accepted → the lease is signed within this many calendar days.</summary>
    public int ContractWithinDays { get; set; } = 30;

    /// <summary>How often the deadline service looks for overdue matches.</summary>
    public int ExpiryIntervalSeconds { get; set; } = 60;

    /// <summary>Public holidays that do not count as working days (dates).</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    public WorkingDays Calendar() => new(Holidays);

    /// <summary>The deadline of a match proposed at <paramref name="proposedAt"/>: its nomination.</summary>
    public DateTimeOffset NominateBy(DateTimeOffset proposedAt) => Calendar().Add(proposedAt, NominateWithinWorkingDays);

    /// <summary>The deadline of a match nominated at <paramref name="nominatedAt"/>: the owner's answer.</summary>
    public DateTimeOffset AnswerBy(DateTimeOffset nominatedAt) => Calendar().Add(nominatedAt, AnswerWithinWorkingDays);

    /// <summary>The deadline of a match accepted at <paramref name="acceptedAt"/>: the signed lease.</summary>
    public DateTimeOffset ContractBy(DateTimeOffset acceptedAt) => acceptedAt.AddDays(ContractWithinDays);
}
