using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Units;

public static class ListUnits
{
    public sealed record Query(
        UnitStatus? Status, string? Gemeente, UnitType? UnitType, int? MinBedrooms, decimal? MaxRent, int? PrikkelarmLevelAtLeast,
        DateOnly? AvailableBefore, int Page, int PageSize, string? Reference = null) : IQuery<PagedList<UnitDto>>, IPagedRequest;
    // Reference: a part of the owner's own reference (case-insensitive); the portal's "Mijn woningen" searches with it, the API does not offer it (yet).

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.UnitType).IsInEnum();
            RuleFor(q => q.Gemeente).Must(GemeenteCode.IsWellFormed).When(q => q.Gemeente is not null).WithMessage("A gemeente code looks like GM0983.");
            RuleFor(q => q.MinBedrooms).InclusiveBetween(0, 8);
            RuleFor(q => q.MaxRent).GreaterThanOrEqualTo(0);
            RuleFor(q => q.PrikkelarmLevelAtLeast).InclusiveBetween(0, 3);
            RuleFor(q => q.Reference).MaximumLength(64);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, PagedList<UnitDto>>
    {
        public async ValueTask<PagedList<UnitDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var units = db.Units.AsNoTracking().VisibleTo(caller.Caller);
            if (query.Status is { } status) units = units.Where(u => u.Status == status);
            if (query.Gemeente is { } gemeente)
            {
                var code = GemeenteCode.Normalize(gemeente);
                units = units.Where(u => u.GemeenteCode == code);
            }
            if (query.UnitType is { } type) units = units.Where(u => u.UnitType == type);
            if (query.MinBedrooms is { } bedrooms) units = units.Where(u => u.Bedrooms >= bedrooms);
            if (query.MaxRent is { } rent) units = units.Where(u => u.BasicRent <= rent);
            if (query.PrikkelarmLevelAtLeast is { } level) units = units.Where(u => u.PrikkelarmLevel >= level);
            if (!string.IsNullOrWhiteSpace(query.Reference))
            {
                var part = query.Reference.Trim().ToUpperInvariant();
                units = units.Where(u => u.Reference.ToUpper().Contains(part));
            }
            if (query.AvailableBefore is { } before) units = units.Where(u => u.AvailableFrom < before);
            return await units.OrderBy(u => u.AvailableFrom).ThenBy(u => u.Id).ToPageAsync(query, UnitDto.From, cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListUnits(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken,
                UnitStatus? status = null, string? gemeente = null, UnitType? unitType = null, int? minBedrooms = null, decimal? maxRent = null,
                int? prikkelarmLevelAtLeast = null, DateOnly? availableBefore = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(status, gemeente, unitType, minBedrooms, maxRent, prikkelarmLevelAtLeast, availableBefore, page, pageSize), cancellationToken)))
            .WithName("ListUnits")
            .WithSummary("List the units you may see: the supply, soonest available first.")
            .WithDescription("Filters: status, gemeente, unitType, minBedrooms, maxRent (basic rent at most), prikkelarmLevelAtLeast, availableBefore (availableFrom before this date). Sorted by availableFrom, then id.")
            .ProducesValidationProblem();
}
