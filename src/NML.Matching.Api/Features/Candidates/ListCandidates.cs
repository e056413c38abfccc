using System.Text.Json.Nodes;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

public static class ListCandidates
{
    public sealed record Query(
        CandidateStatus? Status, string? HerkomstGemeente, SupportNeed? SupportNeed, PrikkelarmNeed? PrikkelarmNeed,
        CurrentSetting? CurrentSetting, DateOnly? ReadyBefore, int Page, int PageSize, string? Reference = null, string? Sort = null)
        : IQuery<PagedList<CandidateDto>>, IPagedRequest;

    /// <summary>The orders a list can take: longest ready first (the default), shortest ready first, by reference either way.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["readySince", "-readySince", "externalReference", "-externalReference"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new Paging.Validator());
            RuleFor(q => q.Status).IsInEnum();
            RuleFor(q => q.SupportNeed).IsInEnum();
            RuleFor(q => q.PrikkelarmNeed).IsInEnum();
            RuleFor(q => q.CurrentSetting).IsInEnum();
            RuleFor(q => q.HerkomstGemeente).Must(GemeenteCode.IsWellFormed).When(q => q.HerkomstGemeente is not null)
                .WithMessage("A gemeente code looks like GM0983.");
            RuleFor(q => q.Reference).MaximumLength(64);
            RuleFor(q => q.Sort).Must(s => s is null || Sorts.Contains(s)).WithMessage($"One of: {string.Join(", ", Sorts)}.");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, PagedList<CandidateDto>>
    {
        public async ValueTask<PagedList<CandidateDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = RegionalDate.Today(clock);
            var candidates = db.Candidates.AsNoTracking().VisibleTo(caller.Caller);
            if (query.Status is { } status) candidates = candidates.Where(Candidate.HasStatus(status, today));
            if (query.HerkomstGemeente is { } gemeente)
            {
                var code = GemeenteCode.Normalize(gemeente);
                candidates = candidates.Where(c => c.HerkomstGemeenteCode == code);
            }
            if (query.SupportNeed is { } support) candidates = candidates.Where(c => c.SupportNeed == support);
            if (query.PrikkelarmNeed is { } prikkelarm) candidates = candidates.Where(c => c.PrikkelarmNeed == prikkelarm);
            if (query.CurrentSetting is { } setting) candidates = candidates.Where(c => c.CurrentSetting == setting);
            if (query.ReadyBefore is { } before) candidates = candidates.Where(c => c.ReadySince < before);
            if (!string.IsNullOrWhiteSpace(query.Reference))
            {
                var pattern = "%" + LikeEscaped(query.Reference.Trim()) + "%";
                candidates = candidates.Where(c => EF.Functions.ILike(c.ExternalReference, pattern, "\\"));
            }
            var sorted = query.Sort switch
            {
                "-readySince" => candidates.OrderByDescending(c => c.ReadySince).ThenBy(c => c.Id),
                "externalReference" => candidates.OrderBy(c => c.ExternalReference).ThenBy(c => c.Id),
                "-externalReference" => candidates.OrderByDescending(c => c.ExternalReference).ThenBy(c => c.Id),
                _ => candidates.OrderBy(c => c.ReadySince).ThenBy(c => c.Id),
            };
            return await sorted.ToPageAsync(query, c => CandidateDto.From(c, today), cancellationToken);
        }
    }

    /// <summary>The text with LIKE's wildcards (and the escape character) escaped, so that it is searched as written.</summary>
    private static string LikeEscaped(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static RouteHandlerBuilder MapListCandidates(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken,
                CandidateStatus? status = null, string? herkomstGemeente = null, SupportNeed? supportNeed = null, PrikkelarmNeed? prikkelarmNeed = null,
                CurrentSetting? currentSetting = null, DateOnly? readyBefore = null, int page = 1, int pageSize = Paging.DefaultPageSize,
                string? reference = null, string? sort = null) =>
                TypedResults.Ok(await mediator.Send(new Query(status, herkomstGemeente, supportNeed, prikkelarmNeed, currentSetting, readyBefore, page, pageSize, reference, sort), cancellationToken)))
            .WithName("ListCandidates")
            .WithSummary("List the candidates you may see: the demand queue, longest ready first.")
            .WithDescription("Filters: status (derived for today), herkomstGemeente, supportNeed, prikkelarmNeed, currentSetting, readyBefore (readySince before this date), reference (part of the externalReference, case-insensitive). Sorted by readySince, then id; sort=-readySince, externalReference or -externalReference changes that.")
            .ProducesValidationProblem()
            // The sort orders are a closed list: say so in the contract, as for the enums of the filters.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "sort")?.Schema is OpenApiSchema schema)
                    schema.Enum = [.. Sorts.Select(s => (JsonNode)JsonValue.Create(s))];
                return Task.CompletedTask;
            });
}
