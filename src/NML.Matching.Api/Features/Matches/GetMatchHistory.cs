using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>One transition of a match: who (role, organisation), when, from, to, and why.</summary>
public sealed record MatchTransitionDto(DateTimeOffset At, string ActorRole, Guid? ActorOrganisationId, MatchStatus? From, MatchStatus To, string? Reason);

public static class GetMatchHistory
{
    public sealed record Query(Guid Id) : IQuery<Result<IReadOnlyList<MatchTransitionDto>>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<IReadOnlyList<MatchTransitionDto>>>
    {
        public async ValueTask<Result<IReadOnlyList<MatchTransitionDto>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.Matches.VisibleTo(caller.Caller).AnyAsync(m => m.Id == query.Id, cancellationToken)) return Error.NotFound("Match");
            var history = await db.MatchTransitions.AsNoTracking().Where(t => t.MatchId == query.Id).OrderBy(t => t.Id)
                .Select(t => new MatchTransitionDto(t.At, t.ActorRole, t.ActorOrganisationId, t.From, t.To, t.Reason)).ToListAsync(cancellationToken);
            return history;
        }
    }

    public static RouteHandlerBuilder MapGetMatchHistory(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/history", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("GetMatchHistory")
            .WithSummary("Every transition of a match, oldest first.")
            .WithDescription("Who (role and organisation), when, from which state to which, and the reason. Visible to whoever may see the match.")
            .Produces<IReadOnlyList<MatchTransitionDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
