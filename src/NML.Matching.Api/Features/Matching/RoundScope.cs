using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matching;

/// <summary>
/// What a round works on: the Ready candidates and the Available units of a region, or of one of its points (the
/// candidates by their herkomstgemeente, the units by their municipality). A real round tracks them, as it changes
/// them; a dry run only reads.
/// </summary>
public static class RoundScope
{
    public static async Task<(List<Candidate> Candidates, List<HousingUnit> Units)> LoadAsync(
        MatchingDbContext db, string regionCode, string? point, DateOnly today, bool track, CancellationToken cancellationToken)
    {
        var pointGemeenten = point is null ? null
            : await db.Gemeenten.AsNoTracking().Where(g => g.RegionCode == regionCode && g.PointCode == point).Select(g => g.Code).ToListAsync(cancellationToken);

        var candidateQuery = db.Candidates.Where(c => c.RegionCode == regionCode).Where(Candidate.HasStatus(CandidateStatus.Ready, today));
        var unitQuery = db.Units.Where(u => u.RegionCode == regionCode && u.Status == UnitStatus.Available);
        if (pointGemeenten is not null)
        {
            candidateQuery = candidateQuery.Where(c => pointGemeenten.Contains(c.HerkomstGemeenteCode));
            unitQuery = unitQuery.Where(u => pointGemeenten.Contains(u.GemeenteCode));
        }
        if (!track)
        {
            candidateQuery = candidateQuery.AsNoTracking();
            unitQuery = unitQuery.AsNoTracking();
        }
        return (await candidateQuery.ToListAsync(cancellationToken), await unitQuery.ToListAsync(cancellationToken));
    }
}
