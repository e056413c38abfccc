using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

public static class ListMatches
{
    /// <summary>
    /// The filters; <paramref name="ProviderOrganisation"/> (the candidate's care provider) is for the portal's
    /// Voorstellen page, which lists a provider's clients' matches without the units it offers itself (not on the API).
    /// </summary>
    public sealed record Query(MatchStatus? Status, string? Gemeente, Guid? OwnerOrganisation, Guid? Unit, Guid? Candidate, Guid? Round, int Page, int PageSize,
        Guid? ProviderOrganisation = null)
        : IQuery<PagedList<MatchDto>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.Gemeente).Must(Domain.Regions.GemeenteCode.IsWellFormed).When(q => q.Gemeente is not null).WithMessage("A gemeente code looks like GM0983.");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, PagedList<MatchDto>>
    {
        public async ValueTask<PagedList<MatchDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var matches = db.Matches.AsNoTracking().VisibleTo(caller.Caller);
            if (query.Status is { } status) matches = matches.Where(m => m.Status == status);
            if (query.Gemeente is { } gemeente)
            {
                var code = Domain.Regions.GemeenteCode.Normalize(gemeente);
                matches = matches.Where(m => m.UnitGemeenteCode == code);
            }
            if (query.OwnerOrganisation is { } owner) matches = matches.Where(m => m.OwnerOrganisationId == owner);
            if (query.Unit is { } unit) matches = matches.Where(m => m.UnitId == unit);
            if (query.Candidate is { } candidate) matches = matches.AboutCandidate(caller.Caller, candidate);
            if (query.Round is { } round) matches = matches.Where(m => m.RoundId == round);
            if (query.ProviderOrganisation is { } provider) matches = matches.Where(m => m.ProviderOrganisationId == provider);
            var page = await matches.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).ToPageAsync(query, m => m, cancellationToken);
            var items = await MatchDto.ManyAsync(db, page.Items, caller.Caller, RegionalDate.Today(clock), cancellationToken);
            return new PagedList<MatchDto>(items, page.Page, page.PageSize, page.Total);
        }
    }

    public static RouteHandlerBuilder MapListMatches(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken,
                MatchStatus? status = null, string? gemeente = null, Guid? ownerOrganisation = null, Guid? unit = null, Guid? candidate = null, Guid? round = null,
                int page = 1, int pageSize = Paging.DefaultPageSize) =>
                TypedResults.Ok(await mediator.Send(new Query(status, gemeente, ownerOrganisation, unit, candidate, round, page, pageSize), cancellationToken)))
            .WithName("ListMatches")
            .WithSummary("List the matches you may see, newest first.")
            .WithDescription("Filters: status, gemeente (of the unit), ownerOrganisation, unit, candidate, round. Admin sees all, the Matchingspunt its region, a care provider the matches of its candidates and units, a corporation those of its units (the candidate's minimised profile from nomination on), a Gemeente those of units in its municipality or candidates from it.")
            .ProducesValidationProblem();
}
