using NML.Matching.Domain.Matches;

namespace NML.Matching.Domain.Monitoring;

/// <summary>How many declines in the period one party gave with one reason code (empty when none was given).</summary>
public sealed record DeclineCount(DeclineParty? DeclinedBy, string ReasonCode, int Count);

/// <summary>
/// The summary's <c>declines[]</c> (docs/monitoring.md): declines in the period per party (<c>Verhuurder</c>,
/// <c>Kandidaat</c>, <c>Zorgaanbieder</c>, <c>Matchingspunt</c>) and reason code. The side of a reason follows from
/// its code (<see cref="DeclineReasons"/>).
/// </summary>
public static class Declines
{
    /// <summary>The moves into <c>Declined</c> on a day of the period, grouped by the declining party and reason, in the order first seen.</summary>
    public static IReadOnlyList<DeclineCount> ByPartyAndReason(IEnumerable<MatchMove> history, Period period) =>
        [.. history.Where(m => m.To == MatchStatus.Declined && period.Contains(m.At))
            .GroupBy(m => (m.DeclinedBy, m.DeclineReasonCode))
            .Select(g => new DeclineCount(g.Key.DeclinedBy, g.Key.DeclineReasonCode ?? string.Empty, g.Count()))];
}
