using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// Tracks when each key was last used without a database write on every request: at most one write per
/// key per minute per API instance.
/// </summary>
public sealed class ApiKeyUsageTracker
{
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    public async Task RecordAsync(MatchingDbContext db, Guid keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_written.TryGetValue(keyId, out var last) && now - last < Resolution) return;
        _written[keyId] = now;
        var threshold = now - Resolution;
        await db.ApiKeys
            .Where(k => k.Id == keyId && (k.LastUsedAt == null || k.LastUsedAt < threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
    }
}
