using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Candidates;

/// <summary>
/// The own (pseudonymous) references of a set of candidates, those the caller may see (<see cref="CandidateAccess"/>),
/// in one query: for the portal's lists that show a client beside a tenancy or match (not on the API, which has
/// GET /candidates/{id}).
/// </summary>
public static class CandidateReferences
{
    public sealed record Query(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyDictionary<Guid, string>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, IReadOnlyDictionary<Guid, string>>
    {
        public async ValueTask<IReadOnlyDictionary<Guid, string>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Ids.Count == 0) return new Dictionary<Guid, string>();
            var ids = query.Ids.Distinct().ToList();
            return await db.Candidates.AsNoTracking().VisibleTo(caller.Caller).Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.ExternalReference, cancellationToken);
        }
    }
}
