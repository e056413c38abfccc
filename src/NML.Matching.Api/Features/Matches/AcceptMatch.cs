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

public static class AcceptMatch
{
    public sealed record Command(Guid Id, string? IfMatch) : ICommand<Result<MatchDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock, IOptions<WorkflowSettings> settings) : ICommandHandler<Command, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var found = await db.FindForTransitionAsync(who, command.Id, command.IfMatch, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var match = found.Value!;
            if (MatchAccess.CheckOwner(who, match, "accepts a candidate") is { } notOwner) return notOwner;
            var now = clock.GetUtcNow();
            var before = match.Status;
            match.Accept(who.AsActor(), now, settings.Value.ContractBy(now));
            db.Record(now, who.AsActor(), "match.accepted", "match", match.Id.ToString(), new { status = before }, new { status = match.Status, match.DueAt });
            await db.SaveChangesAsync(cancellationToken);
            return MatchDto.From(match, who);
        }
    }

    public static RouteHandlerBuilder MapAcceptMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/accept", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch), cancellationToken)).ToHttp(m => http.OkWithETag(m, m.Version)))
            .WithName("AcceptMatch")
            .WithSummary("Accept the nominated candidate (the unit's owner, or Admin).")
            .WithDescription("Nominated → Accepted; the lease must then be signed within the configured days. Two parties acting at once: exactly one succeeds, the other gets 409.")
            .RequireAuthorization(Policies.UnitWriters)
            .TakesNoBody()
            .Produces<MatchDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
