using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

public static class ProposeMatch
{
    /// <summary>A manual proposal. An ineligible pair needs an <c>overrideReason</c>; it is then audited as an override.</summary>
    public sealed record Command([property: Required] Guid? UnitId, [property: Required] Guid? CandidateId, string? OverrideReason) : ICommand<Result<MatchDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UnitId).NotNull();
            RuleFor(c => c.CandidateId).NotNull();
            RuleFor(c => c.OverrideReason).MaximumLength(500);
        }
    }

    public sealed class Handler(MatchingDbContext db, MatchingInputLoader loader, Placement placement, ICallerAccessor caller, TimeProvider clock, IOptions<WorkflowSettings> workflow)
        : ICommandHandler<Command, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var foundUnit = await db.FindUnitForProposalAsync(who, command.UnitId!.Value, cancellationToken);
            if (!foundUnit.IsSuccess) return foundUnit.Error!;
            var foundCandidate = await db.FindForProposalAsync(who, command.CandidateId!.Value, cancellationToken);
            if (!foundCandidate.IsSuccess) return foundCandidate.Error!;
            var (unit, candidate) = (foundUnit.Value!, foundCandidate.Value!);

            var input = await loader.LoadAsync([candidate], [unit], RegionalDate.Today(clock), cancellationToken);
            var evaluation = new MatchingModel(input).Evaluate(0, 0);
            var overriding = !evaluation.Eligible;
            if (overriding && string.IsNullOrWhiteSpace(command.OverrideReason))
                return Error.Invalid("overrideReason", "pair-ineligible",
                    $"This pair fails {string.Join(", ", evaluation.FailedRules)}. Propose it only with an overrideReason.");

            var now = clock.GetUtcNow();
            var match = placement.Propose(Guid.CreateVersion7(now), unit, candidate, evaluation.Breakdown, input.Weights, null,
                evaluation.FailedRules, overriding ? command.OverrideReason : null, who.AsActor(), workflow.Value.NominateBy(now), input.Today, now);
            db.Matches.Add(match);
            db.Record(now, who.AsActor(), overriding ? "match.proposed-override" : "match.proposed", "match", match.Id.ToString(), null,
                new { match.UnitId, match.CandidateId, match.Score, evaluation.FailedRules, match.OverrideReason });
            await db.SaveChangesAsync(cancellationToken);
            return MatchDto.From(match, who);
        }
    }

    public static RouteHandlerBuilder MapProposeMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (Command command, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(command, cancellationToken)).ToHttp(m => http.CreatedWithETag($"/api/v1/matches/{m.Id}", m, m.Version)))
            .WithName("ProposeMatch")
            .WithSummary("Propose a pair by hand (Matchingspunt or Admin).")
            .WithDescription("The pair must be eligible; an ineligible one needs overrideReason and is audited as an override (match.proposed-override), with the failed rules in its snapshot. The candidate must be Ready and the unit Available (409 otherwise), and neither may be in another active match (409).")
            .RequireAuthorization(Policies.RoundRunners)
            .Produces<MatchDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
