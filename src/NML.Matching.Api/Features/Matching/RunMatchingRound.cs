using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matching;

public static class RunMatchingRound
{
    /// <summary>
    /// Run a round over all Ready candidates and Available units of a region (or of one of its points).
    /// <c>dryRun</c> only computes; otherwise every proposal becomes a Proposed match.
    /// </summary>
    public sealed record Command([property: Required] string? RegionCode, string? Point, [property: Required] bool? DryRun, double? MinScore, int? MaxProposalsPerGemeente)
        : ICommand<Result<MatchingRoundDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RegionCode).NotEmpty().MaximumLength(16);
            RuleFor(c => c.Point).MaximumLength(32);
            RuleFor(c => c.DryRun).NotNull().WithMessage("Say whether this is a dry run (dryRun: true or false).");
            RuleFor(c => c.MinScore).InclusiveBetween(0, 100);
            RuleFor(c => c.MaxProposalsPerGemeente).InclusiveBetween(1, 10_000);
        }
    }

    public sealed class Handler(
        MatchingDbContext db, MatchingInputLoader loader, Placement placement, ICallerAccessor caller, TimeProvider clock, IOptions<WorkflowSettings> workflow,
        ILogger<Handler> logger)
        : ICommandHandler<Command, Result<MatchingRoundDto>>
    {
        public async ValueTask<Result<MatchingRoundDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var regionCode = command.RegionCode!.Trim().ToUpperInvariant();
            var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, cancellationToken);
            // A Matchingspunt runs rounds for its own region only; another region answers 404 like an unknown one.
            if (region is null || !MatchingRoundAccess.MayRunIn(who, regionCode)) return Error.NotFound($"Region '{command.RegionCode}'");
            string? point = null;
            if (command.Point is not null)
            {
                point = region.FindPoint(command.Point)?.Code;
                if (point is null) return Error.Invalid("point", "unknown-point", $"Region {regionCode} has no point '{command.Point}'.");
            }

            if (command.DryRun == true) return await RunAsync(command, regionCode, point, cancellationToken);

            // A real round changes the candidates and units it reads: all in one transaction, under the region's lock.
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (!await RoundLock.TryTakeAsync(db, regionCode, cancellationToken))
                    return (Result<MatchingRoundDto>)Error.Conflict("round-in-progress", $"Another matching round for region {regionCode} is running. Try again when it has finished.");
                var result = await RunAsync(command, regionCode, point, cancellationToken);
                if (result.IsSuccess) await transaction.CommitAsync(cancellationToken);
                return result;
            });
        }

        /// <summary>Runs the engine over the round's scope, turns a real round's proposals into matches, and stores the round.</summary>
        private async Task<Result<MatchingRoundDto>> RunAsync(Command command, string regionCode, string? point, CancellationToken cancellationToken)
        {
            var dryRun = command.DryRun == true;
            var today = RegionalDate.Today(clock);
            var (candidates, units) = await RoundScope.LoadAsync(db, regionCode, point, today, track: !dryRun, cancellationToken);
            var input = await loader.LoadAsync(candidates, units, today, cancellationToken);
            var model = new MatchingModel(input);
            var parameters = new RoundParameters(command.MinScore ?? 0, command.MaxProposalsPerGemeente);
            var outcome = MatchingRound.Run(model, parameters);

            var now = clock.GetUtcNow();
            var roundId = Guid.CreateVersion7(now);
            var matchOfUnit = dryRun ? new Dictionary<Guid, Guid>() : Propose(outcome, candidates, units, input, roundId, now);
            var proposals = outcome.Proposals.Select(p => ProposalDto.From(p, matchOfUnit.TryGetValue(p.UnitId, out var id) ? id : null)).ToList();
            var unassigned = outcome.Unassigned.Select(UnassignedCandidateDto.From).ToList();
            var record = MatchingRoundRecord.From(roundId, regionCode, point, dryRun, parameters, input.Weights, MatchingRound.InputHash(model, parameters),
                outcome, proposals, unassigned, now, caller.Caller);
            db.MatchingRounds.Add(record);
            db.Record(now, caller.Caller.AsActor(), dryRun ? "matching-round.dry-run" : "matching-round.run", "matching-round", roundId.ToString(), null,
                new { record.RegionCode, record.Point, record.DryRun, record.MinScore, record.MaxProposalsPerGemeente, record.InputHash, record.TotalScore, record.ProposalCount });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Matching round {RoundId} for {Region}: {Proposals} proposals from {Candidates}x{Units}, total {Total} (greedy {Greedy}) in {Ms} ms",
                roundId, regionCode, proposals.Count, outcome.CandidateCount, outcome.UnitCount, outcome.TotalScore, outcome.GreedyTotalScore, outcome.Timings.TotalMs);
            return MatchingRoundDto.From(record, input.Weights, proposals, unassigned, outcome.Timings);
        }

        /// <summary>Each proposal of a real round becomes a Proposed match (the candidate Matched, the unit Reserved), audited; returns the match per unit.</summary>
        private Dictionary<Guid, Guid> Propose(RoundOutcome outcome, List<Candidate> candidates, List<HousingUnit> units, MatchingInput input, Guid roundId, DateTimeOffset now)
        {
            var candidatesById = candidates.ToDictionary(c => c.Id);
            var unitsById = units.ToDictionary(u => u.Id);
            var actor = caller.Caller.AsActor();
            var matchOfUnit = new Dictionary<Guid, Guid>();
            foreach (var proposal in outcome.Proposals)
            {
                var match = placement.Propose(Guid.CreateVersion7(now), unitsById[proposal.UnitId], candidatesById[proposal.CandidateId], proposal.Breakdown,
                    input.Weights, roundId, [], null, actor, workflow.Value.NominateBy(now), input.Today, now);
                db.Matches.Add(match);
                db.Record(now, actor, "match.proposed", "match", match.Id.ToString(), null, new { match.Id, match.UnitId, match.CandidateId, match.RoundId, match.Score });
                matchOfUnit[proposal.UnitId] = match.Id;
            }
            return matchOfUnit;
        }
    }

    public static RouteHandlerBuilder MapRunMatchingRound(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (Command command, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(command, cancellationToken)).ToHttp(round => TypedResults.Created($"/api/v1/matching-rounds/{round.Id}", round)))
            .WithName("RunMatchingRound")
            .WithSummary("Run a matching round for a region: the optimal set of proposals (Matchingspunt or Admin).")
            .WithDescription("Chooses the eligible pairs, at most one per unit and per candidate, scoring at least minScore, with the largest total score, and at most maxProposalsPerGemeente per municipality when given. The result holds the greedy baseline's total on the same input for comparison. dryRun=false turns each proposal into a Proposed match, the candidate into Matched and the unit into Reserved; only one such round runs per region at a time (409 round-in-progress).")
            .RequireAuthorization(Policies.RoundRunners)
            .Produces<MatchingRoundDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
