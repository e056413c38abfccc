using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Mediator;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Webhooks;

public static class CreateWebhook
{
    /// <summary>Where to deliver which events; a secret of at least 16 characters, or one is made.</summary>
    public sealed record Command([property: Required] string? Url, [property: Required] IReadOnlyList<string>? Events, string? Secret) : ICommand<Result<CreatedWebhookDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Url).NotEmpty().MaximumLength(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .WithMessage("An absolute http(s) URL.");
            RuleFor(c => c.Events).NotEmpty().Must(e => e is null || e.Count <= EventTypes.All.Count);
            RuleForEach(c => c.Events).Must(e => EventTypes.All.Contains(e)).WithMessage($"One of: {string.Join(", ", EventTypes.All)}.");
            RuleFor(c => c.Secret).MinimumLength(16).MaximumLength(200);
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CreatedWebhookDto>>
    {
        public async ValueTask<Result<CreatedWebhookDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var subscription = new WebhookSubscription
            {
                Id = Guid.CreateVersion7(now),
                OrganisationId = caller.Caller.OrganisationId!.Value,
                Url = command.Url!.Trim(),
                Events = [.. command.Events!.Distinct()],
                Secret = command.Secret ?? WebhookSignature.NewSecret(),
                CreatedAt = now,
            };
            db.WebhookSubscriptions.Add(subscription);
            db.Record(now, caller.Caller.AsActor(), "webhook.created", "webhook", subscription.Id.ToString(), null, WebhookDto.From(subscription));
            await db.SaveChangesAsync(cancellationToken);
            return new CreatedWebhookDto(subscription.Id, subscription.OrganisationId, subscription.Url, subscription.Events, subscription.Secret, now);
        }
    }

    public static RouteHandlerBuilder MapCreateWebhook(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (Command command, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(command, cancellationToken)).ToHttp(created =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return TypedResults.Created($"/api/v1/webhooks/{created.Id}", created);
                }))
            .WithName("CreateWebhook")
            .WithSummary("Subscribe your organisation to events (any organisation key).")
            .WithDescription("Deliveries carry X-NML-Event-Id, X-NML-Event-Type, X-NML-Timestamp and X-NML-Signature (sha256=HMAC of timestamp.body with the secret, shown once). An organisation receives only events about resources it may see. See docs/webhooks.md.")
            .RequireAuthorization(Policies.Subscribers)
            .Produces<CreatedWebhookDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden();
}
