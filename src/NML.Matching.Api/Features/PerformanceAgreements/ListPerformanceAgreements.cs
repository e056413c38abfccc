using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.PerformanceAgreements;

public static class ListPerformanceAgreements
{
    public sealed record Query(int? Year, string? Gemeente, Guid? Corporation, int Page, int PageSize) : IQuery<PagedList<PerformanceAgreementDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Year).InclusiveBetween(PerformanceAgreement.FirstYear, PerformanceAgreement.LastYear);
            RuleFor(q => q.Gemeente).Must(GemeenteCode.IsWellFormed!).When(q => q.Gemeente is not null).WithMessage("A CBS municipality code such as GM0983.");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, PagedList<PerformanceAgreementDto>>
    {
        public async ValueTask<PagedList<PerformanceAgreementDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agreements = db.PerformanceAgreements.AsNoTracking().VisibleTo(caller.Caller);
            if (query.Year is { } year) agreements = agreements.Where(a => a.Year == year);
            if (query.Gemeente is { } gemeente)
            {
                var code = GemeenteCode.Normalize(gemeente);
                agreements = agreements.Where(a => a.GemeenteCode == code);
            }
            if (query.Corporation is { } corporation) agreements = agreements.Where(a => a.CorporationId == corporation);
            var page = await agreements.OrderByDescending(a => a.Year).ThenBy(a => a.GemeenteCode).ThenBy(a => a.Id)
                .ToPageAsync(query, a => a, cancellationToken);
            var items = await PerformanceAgreementDto.ManyAsync(db, page.Items, RegionalDate.Today(clock), cancellationToken);
            return new PagedList<PerformanceAgreementDto>(items, page.Page, page.PageSize, page.Total);
        }
    }

    public static RouteHandlerBuilder MapListPerformanceAgreements(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, int? year = null, string? gemeente = null,
                Guid? corporation = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(year, gemeente, corporation, page, pageSize), cancellationToken)))
            .WithName("ListPerformanceAgreements")
            .WithSummary("List the agreements you may see with their progress today, newest year first.")
            .WithDescription("Filters: year, gemeente (CBS code), corporation (organisation id). A corporation sees its own agreements, a municipality its own, the Matchingspunt those of its region, Admin all.")
            .ProducesValidationProblem();
}
