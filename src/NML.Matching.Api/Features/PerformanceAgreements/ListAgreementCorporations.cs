using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.PerformanceAgreements;

/// <summary>
/// The housing corporations a municipality can make an agreement with: the active corporations whose werkgebied holds
/// its municipality (for the Matchingspunt: those of its region; AgreementAccess decides), sorted by name. For the portal's agreement form, so
/// that the corporation is chosen from a list and never typed as an id; not on the API (its callers know the ids).
/// </summary>
public static class ListAgreementCorporations
{
    public sealed record Corporation(Guid Id, string Name);

    public sealed record Query : IQuery<IReadOnlyList<Corporation>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, IReadOnlyList<Corporation>>
    {
        public async ValueTask<IReadOnlyList<Corporation>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Organisations.AsNoTracking().AgreementPartnersOf(caller.Caller)
                .OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new Corporation(o.Id, o.Name)).ToListAsync(cancellationToken);
    }
}
