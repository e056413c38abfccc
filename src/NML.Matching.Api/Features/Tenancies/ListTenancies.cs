using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Tenancies;

public static class ListTenancies
{
    /// <summary>
    /// The filters. For the portal's Nazorg page (not on the API): <paramref name="ProviderOrganisation"/>, the care
    /// provider of the tenant, and <paramref name="FollowUpOpen"/>, a 3-, 6- or 12-month follow-up that can be recorded
    /// now (from two weeks before it is due, as <c>Tenancy.RecordFollowUp</c> allows) and is not recorded yet.
    /// </summary>
    public sealed record Query(string? Gemeente, ContractForm? ContractForm, bool? FollowUpOverdue, int Page, int PageSize,
        Guid? ProviderOrganisation = null, bool? FollowUpOpen = null) : IQuery<PagedList<TenancyDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.ContractForm).IsInEnum();
            RuleFor(q => q.Gemeente).MaximumLength(6);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, PagedList<TenancyDto>>
    {
        public async ValueTask<PagedList<TenancyDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = RegionalDate.Today(clock);
            var tenancies = db.Tenancies.AsNoTracking().VisibleTo(caller.Caller);
            if (query.Gemeente is { } gemeente)
            {
                var code = gemeente.Trim().ToUpperInvariant();
                tenancies = tenancies.Where(t => t.UnitGemeenteCode == code);
            }
            if (query.ContractForm is { } form) tenancies = tenancies.Where(t => t.ContractForm == form);
            if (query.FollowUpOverdue is { } overdue)
            {
                // A follow-up is overdue when its month mark has passed and it was not recorded.
                var due3 = today.AddMonths(-3);
                var due6 = today.AddMonths(-6);
                var due12 = today.AddMonths(-12);
                tenancies = overdue
                    ? tenancies.Where(t => (t.StartDate <= due3 && !t.FollowUps.Any(f => f.Month == 3))
                        || (t.StartDate <= due6 && !t.FollowUps.Any(f => f.Month == 6))
                        || (t.StartDate <= due12 && !t.FollowUps.Any(f => f.Month == 12)))
                    : tenancies.Where(t => !((t.StartDate <= due3 && !t.FollowUps.Any(f => f.Month == 3))
                        || (t.StartDate <= due6 && !t.FollowUps.Any(f => f.Month == 6))
                        || (t.StartDate <= due12 && !t.FollowUps.Any(f => f.Month == 12))));
            }
            if (query.ProviderOrganisation is { } provider) tenancies = tenancies.Where(t => t.ProviderOrganisationId == provider);
            if (query.FollowUpOpen is { } open)
            {
                var soon = today.AddDays(Tenancy.FollowUpWindowDays);
                var open3 = soon.AddMonths(-3);
                var open6 = soon.AddMonths(-6);
                var open12 = soon.AddMonths(-12);
                tenancies = open
                    ? tenancies.Where(t => (t.StartDate <= open3 && !t.FollowUps.Any(f => f.Month == 3))
                        || (t.StartDate <= open6 && !t.FollowUps.Any(f => f.Month == 6))
                        || (t.StartDate <= open12 && !t.FollowUps.Any(f => f.Month == 12)))
                    : tenancies.Where(t => !((t.StartDate <= open3 && !t.FollowUps.Any(f => f.Month == 3))
                        || (t.StartDate <= open6 && !t.FollowUps.Any(f => f.Month == 6))
                        || (t.StartDate <= open12 && !t.FollowUps.Any(f => f.Month == 12))));
            }
            return await tenancies.OrderByDescending(t => t.StartDate).ThenBy(t => t.Id).ToPageAsync(query, t => TenancyDto.From(t, caller.Caller, today), cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListTenancies(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, string? gemeente = null, ContractForm? contractForm = null,
                bool? followUpOverdue = null, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(gemeente, contractForm, followUpOverdue, page, pageSize), cancellationToken)))
            .WithName("ListTenancies")
            .WithSummary("List the tenancies you may see, newest start first, with their follow-ups.")
            .WithDescription("Visible as matches are. Filters: gemeente (of the unit), contractForm, followUpOverdue (a 3-, 6- or 12-month follow-up is due and missing).")
            .ProducesValidationProblem();
}
