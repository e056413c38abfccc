using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Matching;

public static class ListMatchingRounds
{
    public sealed record Query(string? RegionCode, int Page, int PageSize) : IQuery<PagedList<MatchingRoundSummaryDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.RegionCode).MaximumLength(16);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, PagedList<MatchingRoundSummaryDto>>
    {
        public async ValueTask<PagedList<MatchingRoundSummaryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rounds = db.MatchingRounds.AsNoTracking().VisibleTo(caller.Caller);
            if (!string.IsNullOrWhiteSpace(query.RegionCode))
            {
                var region = query.RegionCode.Trim().ToUpperInvariant();
                rounds = rounds.Where(r => r.RegionCode == region);
            }
            return await rounds.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).ToPageAsync(query, MatchingRoundSummaryDto.From, cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListMatchingRounds(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, string? regionCode = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(regionCode, page, pageSize), cancellationToken)))
            .WithName("ListMatchingRounds")
            .WithSummary("List matching rounds, newest first, without their proposals.")
            .WithDescription("The Matchingspunt sees the rounds of its region, Admin all. Filter: regionCode.")
            .ProducesValidationProblem();
}
