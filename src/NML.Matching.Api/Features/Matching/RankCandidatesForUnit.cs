using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matching;

public static class RankCandidatesForUnit
{
    public const int MaxLimit = 200;

    public sealed record Query(Guid UnitId, int Limit, bool IncludeIneligible) : IQuery<Result<UnitRankingDto>>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
    }

    public sealed class Handler(MatchingDbContext db, MatchingInputLoader loader, RegisterPools pools, ICallerAccessor caller, IOptions<MatchingSettings> settings, TimeProvider clock) : IQueryHandler<Query, Result<UnitRankingDto>>
    {
        public async ValueTask<Result<UnitRankingDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var found = await db.FindUnitForRankingAsync(caller.Caller, query.UnitId, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var unit = found.Value!;

            var scope = settings.Value.AllowCrossRegion ? null : unit.RegionCode;
            var today = RegionalDate.Today(clock);
            var pool = await pools.GetAsync(db, scope, today, cancellationToken);
            var input = await loader.LoadAsync([.. pool.Candidates.Select(c => c.Match)], [MatchUnit.From(unit)], today, cancellationToken);
            var model = new MatchingModel(input);
            var ranking = MatchingRankings.CandidatesForUnit(model, 0, query.Limit, query.IncludeIneligible);

            var minimised = !CandidateAccess.SeesEveryCandidateInFull(caller.Caller);
            RankedCandidateProfile Profile(Guid id) => minimised
                ? RankedCandidateProfile.Minimised(pool.CandidatesById[id].Entity)
                : RankedCandidateProfile.Full(pool.CandidatesById[id].Entity, input.Today);
            return new UnitRankingDto(
                unit.Id, input.Today, input.Weights, ranking.EligibleCount, ranking.IneligibleCount,
                [.. ranking.Eligible.Select(r => new RankedCandidateDto(r.Rank, r.Score, r.Breakdown!.Criteria, Profile(r.Id)))],
                [.. ranking.Ineligible.Select(r => new IneligibleCandidateDto(r.FailedRules, Profile(r.Id)))]);
        }
    }

    public static RouteHandlerBuilder MapRankCandidatesForUnit(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/candidates", async (Guid id, IMediator mediator, CancellationToken cancellationToken, int limit = 20, bool includeIneligible = false) =>
                (await mediator.Send(new Query(id, limit, includeIneligible), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("RankCandidatesForUnit")
            .WithSummary("Rank the candidates for one unit, best first, each with its score breakdown.")
            .WithDescription("Eligible candidates of the unit's region, best first (ties by id), up to limit (1-200). With includeIneligible=true the others follow with every hard rule they fail. The unit's owner sees minimised profiles only (household, age band, support need, prikkelarm need); the Matchingspunt of the region and Admin see the full profile. Others answer 404.")
            .Produces<UnitRankingDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
