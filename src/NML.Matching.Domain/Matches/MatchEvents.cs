using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Matches;

/// <summary>The match reached <paramref name="Status"/> (proposed, or moved by a transition), with its new deadline.</summary>
public sealed record MatchStatusChanged(Guid MatchId, MatchStatus Status, DateTimeOffset? DueAt, DateTimeOffset OccurredAt) : DomainEvent(OccurredAt);

/// <summary>The deadline of the match's current step is near (raised once per deadline by <see cref="Match.WarnDeadline"/>).</summary>
public sealed record MatchDeadlineApproaching(Guid MatchId, MatchStatus Status, DateTimeOffset DueAt, DateTimeOffset OccurredAt) : DomainEvent(OccurredAt);
