using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Regions;

public static class ListRegions
{
    public sealed record Query(int Page, int PageSize) : IQuery<PagedList<RegionDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new Paging.Validator());
    }

    public sealed class Handler(MatchingDbContext db) : IQueryHandler<Query, PagedList<RegionDto>>
    {
        public async ValueTask<PagedList<RegionDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.Gemeenten.GroupBy(g => g.RegionCode).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
            return await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToPageAsync(query,
                r => new RegionDto(r.Code, r.Name, [.. r.Points.OrderBy(p => p.Code).Select(p => new PointDto(p.Code, p.Name))], counts.GetValueOrDefault(r.Code)),
                cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListRegions(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(page, pageSize), cancellationToken)))
            .WithName("ListRegions")
            .WithSummary("List the regions with their points.")
            .WithDescription("Regions are reference data from the versioned data file. Each region lists its points (Transfer- or Matchingspunten) and the number of its municipalities.")
            .ProducesValidationProblem();
}
