using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.People;

/// <summary>What a beheerder can change about a colleague.</summary>
public enum PersonChange
{
    MakeBeheerder,
    MakeMedewerker,
    Deactivate,
    Reactivate,
}

/// <summary>
/// A beheerder changes a colleague's role, deactivates or reactivates them (issue 13). Deactivating also changes the
/// person's security stamp, so that their open sessions end at the next check (at most a minute later). An
/// organisation keeps at least one active beheerder: the last one cannot be demoted or deactivated (nobody could then
/// invite or manage its people but Admin). Another organisation's person answers "not found".
/// </summary>
public static class ChangePerson
{
    public sealed record Command(Guid PersonId, PersonChange Change) : ICommand<Result<PersonDto>>;

    public sealed class Handler(MatchingDbContext db, UserManager<Person> people, ICallerAccessor caller, TimeProvider clock)
        : ICommandHandler<Command, Result<PersonDto>>
    {
        public async ValueTask<Result<PersonDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var person = await db.Users.ManageableBy(caller.Caller).FirstOrDefaultAsync(p => p.Id == command.PersonId, cancellationToken);
            if (person is null) return Error.NotFound("Person");
            var before = PersonDto.AuditState(person);
            var losesBeheerder = person.PortalRole == PortalRole.Beheerder && person.IsActive
                && command.Change is PersonChange.MakeMedewerker or PersonChange.Deactivate;
            if (losesBeheerder && !person.IsServiceAdmin && !await db.Users.AnyAsync(p =>
                    p.OrganisationId == person.OrganisationId && p.Id != person.Id && p.PortalRole == PortalRole.Beheerder && p.DeactivatedAt == null, cancellationToken))
            {
                return Error.Conflict("last-beheerder", "Dit is de laatste beheerder van de organisatie. Maak eerst iemand anders beheerder.");
            }

            var now = clock.GetUtcNow();
            switch (command.Change)
            {
                case PersonChange.MakeBeheerder: person.ChangeRole(PortalRole.Beheerder); break;
                case PersonChange.MakeMedewerker: person.ChangeRole(PortalRole.Medewerker); break;
                case PersonChange.Deactivate: person.Deactivate(now); break;
                case PersonChange.Reactivate: person.Reactivate(); break;
            }
            db.Record(now, caller.Caller.AsActor(), command.Change switch
            {
                PersonChange.Deactivate => "person.deactivated",
                PersonChange.Reactivate => "person.reactivated",
                _ => "person.role-changed",
            }, "person", person.Id.ToString(), before, PersonDto.AuditState(person));
            // A new stamp ends the person's sessions (deactivation) or makes them pick up the new role at the next check.
            var updated = await people.UpdateSecurityStampAsync(person);
            if (!updated.Succeeded) return Error.Conflict("concurrent-change", updated.Errors.First().Description);
            var external = await db.UserLogins.AnyAsync(l => l.UserId == person.Id, cancellationToken);
            return PersonDto.From(person, external);
        }
    }
}
