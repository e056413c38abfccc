using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// The newest match of each of a set of candidates that the caller may see as being about that candidate
/// (<see cref="MatchAccess.AboutCandidates"/>): its status and deadline, in one query. For the portal's Mijn cliënten
/// column "laatste stap in de matching" (not on the API, where GET /matches?candidate= lists them all).
/// </summary>
public static class LatestMatchSteps
{
    public sealed record Step(Guid MatchId, MatchStatus Status, DateTimeOffset? DueAt, DateTimeOffset CreatedAt);

    public sealed record Query(IReadOnlyCollection<Guid> CandidateIds) : IQuery<IReadOnlyDictionary<Guid, Step>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, IReadOnlyDictionary<Guid, Step>>
    {
        public async ValueTask<IReadOnlyDictionary<Guid, Step>> Handle(Query query, CancellationToken cancellationToken)
        {
            var result = new Dictionary<Guid, Step>();
            if (query.CandidateIds.Count == 0) return result;
            var ids = query.CandidateIds.Distinct().ToList();
            var rows = await db.Matches.AsNoTracking().VisibleTo(caller.Caller).AboutCandidates(caller.Caller, ids)
                .Select(m => new { m.CandidateId, m.Id, m.Status, m.DueAt, m.CreatedAt })
                .ToListAsync(cancellationToken);
            foreach (var row in rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id))
                result.TryAdd(row.CandidateId, new Step(row.Id, row.Status, row.DueAt, row.CreatedAt));
            return result;
        }
    }
}
