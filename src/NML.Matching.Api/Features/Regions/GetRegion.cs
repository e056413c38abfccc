using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Regions;

public static class GetRegion
{
    public sealed record Query(string Code) : IQuery<Result<RegionDto>>;

    public sealed class Handler(MatchingDbContext db) : IQueryHandler<Query, Result<RegionDto>>
    {
        public async ValueTask<Result<RegionDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var code = query.Code.Trim().ToUpperInvariant();
            var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken);
            if (region is null) return Error.NotFound($"Region '{query.Code}'");
            var count = await db.Gemeenten.CountAsync(g => g.RegionCode == code, cancellationToken);
            return new RegionDto(region.Code, region.Name, [.. region.Points.OrderBy(p => p.Code).Select(p => new PointDto(p.Code, p.Name))], count);
        }
    }

    public static RouteHandlerBuilder MapGetRegion(this IEndpointRouteBuilder group) =>
        group.MapGet("/{code}", async (string code, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(code), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("GetRegion")
            .WithSummary("Get one region by its code (case-insensitive).")
            .WithDescription("Codes are case-insensitive on input and upper case on output. An unknown code answers 404.")
            .Produces<RegionDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
