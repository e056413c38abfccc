using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Regions;

public static class ListGemeenten
{
    public sealed record Query(string? Region, string? Point, int Page, int PageSize) : IQuery<Result<PagedList<GemeenteDto>>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Region).MaximumLength(16);
            RuleFor(q => q.Point).MaximumLength(32);
        }
    }

    public sealed class Handler(MatchingDbContext db) : IQueryHandler<Query, Result<PagedList<GemeenteDto>>>
    {
        public async ValueTask<Result<PagedList<GemeenteDto>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var gemeenten = db.Gemeenten.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Region))
            {
                var region = query.Region.Trim().ToUpperInvariant();
                if (!await db.Regions.AnyAsync(r => r.Code == region, cancellationToken))
                    return Error.Invalid("region", "unknown-region", $"There is no region '{query.Region}'.");
                gemeenten = gemeenten.Where(g => g.RegionCode == region);
            }
            if (!string.IsNullOrWhiteSpace(query.Point))
            {
                var point = query.Point.Trim().ToLowerInvariant();
                gemeenten = gemeenten.Where(g => g.PointCode.ToLower() == point);
            }
            return await gemeenten.OrderBy(g => g.Name).ThenBy(g => g.Code).ToPageAsync(query, GemeenteDto.From, cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListGemeenten(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, string? region = null, string? point = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                (await mediator.Send(new Query(region, point, page, pageSize), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("ListGemeenten")
            .WithSummary("List municipalities, optionally of one region or point, sorted by name.")
            .WithDescription("Each municipality has its CBS code, region, point, population and the approximate coordinates of its centre. An unknown region in the filter answers 400 naming `region`.")
            .Produces<PagedList<GemeenteDto>>()
            .ProducesValidationProblem();
}
