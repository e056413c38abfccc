using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Webhooks;

public static class DeleteWebhook
{
    public sealed record Command(Guid Id) : ICommand<Result<Success>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<Success>>
    {
        public async ValueTask<Result<Success>> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(
                s => s.Id == command.Id && s.DeletedAt == null && s.OrganisationId == caller.Caller.OrganisationId, cancellationToken);
            if (subscription is null) return Error.NotFound("Webhook");
            var now = clock.GetUtcNow();
            subscription.DeletedAt = now;
            db.Record(now, caller.Caller.AsActor(), "webhook.deleted", "webhook", subscription.Id.ToString(), WebhookDto.From(subscription), null);
            await db.SaveChangesAsync(cancellationToken);
            return new Success();
        }
    }

    public static RouteHandlerBuilder MapDeleteWebhook(this IEndpointRouteBuilder group) =>
        group.MapDelete("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id), cancellationToken)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("DeleteWebhook")
            .WithSummary("Stop a subscription; its delivery history stays readable for the audit.")
            .WithDescription("Nothing more is sent: deliveries still queued end as Failed. Audited as webhook.deleted. A subscription of another organisation, an unknown one or one deleted already gives 404.")
            .RequireAuthorization(Policies.Subscribers)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
