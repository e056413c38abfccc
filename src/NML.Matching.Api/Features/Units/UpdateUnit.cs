using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Units;

public static class UpdateUnit
{
    public sealed record Command(Guid Id, string? IfMatch, UnitRequest Body) : ICommand<Result<UnitDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new UnitRequest.Validator()).OverridePropertyName(string.Empty);
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<UnitDto>>
    {
        public ValueTask<Result<UnitDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeUnitAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: true, "unit.updated", async (unit, now) =>
            {
                var region = await db.CheckUnitGemeenteAsync(unit.OwnerOrganisationId, command.Body.GemeenteCode!, cancellationToken);
                if (!region.IsSuccess) return region.Error;
                var reference = command.Body.Reference!.Trim();
                if (reference != unit.Reference && await db.Units.AnyAsync(u => u.OwnerOrganisationId == unit.OwnerOrganisationId && u.Reference == reference, cancellationToken))
                    return Error.Conflict("duplicate-reference", $"The owner has a unit with reference '{reference}' already.");
                unit.Change(region.Value!, command.Body.ToDescription(), now);
                return null;
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapUpdateUnit(this IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async (Guid id, UnitRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(u => http.OkWithETag(u, u.Version)))
            .WithName("UpdateUnit")
            .WithSummary("Replace a unit's facts (its owner, or Admin). Requires If-Match.")
            .WithDescription("Send the ETag from GET in If-Match: 428 without it, 412 when someone changed the unit in between. A withdrawn unit cannot be changed (409).")
            .RequireAuthorization(Policies.UnitWriters)
            .Produces<UnitDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
