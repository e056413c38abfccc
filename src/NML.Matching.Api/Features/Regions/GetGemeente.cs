using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Regions;

public static class GetGemeente
{
    public sealed record Query(string Code) : IQuery<Result<GemeenteDto>>;

    public sealed class Handler(MatchingDbContext db) : IQueryHandler<Query, Result<GemeenteDto>>
    {
        public async ValueTask<Result<GemeenteDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = GemeenteCode.Normalize(query.Code);
            var gemeente = await db.Gemeenten.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, cancellationToken);
            return gemeente is null ? Error.NotFound($"Gemeente '{query.Code}'") : GemeenteDto.From(gemeente);
        }
    }

    public static RouteHandlerBuilder MapGetGemeente(this IEndpointRouteBuilder group) =>
        group.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(code), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("GetGemeente")
            .WithSummary("Get one municipality by its CBS code (case-insensitive).")
            .WithDescription("For example GM0983 (Venlo). An unknown code answers 404.")
            .Produces<GemeenteDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
