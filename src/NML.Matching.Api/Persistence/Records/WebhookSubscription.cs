namespace NML.Matching.Api.Persistence.Records;

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
