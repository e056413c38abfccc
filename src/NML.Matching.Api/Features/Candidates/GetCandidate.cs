using Mediator;
using Microsoft.EntityFrameworkCore;
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
            return candidate is null ? Error.NotFound("Candidate") : CandidateDto.From(candidate, RegionalDate.Today(clock));
        }
    }

    public static RouteHandlerBuilder MapGetCandidate(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("GetCandidate")
            .WithSummary("Get one candidate you may see.")
            .WithDescription("The provider sees its own, a Gemeente those from its municipality, the Matchingspunt those of its region, Admin all. Others answer 404. The ETag header is needed for PUT.")
            .Produces<CandidateDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
