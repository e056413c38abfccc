using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// A match as the API shows it, with the snapshot of its score when it was proposed, its current deadline and how
/// it ended. The unit's owner does not see which candidate it is until the nomination; from then on it sees the
/// candidate's minimised profile.
/// </summary>
public sealed record MatchDto(
    Guid Id,
    Guid UnitId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CandidateId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RankedCandidateProfile? Candidate,
    Guid? RoundId,
    string RegionCode,
    string UnitGemeenteCode,
    MatchStatus Status,
    double Score,
    JsonElement Snapshot,
    DateTimeOffset? DueAt,
    DeclineParty? DeclinedBy,
    string? DeclineReasonCode,
    string? DeclineNote,
    int? ParkDays,
    string? OverrideReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static MatchDto From(Match m, Caller caller, RankedCandidateProfile? candidate = null)
    {
        var full = MatchAccess.SeesCandidateFully(caller, m);
        return new MatchDto(m.Id, m.UnitId, full ? m.CandidateId : null, candidate, m.RoundId, m.RegionCode, m.UnitGemeenteCode, m.Status, m.Score,
            JsonDocument.Parse(m.Snapshot).RootElement.Clone(), m.DueAt, m.DeclinedBy, m.DeclineReasonCode, m.DeclineNote, m.ParkDays, m.OverrideReason,
            m.CreatedAt, m.UpdatedAt, m.Version);
    }

    /// <summary>The DTOs of a set of matches, with the candidate profile each caller may see (one query for all).</summary>
    public static async Task<List<MatchDto>> ManyAsync(MatchingDbContext db, IReadOnlyList<Match> matches, Caller caller, DateOnly today, CancellationToken cancellationToken)
    {
        var ids = matches.Select(m => m.CandidateId).Distinct().ToList();
        var candidates = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        return [.. matches.Select(m =>
        {
            var candidate = candidates.GetValueOrDefault(m.CandidateId);
            RankedCandidateProfile? profile = candidate is null ? null
                : MatchAccess.SeesCandidateFully(caller, m) ? RankedCandidateProfile.Full(candidate, today)
                : m.NominatedAt is not null ? RankedCandidateProfile.Minimised(candidate)
                : null;
            return From(m, caller, profile);
        })];
    }
}
