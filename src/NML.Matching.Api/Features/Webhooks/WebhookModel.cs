namespace NML.Matching.Api.Features.Webhooks;

/// <summary>An organisation's subscription: where to deliver which event types, signed with its secret.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Url { get; set; } = string.Empty;
    public List<string> Events { get; set; } = [];

    /// <summary>The shared HMAC secret. The receiver needs it too, so it is kept (not hashed); it is shown only when created.</summary>
    public string Secret { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

public enum DeliveryStatus
{
    Pending = 1,
    Delivered = 2,
    Failed = 3,
}

/// <summary>One event for one subscription, with its attempts.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public string EventType { get; set; } = string.Empty;
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the next attempt may start; also the lease of a dispatcher that is sending it now.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
