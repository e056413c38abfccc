using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Organisations;

public static class GetOrganisation
{
    public sealed record Query(Guid Id) : IQuery<Result<OrganisationDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<OrganisationDto>>
    {
        public async ValueTask<Result<OrganisationDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            // Another organisation's record answers 404, exactly like one that does not exist.
            if (!OrganisationAccess.MayManage(caller.Caller, query.Id)) return Error.NotFound("Organisation");
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == query.Id, cancellationToken);
            return organisation is null ? Error.NotFound("Organisation") : OrganisationDto.From(organisation);
        }
    }

    public static RouteHandlerBuilder MapGetOrganisation(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(organisation =>
                {
                    http.Response.Headers.ETag = ETags.Format(organisation.Version);
                    return TypedResults.Ok(organisation);
                }))
            .WithName("GetOrganisation")
            .WithSummary("Get one organisation: admin, or the organisation itself.")
            .WithDescription("Another organisation answers 404, as if it did not exist. The ETag header carries the version for If-Match.")
            .Produces<OrganisationDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
