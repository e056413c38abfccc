using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.EngineInput;

/// <summary>
/// Reads what the pure engine needs from the database: the candidates and units in scope, every municipality,
/// each care provider's werkgebied, and the recent placements per municipality: the matches proposed in the last
/// <c>Matching:PlacementWindowMonths</c> (12) months in that municipality that are still open or were contracted;
/// with the weights and options of the <c>Matching</c> section. It only loads: the caller says which candidates and
/// units, and which day it is.
/// </summary>
public sealed class MatchingInputLoader(MatchingDbContext db, IOptions<MatchingSettings> settings, TimeProvider clock)
{
    /// <summary>The input for candidates and units as the registers hold them, seen on <paramref name="today"/>.</summary>
    public Task<MatchingInput> LoadAsync(IReadOnlyList<Candidate> candidates, IReadOnlyList<HousingUnit> units, DateOnly today, CancellationToken cancellationToken) =>
        LoadAsync([.. candidates.Select(c => MatchCandidate.From(c, today))], [.. units.Select(MatchUnit.From)], today, cancellationToken);

    /// <summary>The input for candidates and units already in the engine's form (from <see cref="RegisterPools"/>), seen on <paramref name="today"/>.</summary>
    public async Task<MatchingInput> LoadAsync(IReadOnlyList<MatchCandidate> candidates, IReadOnlyList<MatchUnit> units, DateOnly today, CancellationToken cancellationToken)
    {
        var gemeenten = await db.Gemeenten.AsNoTracking()
            .Select(g => new MatchGemeente(g.Code, g.Name, g.RegionCode, g.Population, g.Latitude, g.Longitude))
            .ToListAsync(cancellationToken);
        var providerIds = candidates.Select(c => c.ProviderId).Distinct().ToList();
        var werkgebied = await db.Organisations.AsNoTracking().Where(o => providerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (IReadOnlySet<string>)o.Werkgebied.ToHashSet(StringComparer.Ordinal), cancellationToken);
        var since = clock.GetUtcNow().AddMonths(-settings.Value.PlacementWindowMonths);
        var placements = await db.Matches.AsNoTracking()
            .Where(m => m.CreatedAt >= since && (m.Status == MatchStatus.Proposed || m.Status == MatchStatus.Nominated
                || m.Status == MatchStatus.Accepted || m.Status == MatchStatus.Contracted))
            .GroupBy(m => m.UnitGemeenteCode).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

        // Pairs that were declined (or expired, which counts as a decline) are never proposed again. A ranking asks
        // about one unit or one candidate; a round about all its units.
        var declinedMatches = db.Matches.AsNoTracking().Where(m => m.Status == MatchStatus.Declined || m.Status == MatchStatus.Expired);
        if (units.Count == 1) declinedMatches = declinedMatches.Where(m => m.UnitId == units[0].Id);
        else if (candidates.Count == 1) declinedMatches = declinedMatches.Where(m => m.CandidateId == candidates[0].Id);
        else
        {
            var unitIds = units.Select(u => u.Id).ToList();
            declinedMatches = declinedMatches.Where(m => unitIds.Contains(m.UnitId));
        }
        var declined = await declinedMatches.Select(m => new { m.UnitId, m.CandidateId }).ToListAsync(cancellationToken);

        return new MatchingInput(
            candidates,
            units,
            gemeenten,
            werkgebied,
            placements,
            settings.Value.Weights,
            settings.Value.Options(),
            today,
            declined.Select(d => (d.UnitId, d.CandidateId)).ToHashSet());
    }
}
