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

public static class DeclineMatch
{
    /// <summary>
    /// A decline: by which party, a reason code from that party's list (GET /api/v1/matches/decline-reasons), an
    /// optional note, and (Matchingspunt or Admin only) a parking period that overrides the reason's default.
    /// </summary>
    public sealed record Body([property: Required] DeclineParty? By, [property: Required] string? ReasonCode, string? Note, int? ParkDays);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<MatchDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.By).NotNull().IsInEnum().OverridePropertyName("by");
            RuleFor(c => c.Body.ReasonCode).NotEmpty().Must(code => DeclineReasons.Find(code) is not null)
                .WithMessage("Use a code from GET /api/v1/matches/decline-reasons.").OverridePropertyName("reasonCode");
            RuleFor(c => c.Body.ReasonCode).Must((c, code) => DeclineReasons.Find(code)?.Party == c.Body.By)
                .When(c => c.Body.By is not null && DeclineReasons.Find(c.Body.ReasonCode) is not null)
                .WithMessage("This reason belongs to another party.").OverridePropertyName("reasonCode");
            RuleFor(c => c.Body.Note).MaximumLength(500).OverridePropertyName("note");
            RuleFor(c => c.Body.ParkDays).InclusiveBetween(0, 365).OverridePropertyName("parkDays");
        }
    }

    public sealed class Handler(MatchingDbContext db, Placement placement, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var who = caller.Caller;
            var found = await db.FindForTransitionAsync(who, command.Id, command.IfMatch, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var match = found.Value!;
            var by = command.Body.By!.Value;
            if (!MatchAccess.MayDeclineAs(who, match, by))
                return new Error(ErrorKind.Forbidden, "party-not-allowed", $"You cannot decline as {by}. The owner declines as Verhuurder, the care provider as Kandidaat or Zorgaanbieder, the Matchingspunt as Matchingspunt.");
            if (command.Body.ParkDays is not null && !MatchAccess.MayOverrideParking(who))
                return Error.Invalid("parkDays", "park-override-not-allowed", "Only the Matchingspunt can override the parking period.");

            var reason = DeclineReasons.Find(command.Body.ReasonCode)!;
            var parkDays = command.Body.ParkDays ?? reason.DefaultParkDays;
            var now = clock.GetUtcNow();
            var before = match.Status;
            var (unit, candidate) = await db.PartiesOfAsync(match, cancellationToken);
            placement.Decline(match, unit, candidate, who.AsActor(), by, reason, command.Body.Note, parkDays, RegionalDate.Today(clock), now);
            db.Record(now, who.AsActor(), "match.declined", "match", match.Id.ToString(), new { status = before },
                new { status = match.Status, by, reason.Code, side = reason.Side, parkDays });
            await db.SaveChangesAsync(cancellationToken);
            return MatchDto.From(match, who);
        }
    }

    public static RouteHandlerBuilder MapDeclineMatch(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/decline", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(m => http.OkWithETag(m, m.Version)))
            .WithName("DeclineMatch")
            .WithSummary("Decline a match, by a party in its own role, with a reason code.")
            .WithDescription("Any active state → Declined. The unit becomes Available again; the candidate returns to Ready, or is Parked for the reason's default period (or the Matchingspunt's override). The pair is never proposed again by a round (rule previously-declined).")
            .RequireAuthorization(Policies.MatchParties)
            .Produces<MatchDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
