using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Units;

public static class WithdrawUnit
{
    /// <summary>Why the unit is taken off the market (optional, at most 200 characters).</summary>
    public sealed record Body(string? Reason);

    public sealed record Command(Guid Id, string? IfMatch, string? Reason) : ICommand<Result<UnitDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MaximumLength(200).OverridePropertyName("reason");
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<UnitDto>>
    {
        public ValueTask<Result<UnitDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeUnitAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: false, "unit.withdrawn", (unit, now) =>
            {
                unit.Withdraw(command.Reason, now);
                return Task.FromResult<Error?>(null);
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapWithdrawUnit(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/withdraw", async (Guid id, Body? body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body?.Reason), cancellationToken)).ToHttp(u => http.OkWithETag(u, u.Version)))
            .WithName("WithdrawUnit")
            .WithSummary("Take a unit off the market (its owner, or Admin).")
            .WithDescription("Only an Available unit can be withdrawn (409 otherwise); afterwards it cannot be changed. The body with a reason is optional; If-Match is optional.")
            .RequireAuthorization(Policies.UnitWriters)
            .Produces<UnitDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
