namespace NML.Matching.Api.Features.Webhooks;

public sealed class WebhookSettings
{
    public int IntervalSeconds { get; set; } = 2;
    public int MaxAttempts { get; set; } = 8;
    public int BaseDelaySeconds { get; set; } = 5;
    public int MaxDelaySeconds { get; set; } = 3600;
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How long a dispatcher owns a delivery it is sending before another may take it over.</summary>
    public int LeaseSeconds { get; set; } = 60;
}
