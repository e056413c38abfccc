using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Matching;

public static class GetMatchingRound
{
    public sealed record Query(Guid Id) : IQuery<Result<MatchingRoundDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<MatchingRoundDto>>
    {
        public async ValueTask<Result<MatchingRoundDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var round = await db.MatchingRounds.AsNoTracking().VisibleTo(caller.Caller).FirstOrDefaultAsync(r => r.Id == query.Id, cancellationToken);
            return round is null ? Error.NotFound("Matching round") : MatchingRoundDto.From(round);
        }
    }

    public static RouteHandlerBuilder MapGetMatchingRound(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("GetMatchingRound")
            .WithSummary("Get a matching round with its proposals, unassigned candidates and timings.")
            .WithDescription("The Matchingspunt of the round's region and Admin; others answer 404.")
            .Produces<MatchingRoundDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
