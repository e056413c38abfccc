using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.ApiKeys;

public static class ListApiKeys
{
    public sealed record Query(Guid OrganisationId) : IQuery<Result<IReadOnlyList<ApiKeyDto>>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<IReadOnlyList<ApiKeyDto>>>
    {
        public async ValueTask<Result<IReadOnlyList<ApiKeyDto>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!OrganisationAccess.MayManage(caller.Caller, query.OrganisationId)) return Error.NotFound("Organisation");
            if (!await db.Organisations.AnyAsync(o => o.Id == query.OrganisationId, cancellationToken)) return Error.NotFound("Organisation");
            var now = clock.GetUtcNow();
            var keys = await db.ApiKeys.AsNoTracking().Where(k => k.OrganisationId == query.OrganisationId)
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
            return keys.Select(k => ApiKeyDto.From(k, now)).ToList();
        }
    }

    public static RouteHandlerBuilder MapListApiKeys(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/api-keys", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Query(id), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("ListApiKeys")
            .WithSummary("List an organisation's keys: ids, prefixes, created, last used, expiry and revocation; never the key.")
            .WithDescription("Admin, or the organisation itself. Last use is recorded at most once a minute per key.")
            .Produces<IReadOnlyList<ApiKeyDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
