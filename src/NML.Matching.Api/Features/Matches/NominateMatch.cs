using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Matches;

public static class NominateMatch
{
    public sealed record Command(Guid Id, string? IfMatch) : ICommand<Result<MatchDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock, IOptions<WorkflowSettings> settings) : ICommandHandler<Command, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await db.FindForTransitionAsync(caller.Caller, command.Id, command.IfMatch, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var match = found.Value!;
            var now = clock.GetUtcNow();
            var before = match.Status;
            match.Nominate(caller.Caller.AsActor(), now, settings.Value.AnswerBy(now));
            db.Record(now, caller.Caller.AsActor(), "match.nominated", "match", match.Id.ToString(), new { status = before }, new { status = match.Status, match.DueAt });
            await db.SaveChangesAsync(cancellationToken);
            return MatchDto.From(match, caller.Caller);
        }
    }

    public static RouteHandlerBuilder MapNominateMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/nominate", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch), cancellationToken)).ToHttp(m => http.OkWithETag(m, m.Version)))
            .WithName("NominateMatch")
            .WithSummary("Nominate the candidate to the unit's owner (voordracht; Matchingspunt or Admin).")
            .WithDescription("Proposed → Nominated. From now on the owner sees the candidate's minimised profile on the match and must answer within the configured working days. A transition the state does not allow answers 409 naming the current state; a stale If-Match answers 412.")
            .RequireAuthorization(Policies.RoundRunners)
            .TakesNoBody()
            .Produces<MatchDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
