using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matching;

public static class RankUnitsForCandidate
{
    public sealed record Query(Guid CandidateId, int Limit, bool IncludeIneligible) : IQuery<Result<CandidateRankingDto>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Limit).InclusiveBetween(1, RankCandidatesForUnit.MaxLimit).OverridePropertyName("limit");
    }

    public sealed class Handler(MatchingDbContext db, MatchingInputLoader loader, RegisterPools pools, ICallerAccessor caller, IOptions<MatchingSettings> settings, TimeProvider clock) : IQueryHandler<Query, Result<CandidateRankingDto>>
    {
        public async ValueTask<Result<CandidateRankingDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await db.FindForRankingAsync(caller.Caller, query.CandidateId, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var candidate = found.Value!;

            var scope = settings.Value.AllowCrossRegion ? null : candidate.RegionCode;
            var today = RegionalDate.Today(clock);
            var pool = await pools.GetAsync(db, scope, today, cancellationToken);
            var input = await loader.LoadAsync([MatchCandidate.From(candidate, today)], [.. pool.Units.Select(u => u.Match)], today, cancellationToken);
            var model = new MatchingModel(input);
            var ranking = MatchingRankings.UnitsForCandidate(model, 0, query.Limit, query.IncludeIneligible);
            var byId = pool.UnitsById;
            return new CandidateRankingDto(
                candidate.Id, input.Today, input.Weights, ranking.EligibleCount, ranking.IneligibleCount,
                [.. ranking.Eligible.Select(r => new RankedUnitDto(r.Rank, r.Score, r.Breakdown!.Criteria, RankedUnitProfile.From(byId[r.Id].Entity)))],
                [.. ranking.Ineligible.Select(r => new IneligibleUnitDto(r.FailedRules, RankedUnitProfile.From(byId[r.Id].Entity)))]);
        }
    }

    public static RouteHandlerBuilder MapRankUnitsForCandidate(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/units", async (Guid id, IMediator mediator, CancellationToken cancellationToken, int limit = 20, bool includeIneligible = false) =>
                (await mediator.Send(new Query(id, limit, includeIneligible), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("RankUnitsForCandidate")
            .WithSummary("Rank the units for one candidate, best first, each with its score breakdown.")
            .WithDescription("Units on offer in the candidate's region, eligible ones best first (ties by id), up to limit (1-200). With includeIneligible=true the others follow with every hard rule they fail. Visible to the candidate's care provider, the Matchingspunt of its region and Admin; others answer 404.")
            .Produces<CandidateRankingDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
