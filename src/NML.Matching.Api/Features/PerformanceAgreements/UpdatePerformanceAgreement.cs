using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class UpdatePerformanceAgreement
{
    /// <summary>
    /// The new target and note. corporationId, gemeenteCode and year are the identity of the agreement: they may be
    /// left out or repeated, but not changed.
    /// </summary>
    public sealed record Body(Guid? CorporationId, string? GemeenteCode, int? Year, [property: Required] int? TargetUnits, string? Note);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<PerformanceAgreementDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.TargetUnits).NotNull().InclusiveBetween(1, PerformanceAgreement.MaxTargetUnits).OverridePropertyName("targetUnits");
            RuleFor(c => c.Body.Note).MaximumLength(PerformanceAgreement.MaxNoteLength).OverridePropertyName("note");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<PerformanceAgreementDto>>
    {
        public async ValueTask<Result<PerformanceAgreementDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var agreement = await db.PerformanceAgreements.VisibleTo(caller.Caller).FirstOrDefaultAsync(a => a.Id == command.Id, cancellationToken);
            if (agreement is null) return Error.NotFound("Performance agreement");
            if (AgreementAccess.CheckWriter(caller.Caller, agreement.GemeenteCode, agreement.RegionCode) is { } forbidden) return forbidden;
            if (ETags.Check(command.IfMatch, agreement.Version, required: false) is { } precondition) return precondition;

            var body = command.Body;
            if (body.CorporationId is { } corporationId && corporationId != agreement.CorporationId)
                return Error.Invalid("corporationId", "immutable-field", "The corporation of an agreement cannot change; record a new agreement.");
            if (body.GemeenteCode is { } gemeenteCode && GemeenteCode.Normalize(gemeenteCode) != agreement.GemeenteCode)
                return Error.Invalid("gemeenteCode", "immutable-field", "The municipality of an agreement cannot change; record a new agreement.");
            if (body.Year is { } year && year != agreement.Year)
                return Error.Invalid("year", "immutable-field", "The year of an agreement cannot change; record a new agreement.");

            var before = PerformanceAgreementDto.AuditState(agreement);
            var now = clock.GetUtcNow();
            agreement.Change(body.TargetUnits!.Value, body.Note, now);
            db.Record(now, caller.Caller.AsActor(), "performance-agreement.updated", "performance-agreement", agreement.Id.ToString(), before,
                PerformanceAgreementDto.AuditState(agreement));
            await db.SaveChangesAsync(cancellationToken);
            return await PerformanceAgreementDto.OneAsync(db, agreement, RegionalDate.Today(clock), cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapUpdatePerformanceAgreement(this IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(updated => http.OkWithETag(updated, updated.Version)))
            .WithName("UpdatePerformanceAgreement")
            .WithSummary("Change the target or note of an agreement (the municipality itself or the Matchingspunt). An optional If-Match guards against lost updates.")
            .WithDescription("corporationId, gemeenteCode and year may be repeated but not changed (400 immutable-field). Agreements you cannot see answer 404; a corporation that sees its agreement gets 403.")
            .RequireAuthorization(Policies.AgreementReaders)
            .Produces<PerformanceAgreementDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
