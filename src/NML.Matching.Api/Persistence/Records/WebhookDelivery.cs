namespace NML.Matching.Api.Persistence.Records;

// Where a delivery stands: waiting for its (next) attempt, delivered, or given up (a doc comment would change the OpenAPI document).
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
