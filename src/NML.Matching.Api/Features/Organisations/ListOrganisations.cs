using FluentValidation;
using Mediator;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Organisations;

public static class ListOrganisations
{
    public sealed record Query(OrganisationType? Type, string? Region, bool? Active, int Page, int PageSize) : IQuery<PagedList<OrganisationDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Type).IsInEnum();
            RuleFor(q => q.Region).MaximumLength(16);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, PagedList<OrganisationDto>>
    {
        public async ValueTask<PagedList<OrganisationDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var organisations = db.Organisations.VisibleTo(caller.Caller);
            if (query.Type is { } type) organisations = organisations.Where(o => o.Type == type);
            if (!string.IsNullOrWhiteSpace(query.Region))
            {
                var region = query.Region.Trim().ToUpperInvariant();
                organisations = organisations.Where(o => o.RegionCode == region);
            }
            if (query.Active is { } active) organisations = organisations.Where(o => o.Active == active);
            return await organisations.OrderBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(query, OrganisationDto.From, cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListOrganisations(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken,
                OrganisationType? type = null, string? region = null, bool? active = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(type, region, active, page, pageSize), cancellationToken)))
            .WithName("ListOrganisations")
            .WithSummary("List organisations, sorted by name: all for admin, only your own otherwise.")
            .WithDescription("Filters: type, region, active. Paged with page and pageSize.")
            .ProducesValidationProblem();
}
