using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Candidates;

public static class WithdrawCandidate
{
    /// <summary>Why the candidate leaves the queue (at most 200 characters).</summary>
    public sealed record Body([property: Required] string? Reason);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<CandidateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body.Reason).NotEmpty().MaximumLength(200).OverridePropertyName("reason");
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeCandidateAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: false, "candidate.withdrawn", (candidate, today, now) =>
            {
                candidate.Withdraw(command.Body.Reason!, today, now);
                return Task.FromResult<Error?>(null);
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapWithdrawCandidate(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/withdraw", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("WithdrawCandidate")
            .WithSummary("Take a candidate out of the queue for good (its provider, or Admin).")
            .WithDescription("A withdrawn candidate cannot be changed afterwards (409). Matched or Housed candidates cannot be withdrawn here (409). If-Match is optional.")
            .RequireAuthorization(Policies.CandidateWriters)
            .Produces<CandidateDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
