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

public static class ParkCandidate
{
    /// <summary>Park until this date (exclusive: Ready again on that day), for a reason of at most 200 characters.</summary>
    public sealed record Body([property: Required] DateOnly? Until, [property: Required] string? Reason);

    public sealed record Command(Guid Id, string? IfMatch, Body Body) : ICommand<Result<CandidateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body.Until).NotNull().OverridePropertyName("until");
            RuleFor(c => c.Body.Reason).NotEmpty().MaximumLength(200).OverridePropertyName("reason");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeCandidateAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: false, "candidate.parked", (candidate, today, now) =>
            {
                candidate.Park(command.Body.Until!.Value, command.Body.Reason!, today, now);
                return Task.FromResult<Error?>(null);
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapParkCandidate(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/park", async (Guid id, Body body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("ParkCandidate")
            .WithSummary("Take a candidate out of matching until a date (its provider, or Admin).")
            .WithDescription("The candidate is Parked until the given date and Ready (or Registered) again from that day. Not for Matched, Housed or Withdrawn candidates (409). If-Match is optional.")
            .RequireAuthorization(Policies.CandidateWriters)
            .Produces<CandidateDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
