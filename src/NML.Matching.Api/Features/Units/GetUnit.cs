using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Units;

public static class GetUnit
{
    public sealed record Query(Guid Id) : IQuery<Result<UnitDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<UnitDto>>
    {
        public async ValueTask<Result<UnitDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var unit = await db.Units.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken);
            return unit is null ? Error.NotFound("Unit") : UnitDto.From(unit);
        }
    }

    public static RouteHandlerBuilder MapGetUnit(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(u => http.OkWithETag(u, u.Version)))
            .WithName("GetUnit")
            .WithSummary("Get one unit you may see.")
            .WithDescription("The owner sees its own, a Gemeente those in its municipality, the Matchingspunt those of its region, Admin all. Others answer 404. The ETag header is needed for PUT.")
            .Produces<UnitDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
