using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Webhooks;

public static class ListWebhooks
{
    public sealed record Query : IQuery<IReadOnlyList<WebhookDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, IReadOnlyList<WebhookDto>>
    {
        public async ValueTask<IReadOnlyList<WebhookDto>> Handle(Query query, CancellationToken cancellationToken) =>
            (await db.WebhookSubscriptions.AsNoTracking()
                .Where(s => s.DeletedAt == null && s.OrganisationId == caller.Caller.OrganisationId)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken)).Select(WebhookDto.From).ToList();
    }

    public static RouteHandlerBuilder MapListWebhooks(this IEndpointRouteBuilder group) =>
        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken) => TypedResults.Ok(await mediator.Send(new Query(), cancellationToken)))
            .WithName("ListWebhooks")
            .WithSummary("List your organisation's subscriptions (never the secret).")
            .WithDescription("Every subscription of the key's organisation that has not been deleted, with its url and events. The secret is shown only in the answer that creates a subscription. Organisation keys only: the admin key has no organisation (403).")
            .RequireAuthorization(Policies.Subscribers)
            .Produces<IReadOnlyList<WebhookDto>>()
            .ProducesForbidden();
}
