namespace NML.Matching.Api.Infrastructure.OpenApi;

/// <summary>Endpoint metadata: the endpoint honours <c>Idempotency-Key</c>.</summary>
public sealed class IdempotentEndpoint;
