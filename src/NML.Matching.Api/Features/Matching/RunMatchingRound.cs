using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Events;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matching;

public static class RunMatchingRound
{
    /// <summary>
    /// Run a round over all Ready candidates and Available units of a region (or of one of its points).
    /// <c>dryRun</c> only computes; otherwise every proposal becomes a Proposed match.
    /// </summary>
    public sealed record Command(string? RegionCode, string? Point, bool? DryRun, double? MinScore, int? MaxProposalsPerGemeente)
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
        MatchingDbContext db, MatchingInputLoader loader, ICallerAccessor caller, TimeProvider clock, IOptions<WorkflowSettings> workflow, ILogger<Handler> logger)
        : ICommandHandler<Command, Result<MatchingRoundDto>>
    {
        public async ValueTask<Result<MatchingRoundDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var regionCode = command.RegionCode!.Trim().ToUpperInvariant();
            var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, cancellationToken);
            // A Matchingspunt runs rounds for its own region only; another region answers 404 like an unknown one.
            if (region is null || !(who.IsAdmin || who.RegionCode == regionCode)) return Error.NotFound($"Region '{command.RegionCode}'");
            string? point = null;
            if (command.Point is not null)
            {
                point = region.FindPoint(command.Point)?.Code;
                if (point is null) return Error.Invalid("point", "unknown-point", $"Region {regionCode} has no point '{command.Point}'.");
            }

            if (command.DryRun == true) return await RunAsync(command, regionCode, point, cancellationToken);

            // One real round per region at a time, across all API instances: a transaction-scoped advisory lock.
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var key = $"nml-matching-round:{regionCode}";
                var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({key})) AS \"Value\"").SingleAsync(cancellationToken);
                if (!locked) return (Result<MatchingRoundDto>)Error.Conflict("round-in-progress", $"Another matching round for region {regionCode} is running. Try again when it has finished.");
                var result = await RunAsync(command, regionCode, point, cancellationToken);
                if (result.IsSuccess) await transaction.CommitAsync(cancellationToken);
                return result;
            });
        }

        private async Task<Result<MatchingRoundDto>> RunAsync(Command command, string regionCode, string? point, CancellationToken cancellationToken)
        {
            var dryRun = command.DryRun == true;
            var today = loader.Today;
            var pointGemeenten = point is null ? null
                : await db.Gemeenten.AsNoTracking().Where(g => g.RegionCode == regionCode && g.PointCode == point).Select(g => g.Code).ToListAsync(cancellationToken);

            var candidateQuery = db.Candidates.Where(c => c.RegionCode == regionCode).Where(CandidateAccess.HasStatus(CandidateStatus.Ready, today));
            var unitQuery = db.Units.Where(u => u.RegionCode == regionCode && u.Status == UnitStatus.Available);
            if (pointGemeenten is not null)
            {
                candidateQuery = candidateQuery.Where(c => pointGemeenten.Contains(c.HerkomstGemeenteCode));
                unitQuery = unitQuery.Where(u => pointGemeenten.Contains(u.GemeenteCode));
            }
            if (dryRun)
            {
                candidateQuery = candidateQuery.AsNoTracking();
                unitQuery = unitQuery.AsNoTracking();
            }
            var candidates = await candidateQuery.ToListAsync(cancellationToken);
            var units = await unitQuery.ToListAsync(cancellationToken);

            var input = await loader.LoadAsync(candidates, units, cancellationToken);
            var model = new MatchingModel(input);
            var parameters = new RoundParameters(command.MinScore ?? 0, command.MaxProposalsPerGemeente);
            var outcome = MatchingRound.Run(model, parameters);

            var now = clock.GetUtcNow();
            var roundId = Guid.CreateVersion7(now);
            var candidatesById = candidates.ToDictionary(c => c.Id);
            var unitsById = units.ToDictionary(u => u.Id);
            var proposals = new List<ProposalDto>();
            foreach (var proposal in outcome.Proposals)
            {
                Guid? matchId = null;
                if (!dryRun)
                {
                    var candidate = candidatesById[proposal.CandidateId];
                    var unit = unitsById[proposal.UnitId];
                    var snapshot = JsonSerializer.Serialize(new
                    {
                        roundId,
                        proposedAt = now,
                        score = proposal.Score,
                        breakdown = proposal.Breakdown.Criteria,
                        weights = input.Weights,
                    }, MatchingRoundDto.Json);
                    var match = Match.Propose(Guid.CreateVersion7(now), unit.Id, candidate.Id, roundId, regionCode, unit.GemeenteCode,
                        candidate.HerkomstGemeenteCode, unit.OwnerOrganisationId, candidate.ProviderOrganisationId, proposal.Score, snapshot, now,
                        caller.Caller.AsActor(), workflow.Value.Calendar().Add(now, workflow.Value.NominateWithinWorkingDays));
                    candidate.MarkMatched(today, now);
                    unit.Reserve(now);
                    db.Matches.Add(match);
                    db.Emit(EventTypes.MatchProposed, match, now);
                    db.Record(now, caller.Caller.AsActor(), "match.proposed", "match", match.Id.ToString(), null,
                        new { match.Id, match.UnitId, match.CandidateId, match.RoundId, match.Score });
                    matchId = match.Id;
                }
                proposals.Add(new ProposalDto(proposal.UnitId, proposal.CandidateId, proposal.Score, proposal.Breakdown.Criteria, matchId));
            }

            var record = new MatchingRoundRecord
            {
                Id = roundId,
                RegionCode = regionCode,
                Point = point,
                DryRun = dryRun,
                MinScore = parameters.MinScore,
                MaxProposalsPerGemeente = parameters.MaxProposalsPerGemeente,
                Weights = JsonSerializer.Serialize(input.Weights, MatchingRoundDto.Json),
                InputHash = MatchingRound.InputHash(model, parameters),
                Solver = outcome.Solver,
                TotalScore = outcome.TotalScore,
                GreedyTotalScore = outcome.GreedyTotalScore,
                CandidateCount = outcome.CandidateCount,
                UnitCount = outcome.UnitCount,
                EligiblePairs = outcome.EligiblePairs,
                Density = outcome.Density,
                ProposalCount = proposals.Count,
                Proposals = JsonSerializer.Serialize(proposals, MatchingRoundDto.Json),
                Unassigned = JsonSerializer.Serialize(outcome.Unassigned.Select(u => new UnassignedCandidateDto(u.CandidateId, u.Reason, u.BlockingRules, u.BelowMinScore)), MatchingRoundDto.Json),
                Timings = JsonSerializer.Serialize(outcome.Timings, MatchingRoundDto.Json),
                CreatedAt = now,
                CreatedByRole = caller.Caller.Role,
                CreatedByOrganisationId = caller.Caller.OrganisationId,
            };
            db.MatchingRounds.Add(record);
            db.Record(now, caller.Caller.AsActor(), dryRun ? "matching-round.dry-run" : "matching-round.run", "matching-round", roundId.ToString(), null,
                new { record.RegionCode, record.Point, record.DryRun, record.MinScore, record.MaxProposalsPerGemeente, record.InputHash, record.TotalScore, record.ProposalCount });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Matching round {RoundId} for {Region}: {Proposals} proposals from {Candidates}x{Units}, total {Total} (greedy {Greedy}) in {Ms} ms",
                roundId, regionCode, proposals.Count, outcome.CandidateCount, outcome.UnitCount, outcome.TotalScore, outcome.GreedyTotalScore, outcome.Timings.TotalMs);
            return MatchingRoundDto.From(record);
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
