using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

public static class WithdrawMatch
{
    public sealed record Body([property: Required] string? Reason);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<MatchDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body.Reason).NotEmpty().MaximumLength(500).OverridePropertyName("reason");
    }

    public sealed class Handler(MatchingDbContext db, Placement placement, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var found = await db.FindForTransitionAsync(who, command.Id, command.IfMatch, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var match = found.Value!;
            var now = clock.GetUtcNow();
            var before = match.Status;
            var (unit, candidate) = await db.PartiesOfAsync(match, cancellationToken);
            placement.Withdraw(match, unit, candidate, who.AsActor(), command.Body.Reason!, RegionalDate.Today(clock), now);
            db.Record(now, who.AsActor(), "match.withdrawn", "match", match.Id.ToString(), new { status = before }, new { status = match.Status, command.Body.Reason });
            await db.SaveChangesAsync(cancellationToken);
            return MatchDto.From(match, who);
        }
    }

    public static RouteHandlerBuilder MapWithdrawMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/withdraw", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(m => http.OkWithETag(m, m.Version)))
            .WithName("WithdrawMatch")
            .WithSummary("Withdraw a match (Matchingspunt or Admin).")
            .WithDescription("Any active state → Withdrawn. The unit becomes Available and the candidate Ready again; unlike a decline, the pair may be proposed again.")
            .RequireAuthorization(Policies.RoundRunners)
            .Produces<MatchDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
