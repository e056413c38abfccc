using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

public static class CreateOrganisation
{
    /// <summary>A new organisation. <c>gemeenteCode</c> only for a Gemeente, <c>pointCode</c> only for a Matchingspunt.</summary>
    public sealed record Command(
        [property: Required] string? Name, [property: Required] OrganisationType? Type, [property: Required] string? RegionCode, string? GemeenteCode, string? PointCode, IReadOnlyList<string>? Werkgebied)
        : ICommand<Result<OrganisationDto>>, IOrganisationFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new OrganisationRules.FieldsValidator());
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<OrganisationDto>>
    {
        public async ValueTask<Result<OrganisationDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var point = await OrganisationRules.CheckReferencesAsync(db, command, cancellationToken);
            if (!point.IsSuccess) return point.Error!;

            var now = clock.GetUtcNow();
            var organisation = Organisation.Create(Guid.CreateVersion7(now), command.Name!, command.Type!.Value, command.RegionCode!,
                command.GemeenteCode, point.Value, command.Werkgebied, now);
            db.Organisations.Add(organisation);
            db.Record(now, caller.Caller.AsActor(), "organisation.created", "organisation", organisation.Id.ToString(), null, OrganisationDto.From(organisation));
            await db.SaveChangesAsync(cancellationToken);
            return OrganisationDto.From(organisation);
        }
    }

    public static RouteHandlerBuilder MapCreateOrganisation(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (Command command, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(command, cancellationToken)).ToHttp(created =>
                {
                    http.Response.Headers.ETag = ETags.Format(created.Version);
                    return TypedResults.Created($"/api/v1/organisations/{created.Id}", created);
                }))
            .WithName("CreateOrganisation")
            .WithSummary("Register an organisation (admin).")
            .WithDescription("The type decides the role of its keys. A Gemeente needs the gemeenteCode it speaks for; corporations and care providers need a werkgebied of municipalities in their region; a Matchingspunt may name the point it runs. The change is audited.")
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<OrganisationDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status409Conflict);
}
