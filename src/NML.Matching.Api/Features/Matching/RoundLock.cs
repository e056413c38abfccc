using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Matching;

/// <summary>
/// One real round per region at a time, across all API instances: a PostgreSQL advisory lock held by the round's
/// transaction and released when it ends (commit, rollback or a lost connection).
/// </summary>
public static class RoundLock
{
    /// <summary>Takes the region's lock in the current transaction; false when another session holds it.</summary>
    public static async Task<bool> TryTakeAsync(MatchingDbContext db, string regionCode, CancellationToken cancellationToken)
    {
        var key = $"nml-matching-round:{regionCode}";
        return await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({key})) AS \"Value\"").SingleAsync(cancellationToken);
    }
}
