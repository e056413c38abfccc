using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.People;

/// <summary>The people of one organisation (or, for Admin with no organisation, the service's administrators), by name.</summary>
public static class ListPeople
{
    public sealed record Query(Guid? OrganisationId) : IQuery<Result<IReadOnlyList<PersonDto>>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<IReadOnlyList<PersonDto>>>
    {
        public async ValueTask<Result<IReadOnlyList<PersonDto>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!PeopleAccess.MayManage(caller.Caller, query.OrganisationId)) return Error.NotFound("Organisation");
            var people = await db.Users.AsNoTracking().ManageableBy(caller.Caller)
                .Where(p => p.OrganisationId == query.OrganisationId)
                .OrderBy(p => p.DisplayName).ThenBy(p => p.Email)
                .Select(p => new { Person = p, External = db.UserLogins.Any(l => l.UserId == p.Id) })
                .ToListAsync(cancellationToken);
            return people.Select(p => PersonDto.From(p.Person, p.External)).ToList();
        }
    }
}
