using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class CreatePerformanceAgreement
{
    /// <summary>An agreement: the corporation, the municipality, the year and the number of units it promises.</summary>
    public sealed record Command([property: Required] Guid? CorporationId, [property: Required] string? GemeenteCode, [property: Required] int? Year, [property: Required] int? TargetUnits, string? Note) : ICommand<Result<PerformanceAgreementDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CorporationId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.GemeenteCode).NotEmpty().Must(GemeenteCode.IsWellFormed).WithMessage("A CBS municipality code such as GM0983.");
            RuleFor(c => c.Year).NotNull().InclusiveBetween(PerformanceAgreement.FirstYear, PerformanceAgreement.LastYear);
            RuleFor(c => c.TargetUnits).NotNull().InclusiveBetween(1, PerformanceAgreement.MaxTargetUnits);
            RuleFor(c => c.Note).MaximumLength(PerformanceAgreement.MaxNoteLength);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<PerformanceAgreementDto>>
    {
        public async ValueTask<Result<PerformanceAgreementDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var code = GemeenteCode.Normalize(command.GemeenteCode!);
            var gemeente = await db.Gemeenten.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, cancellationToken);
            if (gemeente is null) return Error.Invalid("gemeenteCode", "unknown-gemeente", $"There is no municipality {code}.");
            if (AgreementAccess.CheckWriter(caller.Caller, gemeente.Code, gemeente.RegionCode) is { } forbidden) return forbidden;
            var corporationExists = await db.Organisations.AsNoTracking()
                .AnyAsync(o => o.Id == command.CorporationId && o.Type == OrganisationType.Corporatie, cancellationToken);
            if (!corporationExists) return Error.Invalid("corporationId", "unknown-corporation", "corporationId is not a registered housing corporation.");
            var exists = await db.PerformanceAgreements.AnyAsync(
                a => a.CorporationId == command.CorporationId && a.GemeenteCode == code && a.Year == command.Year, cancellationToken);
            if (exists) return Error.Conflict("agreement-exists", $"There is an agreement for this corporation, {code} and {command.Year} already; change that one.");

            var now = clock.GetUtcNow();
            var agreement = PerformanceAgreement.Create(Guid.CreateVersion7(now), command.CorporationId!.Value, gemeente.Code, gemeente.RegionCode,
                command.Year!.Value, command.TargetUnits!.Value, command.Note, now);
            db.PerformanceAgreements.Add(agreement);
            db.Record(now, caller.Caller.AsActor(), "performance-agreement.created", "performance-agreement", agreement.Id.ToString(), null,
                PerformanceAgreementDto.AuditState(agreement));
            // The unique index (corporation, municipality, year) settles a race between two creators with 409.
            await db.SaveChangesAsync(cancellationToken);
            return await PerformanceAgreementDto.OneAsync(db, agreement, RegionalDate.Today(clock), cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapCreatePerformanceAgreement(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (Command command, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(command, cancellationToken)).ToHttp(created =>
                    http.CreatedWithETag($"/api/v1/performance-agreements/{created.Id}", created, created.Version)))
            .WithName("CreatePerformanceAgreement")
            .WithSummary("Record a yearly performance agreement (a municipality for itself, or the Matchingspunt of the region).")
            .WithDescription("One per corporation, municipality and year: a second gives 409 agreement-exists. A municipality may only record agreements for its own gemeenteCode (403 not-own-gemeente). The answer carries the progress so far.")
            .RequireAuthorization(Policies.AgreementWriters)
            .AcceptsIdempotencyKey()
            .Produces<PerformanceAgreementDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
