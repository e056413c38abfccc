using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Email;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.People;

/// <summary>
/// A beheerder (or Admin) invites a colleague by e-mail: the person is created without a password, and a mail with a
/// single-use link valid for 7 days goes out through the outbox in the same transaction (issue 13). Admin invites
/// the first beheerder of an organisation, or a service administrator (no organisation).
/// </summary>
public static class InvitePerson
{
    public sealed record Command(Guid? OrganisationId, string? Email, string? DisplayName, PortalRole? Role) : ICommand<Result<PersonDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Vul het e-mailadres in.")
                .MaximumLength(256).WithMessage("Een e-mailadres heeft hoogstens 256 tekens.")
                .Must(EmailAddresses.IsValid).When(c => !string.IsNullOrWhiteSpace(c.Email)).WithMessage("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.");
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Vul de naam in.")
                .MaximumLength(Person.DisplayNameMaxLength).WithMessage($"Een naam heeft hoogstens {Person.DisplayNameMaxLength} tekens.");
            RuleFor(c => c.Role).NotNull().WithMessage("Kies een rol.").IsInEnum().WithMessage("Kies een rol.");
        }
    }

    public sealed class Handler(MatchingDbContext db, UserManager<Person> people, ICallerAccessor caller, TimeProvider clock, Mailbox mailbox, PortalLinks links)
        : ICommandHandler<Command, Result<PersonDto>>
    {
        public async ValueTask<Result<PersonDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!PeopleAccess.MayManage(caller.Caller, command.OrganisationId)) return Error.NotFound("Organisation");
            var organisationName = PersonClaimsFactory.ServiceAdminName;
            if (command.OrganisationId is { } organisationId)
            {
                var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId && o.Active).Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
                if (organisation is null) return Error.NotFound("Organisation");
                organisationName = organisation;
            }
            var email = command.Email!.Trim();
            if (await people.FindByEmailAsync(email) is not null)
                return Error.Invalid("Email", "email-taken", "Er is al een account met dit e-mailadres.");

            var now = clock.GetUtcNow();
            var person = command.OrganisationId is { } id
                ? new Person(Guid.CreateVersion7(now), id, email, command.DisplayName!.Trim(), command.Role!.Value, now)
                : Person.ServiceAdmin(Guid.CreateVersion7(now), email, command.DisplayName!.Trim(), now);
            // One unit of work: the person, the mail and the audit line commit together or not at all (not through
            // UserManager.CreateAsync, which saves on its own). The unique index on the address decides a race.
            person.NormalizedEmail = people.NormalizeEmail(email);
            person.NormalizedUserName = people.NormalizeName(email);
            person.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
            db.Users.Add(person);
            var token = await people.GenerateUserTokenAsync(person, InvitationTokens.ProviderName, InvitationTokens.Purpose);
            var link = links.Absolute($"/uitnodiging?id={person.Id}&code={Uri.EscapeDataString(token)}");
            mailbox.Queue(email, "Uitnodiging voor NML Matching", InvitationMail.Text(person.DisplayName, organisationName, link), null, InvitationMail.Kind);
            db.Record(now, caller.Caller.AsActor(), "person.invited", "person", person.Id.ToString(), null, PersonDto.AuditState(person));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                return Error.Invalid("Email", "email-taken", "Er is al een account met dit e-mailadres.");
            }
            return PersonDto.From(person, hasExternalLogin: false);
        }
    }
}

/// <summary>The invitation mail, in Dutch: who invites, the link, how long it works. No client data.</summary>
public static class InvitationMail
{
    public const string Kind = "person-invitation";

    public static string Text(string displayName, string organisationName, string link) =>
        $"""
        Beste {displayName},

        U bent uitgenodigd om NML Matching te gebruiken namens {organisationName}. NML Matching is de dienst van het
        Transfer- en Matchingspunt Noord- en Midden-Limburg voor wonen na beschermd wonen en opvang.

        Kies uw wachtwoord via deze link. De link werkt één keer en is 7 dagen geldig:
        {link}

        Daarna stelt u een authenticator-app in als tweede stap bij het inloggen.

        Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren.

        Transfer- en Matchingspunt Noord- en Midden-Limburg
        """;
}
