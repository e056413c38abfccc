using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>What authentication needs of a verified key and its organisation.</summary>
public sealed record VerifiedKey(ApiKey Key, OrganisationType Type, bool Active, string Name, string RegionCode, string? GemeenteCode);

/// <summary>
/// Verified API keys for a few seconds, so that a request does not look its key up in PostgreSQL every time
/// (docs/performance.md, "Load and scale"). Entries are found by the SHA-256 of the presented key, never by the key
/// itself; only successful verifications are kept, so a new key works at once. Expiry and revocation are still
/// checked against the clock on every request. Every change to keys or organisations saved through EF Core on this
/// instance empties the cache (<see cref="KeyCacheInvalidator"/>).
/// </summary>
public sealed class VerifiedKeyCache(TimeProvider clock, IOptions<KeyCacheSettings> settings)
{
    private readonly ConcurrentDictionary<string, (VerifiedKey Key, DateTimeOffset CachedAt)> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Taken before reading the database; <see cref="Store"/> keeps the result only if nothing changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, settings.Value.KeyCacheSeconds));

    public bool TryGet(byte[] presentedHash, out VerifiedKey key)
    {
        key = null!;
        if (Lifetime == TimeSpan.Zero) return false;
        var id = Convert.ToHexString(presentedHash);
        if (!_entries.TryGetValue(id, out var entry)) return false;
        if (clock.GetUtcNow() - entry.CachedAt >= Lifetime)
        {
            _entries.TryRemove(id, out _);
            return false;
        }
        key = entry.Key;
        return true;
    }

    public void Store(byte[] presentedHash, VerifiedKey key, long generation)
    {
        if (Lifetime == TimeSpan.Zero) return;
        // Bounded: a flood of different valid keys cannot grow it without limit.
        if (_entries.Count >= 10_000) _entries.Clear();
        _entries[Convert.ToHexString(presentedHash)] = (key, clock.GetUtcNow());
        // A change saved while the database was read: drop what may be stale.
        if (Generation != generation) Invalidate();
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
