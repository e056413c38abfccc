using System.Text.Json;
using System.Text.Json.Serialization;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// A match as the API shows it, with the snapshot of its score when it was proposed. The unit's owner does not
/// see which candidate it is until the candidate is nominated (the match workflow).
/// </summary>
public sealed record MatchDto(
    Guid Id,
    Guid UnitId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CandidateId,
    Guid? RoundId,
    string RegionCode,
    string UnitGemeenteCode,
    MatchStatus Status,
    double Score,
    JsonElement Snapshot,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static MatchDto From(Match m, Caller caller)
    {
        var seesCandidate = caller.IsAdmin || caller.Is(Roles.Matchingspunt) || caller.OrganisationId == m.ProviderOrganisationId;
        return new MatchDto(m.Id, m.UnitId, seesCandidate ? m.CandidateId : null, m.RoundId, m.RegionCode, m.UnitGemeenteCode, m.Status, m.Score,
            JsonDocument.Parse(m.Snapshot).RootElement.Clone(), m.CreatedAt, m.UpdatedAt, m.Version);
    }
}

/// <summary>Who sees which matches: Admin all, the Matchingspunt its region, the candidate's provider and the unit's owner theirs.</summary>
public static class MatchAccess
{
    public static IQueryable<Match> VisibleTo(this IQueryable<Match> matches, Caller caller) => caller.Role switch
    {
        Roles.Admin => matches,
        Roles.Matchingspunt => matches.Where(m => m.RegionCode == caller.RegionCode),
        Roles.Zorgaanbieder => matches.Where(m => m.ProviderOrganisationId == caller.OrganisationId || m.OwnerOrganisationId == caller.OrganisationId),
        Roles.Corporatie => matches.Where(m => m.OwnerOrganisationId == caller.OrganisationId),
        _ => matches.Where(_ => false),
    };
}
