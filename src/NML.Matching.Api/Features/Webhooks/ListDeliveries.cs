using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Webhooks;

public static class ListDeliveries
{
    public sealed record Query(Guid WebhookId, int Page, int PageSize) : IQuery<Result<PagedList<WebhookDeliveryDto>>>, IPagedRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new Paging.Validator());
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller) : IQueryHandler<Query, Result<PagedList<WebhookDeliveryDto>>>
    {
        public async ValueTask<Result<PagedList<WebhookDeliveryDto>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == query.WebhookId && s.OrganisationId == caller.Caller.OrganisationId, cancellationToken))
                return Error.NotFound("Webhook");
            return await db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.WebhookId)
                .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).ToPageAsync(query, WebhookDeliveryDto.From, cancellationToken);
        }
    }

    public static RouteHandlerBuilder MapListDeliveries(this IEndpointRouteBuilder group) =>
        group.MapGet("/{id:guid}/deliveries", async (Guid id, IMediator mediator, CancellationToken cancellationToken, int page = 1, int pageSize = Paging.DefaultPageSize) =>
                (await mediator.Send(new Query(id, page, pageSize), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("ListWebhookDeliveries")
            .WithSummary("The deliveries of a subscription, newest first: attempts, status codes and errors.")
            .WithDescription("Paged (page, pageSize). Each delivery has its event, its status (Pending, Delivered or Failed), the attempts so far, the last status code and error, and the next attempt. Also for a deleted subscription; one of another organisation, or an unknown one, gives 404.")
            .RequireAuthorization(Policies.Subscribers)
            .Produces<PagedList<WebhookDeliveryDto>>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
