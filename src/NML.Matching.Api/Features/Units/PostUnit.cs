using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Units;

public static class PostUnit
{
    public sealed record Command(UnitRequest Body) : ICommand<Result<UnitDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new UnitRequest.Validator()).OverridePropertyName(string.Empty);
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<UnitDto>>
    {
        public async ValueTask<Result<UnitDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var owner = caller.Caller.OrganisationId!.Value;
            var region = await db.CheckUnitGemeenteAsync(owner, command.Body.GemeenteCode!, cancellationToken);
            if (!region.IsSuccess) return region.Error!;
            var reference = command.Body.Reference!.Trim();
            if (await db.Units.AnyAsync(u => u.OwnerOrganisationId == owner && u.Reference == reference, cancellationToken))
                return Error.Conflict("duplicate-reference", $"You posted a unit with reference '{reference}' already.");

            var now = clock.GetUtcNow();
            var unit = HousingUnit.Post(Guid.CreateVersion7(now), owner, region.Value!, command.Body.ToDescription(), now);
            db.Units.Add(unit);
            db.Record(now, caller.Caller.AsActor(), "unit.posted", "unit", unit.Id.ToString(), null, UnitDto.From(unit));
            await db.SaveChangesAsync(cancellationToken);
            return UnitDto.From(unit);
        }
    }

    public static RouteHandlerBuilder MapPostUnit(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (UnitRequest body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(body), cancellationToken))
                    .ToHttp(created => http.CreatedWithETag($"/api/v1/units/{created.Id}", created, created.Version)))
            .WithName("PostUnit")
            .WithSummary("Offer a unit for uitstroom (corporation or care provider).")
            .WithDescription("The organisation of the API key becomes the owner; the unit's municipality must be in its werkgebied. The server derives prikkelarmLevel from the features. Send an Idempotency-Key header to make retries safe.")
            .RequireAuthorization(Policies.UnitPosters)
            .Produces<UnitDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .AcceptsIdempotencyKey();
}
