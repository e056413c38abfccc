using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.PerformanceAgreements;

/// <summary>
/// The housing corporations a municipality can make an agreement with: the active corporations whose werkgebied holds
/// its municipality (for the Matchingspunt: those of its region), sorted by name. For the portal's agreement form, so
/// that the corporation is chosen from a list and never typed as an id; not on the API (its callers know the ids).
/// </summary>
public static class ListAgreementCorporations
{
    public sealed record Corporation(Guid Id, string Name);

    public sealed record Query : IQuery<IReadOnlyList<Corporation>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, IReadOnlyList<Corporation>>
    {
        public async ValueTask<IReadOnlyList<Corporation>> Handle(Query query, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var corporations = db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.Corporatie && o.Active);
            if (who.Is(Roles.Gemeente) && who.GemeenteCode is { } code) corporations = corporations.Where(o => o.Werkgebied.Contains(code));
            else if (who.Is(Roles.Matchingspunt)) corporations = corporations.Where(o => o.RegionCode == who.RegionCode);
            else if (!who.IsAdmin) return [];
            return await corporations.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => new Corporation(o.Id, o.Name)).ToListAsync(cancellationToken);
        }
    }
}
