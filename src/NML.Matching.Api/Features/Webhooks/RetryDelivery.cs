using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.Webhooks;

public static class RetryDelivery
{
    public sealed record Command(Guid WebhookId, Guid DeliveryId) : ICommand<Result<WebhookDeliveryDto>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<WebhookDeliveryDto>>
    {
        public async ValueTask<Result<WebhookDeliveryDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == command.WebhookId && s.DeletedAt == null && s.OrganisationId == caller.Caller.OrganisationId, cancellationToken))
                return Error.NotFound("Webhook");
            var delivery = await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == command.WebhookId, cancellationToken);
            if (delivery is null) return Error.NotFound("Delivery");
            if (delivery.Status == DeliveryStatus.Pending) return Error.Conflict("delivery-pending", "This delivery is still queued.");
            delivery.Status = DeliveryStatus.Pending;
            delivery.Attempts = 0;
            delivery.NextAttemptAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            return WebhookDeliveryDto.From(delivery);
        }
    }

    public static RouteHandlerBuilder MapRetryDelivery(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/retry", async (Guid id, Guid deliveryId, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, deliveryId), cancellationToken)).ToHttp(TypedResults.Ok))
            .WithName("RetryWebhookDelivery")
            .WithSummary("Queue a delivered or failed delivery again.")
            .WithDescription("The delivery becomes Pending with no attempts, due at once. A delivery that is still Pending gives 409 delivery-pending; a subscription of another organisation, a deleted or unknown one, or an unknown delivery gives 404.")
            .RequireAuthorization(Policies.Subscribers)
            .TakesNoBody()
            .Produces<WebhookDeliveryDto>()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
