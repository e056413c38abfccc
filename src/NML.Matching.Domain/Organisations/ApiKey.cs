using System.Security.Cryptography;
using System.Text;
using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Organisations;

/// <summary>
/// An API key of one organisation. Only the SHA-256 hash of the key is stored; the short prefix finds
/// the row, the hash is compared in constant time.
/// </summary>
public sealed class ApiKey
{
    private ApiKey() { Prefix = string.Empty; Hash = []; }

    internal ApiKey(Guid id, Guid organisationId, string? label, string prefix, byte[] hash, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        Id = id;
        OrganisationId = organisationId;
        Label = label;
        Prefix = prefix;
        Hash = hash;
        ExpiresAt = expiresAt;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string? Label { get; private set; }
    public string Prefix { get; private set; }
    public byte[] Hash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>True when the presented key hashes to this key's hash (constant-time comparison).</summary>
    public bool Matches(string presentedKey) => CryptographicOperations.FixedTimeEquals(ApiKeySecret.HashOf(presentedKey), Hash);

    /// <summary>Ends the key at <paramref name="at"/> at the latest (a rotation's change-over); an earlier expiry stays.</summary>
    public void ExpireBy(DateTimeOffset at)
    {
        if (RevokedAt is not null) throw new DomainRuleViolation("key-revoked", "This key was revoked.", kind: DomainRuleKind.StateConflict);
        if (ExpiresAt is null || at < ExpiresAt) ExpiresAt = at;
    }

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) throw new DomainRuleViolation("key-already-revoked", "This key was revoked already.", kind: DomainRuleKind.StateConflict);
        RevokedAt = now;
    }
}

/// <summary>The shape of a key: <c>nml_&lt;prefix&gt;_&lt;secret&gt;</c>.</summary>
public sealed record ApiKeySecret(string PlainKey, string Prefix, byte[] Hash)
{
    private const string Scheme = "nml_";

    public static ApiKeySecret Generate()
    {
        // 40 bits of prefix (lookup only) and 256 bits of secret.
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var plain = $"{Scheme}{prefix}_{secret}";
        return new ApiKeySecret(plain, prefix, HashOf(plain));
    }

    public static ApiKeySecret? FromPlainKey(string plainKey) =>
        TryGetPrefix(plainKey, out var prefix) ? new ApiKeySecret(plainKey, prefix, HashOf(plainKey)) : null;

    /// <summary>Reads the lookup prefix out of a presented key without trusting the rest of it.</summary>
    public static bool TryGetPrefix(string? presented, out string prefix)
    {
        prefix = string.Empty;
        if (presented is null || presented.Length > 200 || !presented.StartsWith(Scheme, StringComparison.Ordinal)) return false;
        var end = presented.IndexOf('_', Scheme.Length);
        if (end <= Scheme.Length || end == presented.Length - 1) return false;
        prefix = presented[Scheme.Length..end];
        return prefix.Length <= 32;
    }

    public static byte[] HashOf(string plainKey) => SHA256.HashData(Encoding.UTF8.GetBytes(plainKey));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
