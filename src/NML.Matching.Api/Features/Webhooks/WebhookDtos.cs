using NML.Matching.Api.Persistence.Records;
namespace NML.Matching.Api.Features.Webhooks;

/// <summary>A subscription as listed (the secret is shown only when created).</summary>
public sealed record WebhookDto(Guid Id, Guid OrganisationId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    public static WebhookDto From(WebhookSubscription s) => new(s.Id, s.OrganisationId, s.Url, [.. s.Events], s.CreatedAt);
}

/// <summary>A new subscription with its signing secret, shown this once.</summary>
public sealed record CreatedWebhookDto(Guid Id, Guid OrganisationId, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

/// <summary>One delivery: the event, its state, attempts, the last status code or error, and when it goes next.</summary>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, DeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset NextAttemptAt, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    public static WebhookDeliveryDto From(WebhookDelivery d) =>
        new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt);
}
