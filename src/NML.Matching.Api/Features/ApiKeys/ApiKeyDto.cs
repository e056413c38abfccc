using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.ApiKeys;

/// <summary>A key as listed: never the key itself, only its prefix.</summary>
public sealed record ApiKeyDto(
    Guid Id, Guid OrganisationId, string? Label, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static ApiKeyDto From(ApiKey k, DateTimeOffset now) =>
        new(k.Id, k.OrganisationId, k.Label, k.Prefix, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.IsUsableAt(now));
}

/// <summary>A newly issued key. <c>key</c> is shown this once and cannot be retrieved later.</summary>
public sealed record IssuedApiKeyDto(Guid Id, Guid OrganisationId, string? Label, string Prefix, string Key, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
