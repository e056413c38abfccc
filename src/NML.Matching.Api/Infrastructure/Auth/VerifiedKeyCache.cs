using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary><c>Auth:*</c> settings of the verified-key cache.</summary>
public sealed class KeyCacheSettings
{
    public const string Section = "Auth";

    /// <summary>
    /// How long a verified key is trusted without asking the database again (default 15 s; 0 switches the cache off).
    /// A change on this instance (revoke, rotate, a deactivated organisation) takes effect at once; one made on another
    /// replica within this time.
    /// </summary>
    public int KeyCacheSeconds { get; set; } = 15;
}

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

/// <summary>Empties <see cref="VerifiedKeyCache"/> when a save touches API keys or organisations, before and after it commits.</summary>
public sealed class KeyCacheInvalidator(VerifiedKeyCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];

    private static bool TouchesKeys(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is ApiKey or Organisation);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (!TouchesKeys(context)) return;
        Pending.AddOrUpdate(context!, new object());
        cache.Invalidate();
    }

    // Saved: committed unless an explicit transaction is still open, which Committed then covers.
    private void After(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _)) return;
        cache.Invalidate();
        if (context.Database.CurrentTransaction is null) Pending.Remove(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _)) return;
        Pending.Remove(context);
        cache.Invalidate();
    }
}
