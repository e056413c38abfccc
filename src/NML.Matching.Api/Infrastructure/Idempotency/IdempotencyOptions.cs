namespace NML.Matching.Api.Infrastructure.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered (<c>Idempotency:RetentionHours</c>, at least 24).</summary>
    public int RetentionHours { get; set; } = 48;

    /// <summary>A first request that has not finished after this long is treated as abandoned.</summary>
    public int PendingTimeoutSeconds { get; set; } = 60;
}
