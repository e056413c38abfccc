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
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

public static class UpdateOrganisation
{
    /// <summary>
    /// The whole new state of an organisation (PUT replaces). <c>type</c> and <c>regionCode</c> must repeat
    /// the current values: they cannot change. Setting <c>active</c> to false stops all its keys.
    /// </summary>
    public sealed record Body(
        [property: Required] string? Name, [property: Required] OrganisationType? Type, [property: Required] string? RegionCode, string? GemeenteCode, string? PointCode, IReadOnlyList<string>? Werkgebied, [property: Required] bool? Active)
        : IOrganisationFields;

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<OrganisationDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body).SetValidator(new OrganisationRules.FieldsValidator()).OverridePropertyName(string.Empty);
            RuleFor(c => c.Body.Active).NotNull().OverridePropertyName("active");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<OrganisationDto>>
    {
        public async ValueTask<Result<OrganisationDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var ifMatch = ETags.ParseIfMatch(command.IfMatch);
            if (!ifMatch.IsSuccess) return ifMatch.Error!;
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == command.Id, cancellationToken);
            if (organisation is null) return Error.NotFound("Organisation");
            if (ifMatch.Value is { } condition && !condition.Matches(organisation.Version)) return ETags.Stale(organisation.Version);

            var body = command.Body;
            if (body.Type != organisation.Type)
                return Error.Invalid("type", "immutable-field", "The type of an organisation cannot change; register a new one.");
            if (!string.Equals(body.RegionCode!.Trim(), organisation.RegionCode, StringComparison.OrdinalIgnoreCase))
                return Error.Invalid("regionCode", "immutable-field", "The region of an organisation cannot change; register a new one.");
            var point = await OrganisationRules.CheckReferencesAsync(db, body, cancellationToken);
            if (!point.IsSuccess) return point.Error!;

            var before = OrganisationDto.From(organisation);
            var now = clock.GetUtcNow();
            organisation.Update(body.Name!, body.GemeenteCode, point.Value, body.Werkgebied, body.Active!.Value, now);
            // The UPDATE only succeeds while the row still has the version we read (xmin); a racing write gives 409.
            db.Record(now, caller.Caller.AsActor(), "organisation.updated", "organisation", organisation.Id.ToString(), before, OrganisationDto.From(organisation));
            await db.SaveChangesAsync(cancellationToken);
            return OrganisationDto.From(organisation);
        }
    }

    public static RouteHandlerBuilder MapUpdateOrganisation(this IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(updated =>
                {
                    http.Response.Headers.ETag = ETags.Format(updated.Version);
                    return TypedResults.Ok(updated);
                }))
            .WithName("UpdateOrganisation")
            .WithSummary("Change an organisation (admin). An optional If-Match guards against lost updates.")
            .WithDescription("PUT replaces the whole organisation. type and regionCode must repeat the current values. Setting active to false stops all keys of the organisation at once. The change is audited with the state before and after.")
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<OrganisationDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
