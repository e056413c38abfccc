using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Monitoring;

/// <summary>
/// One step of a match's history as the monitoring reads it: the match, the state it entered and when; with the
/// party and reason of the match's decline (empty for a match that was not declined).
/// </summary>
public sealed record MatchMove(Guid MatchId, MatchStatus To, DateTimeOffset At, DeclineParty? DeclinedBy = null, string? DeclineReasonCode = null);
