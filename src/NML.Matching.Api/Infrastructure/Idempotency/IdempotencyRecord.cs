namespace NML.Matching.Api.Infrastructure.Idempotency;

/// <summary>
/// The remembered outcome of a POST sent with an <c>Idempotency-Key</c>, per organisation (scope).
/// Pending while the first request runs; completed with the response to replay.
/// </summary>
public sealed class IdempotencyRecord
{
    public string Scope { get; set; } = string.Empty;
    public string Key { get; set; } = string.Empty;
    public byte[] RequestHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public bool Completed { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
}
