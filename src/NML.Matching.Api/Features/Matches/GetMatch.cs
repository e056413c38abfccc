using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

public static class GetMatch
{
    public sealed record Query(Guid Id) : IQuery<Result<MatchDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<MatchDto>>
    {
        public async ValueTask<Result<MatchDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var match = await db.Matches.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(m => m.Id == query.Id, cancellationToken);
            if (match is null) return Error.NotFound("Match");
            return (await MatchDto.ManyAsync(db, [match], caller.Caller, RegionalDate.Today(clock), cancellationToken))[0];
        }
    }

    public static RouteHandlerBuilder MapGetMatch(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(m => http.OkWithETag(m, m.Version)))
            .WithName("GetMatch")
            .WithSummary("Get one match with the snapshot of its score when it was proposed.")
            .WithDescription("Others' matches answer 404.")
            .Produces<MatchDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
