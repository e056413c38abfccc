using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Candidates;

public static class UnparkCandidate
{
    public sealed record Command(Guid Id, string? IfMatch) : ICommand<Result<CandidateDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeCandidateAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: false, "candidate.unparked", (candidate, today, now) =>
            {
                candidate.Unpark(today, now);
                return Task.FromResult<Error?>(null);
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapUnparkCandidate(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/unpark", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("UnparkCandidate")
            .WithSummary("End a candidate's parking early (its provider, or Admin).")
            .WithDescription("Only a Parked candidate can be unparked (409 otherwise). If-Match is optional.")
            .RequireAuthorization(Policies.CandidateWriters)
            .TakesNoBody()
            .Produces<CandidateDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
