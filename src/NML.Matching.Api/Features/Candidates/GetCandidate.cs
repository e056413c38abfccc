using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

public static class GetCandidate
{
    public sealed record Query(Guid Id) : IQuery<Result<CandidateDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<CandidateDto>>
    {
        public async ValueTask<Result<CandidateDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var candidate = await db.Candidates.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
            if (candidate is null) return Error.NotFound("Candidate");
            // Who read whose detail, and when: the AVG asks to be able to answer that (docs/security.md).
            db.Record(clock.GetUtcNow(), caller.Caller.AsActor(), "candidate.read", "candidate", candidate.Id.ToString(), null, null);
            await db.SaveChangesAsync(cancellationToken);
            return CandidateDto.From(candidate, RegionalDate.Today(clock));
        }
    }

    public static RouteHandlerBuilder MapGetCandidate(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("GetCandidate")
            .WithSummary("Get one candidate you may see.")
            .WithDescription("The provider sees its own, a Gemeente those from its municipality, the Matchingspunt those of its region, Admin all. Others answer 404. The ETag header is needed for PUT. Every read of a candidate's detail is audited (candidate.read).")
            .Produces<CandidateDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
