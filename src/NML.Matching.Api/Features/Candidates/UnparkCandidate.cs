using Mediator;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

public static class UnparkCandidate
{
    public sealed record Command(Guid Id, string? IfMatch) : ICommand<Result<CandidateDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public async ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = await db.FindForWriteAsync(caller.Caller, command.Id, cancellationToken);
            if (!found.IsSuccess) return found.Error!;
            var candidate = found.Value!;
            if (ETags.Check(command.IfMatch, candidate.Version, required: false) is { } precondition) return precondition;

            var today = RegionalDate.Today(clock);
            var now = clock.GetUtcNow();
            var before = CandidateDto.From(candidate, today);
            candidate.Unpark(today, now);
            db.Record(now, caller.Caller.AsActor(), "candidate.unparked", "candidate", candidate.Id.ToString(), before, CandidateDto.From(candidate, today));
            await db.SaveChangesAsync(cancellationToken);
            return CandidateDto.From(candidate, today);
        }
    }

    public static RouteHandlerBuilder MapUnparkCandidate(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/unpark", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("UnparkCandidate")
            .WithSummary("End a candidate's parking early (its provider, or Admin).")
            .WithDescription("Only a Parked candidate can be unparked (409 otherwise). If-Match is optional.")
            .RequireAuthorization(Policies.CandidateWriters)
            .Produces<CandidateDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
