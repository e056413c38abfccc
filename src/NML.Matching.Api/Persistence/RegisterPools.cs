using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Persistence;

/// <summary>A candidate of a pool (in the queue: <see cref="Candidate.InQueue"/>), with the engine's view of it on the pool's date.</summary>
public sealed record PooledCandidate(Candidate Entity, MatchCandidate Match);

/// <summary>A unit of a pool (on offer: <see cref="HousingUnit.OnOffer"/>), with the engine's view of it.</summary>
public sealed record PooledUnit(HousingUnit Entity, MatchUnit Match);

/// <summary>
/// One region's active candidates and open units, holding every change that <see cref="Snapshot"/> (a PostgreSQL
/// <c>pg_snapshot</c>) sees, seen on <see cref="Today"/>. Immutable: readers share it without locks. The entities are
/// untracked and must not be changed.
/// </summary>
public sealed class RegisterPool
{
    public RegisterPool(string snapshot, DateTimeOffset loadedAt, DateOnly today, IReadOnlyDictionary<Guid, PooledCandidate> candidates, IReadOnlyDictionary<Guid, PooledUnit> units)
    {
        Snapshot = snapshot;
        LoadedAt = loadedAt;
        Today = today;
        CandidatesById = candidates;
        UnitsById = units;
        Candidates = [.. candidates.Values];
        Units = [.. units.Values];
    }

    private RegisterPool(
        string snapshot, DateTimeOffset loadedAt, DateOnly today, IReadOnlyDictionary<Guid, PooledCandidate> candidatesById,
        IReadOnlyDictionary<Guid, PooledUnit> unitsById, IReadOnlyList<PooledCandidate> candidates, IReadOnlyList<PooledUnit> units)
    {
        Snapshot = snapshot;
        LoadedAt = loadedAt;
        Today = today;
        CandidatesById = candidatesById;
        UnitsById = unitsById;
        Candidates = candidates;
        Units = units;
    }

    public string Snapshot { get; }

    /// <summary>When the pool was last read in full (the change feed is pruned after a day; see <see cref="RegisterPools.MaxAge"/>).</summary>
    public DateTimeOffset LoadedAt { get; }
    public DateOnly Today { get; }
    public IReadOnlyDictionary<Guid, PooledCandidate> CandidatesById { get; }
    public IReadOnlyDictionary<Guid, PooledUnit> UnitsById { get; }
    public IReadOnlyList<PooledCandidate> Candidates { get; }
    public IReadOnlyList<PooledUnit> Units { get; }

    /// <summary>The same content, current as of a later snapshot in which nothing of this region changed.</summary>
    public RegisterPool With(string snapshot) => new(snapshot, LoadedAt, Today, CandidatesById, UnitsById, Candidates, Units);

    /// <summary>Several regions as one pool (cross-region matching); its snapshot means nothing.</summary>
    public static RegisterPool Combine(IReadOnlyList<RegisterPool> pools) => pools.Count == 1 ? pools[0] : new RegisterPool(
        string.Empty, default, pools.Count == 0 ? default : pools[0].Today,
        pools.SelectMany(p => p.CandidatesById).ToDictionary(),
        pools.SelectMany(p => p.UnitsById).ToDictionary());
}

/// <summary>
/// Keeps each region's candidates in the queue (<see cref="Candidate.InQueue"/>) and units on offer
/// (<see cref="HousingUnit.OnOffer"/>) in memory, so that a ranking or the monitoring summary does
/// not read the whole register on every call (docs/performance.md, "Load and scale"; docs/scaling.md; D35).
/// <para>
/// Always current, on every replica. Statement triggers on <c>candidates</c> and <c>units</c> write each changed id
/// to <c>register_changes</c> with the id of the writing transaction (migration <c>RegisterPools</c>), whoever writes:
/// any replica, a background job, a bulk update or plain SQL. Each use asks, in one statement, for the changes whose
/// transaction the pool's snapshot did not see, and takes that statement's snapshot as the next one; it then reads
/// only the changed rows again. Writers never wait for each other on this. The whole pool is read again when there is
/// none yet, after a TRUNCATE, when more than <see cref="MaxDeltaRows"/> rows changed, and when it is older than
/// <see cref="MaxAge"/> (the feed keeps a day).
/// </para>
/// Matching rounds do not use the pools: they read and lock what they change in their own transaction.
/// </summary>
public sealed class RegisterPools(TimeProvider clock)
{
    /// <summary>Beyond this many changed rows a full read is cheaper than reading them by id.</summary>
    public const int MaxDeltaRows = 2_000;

    /// <summary>A pool is read in full at least this often; the triggers prune the change feed after a day.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, RegionEntry> _regions = new(StringComparer.Ordinal);

    /// <summary>How often a pool was built from scratch, and how often brought up to date from its changes.</summary>
    public long FullLoads => Interlocked.Read(ref _fullLoads);
    public long DeltaLoads => Interlocked.Read(ref _deltaLoads);
    private long _fullLoads;
    private long _deltaLoads;

    /// <summary>The pool of one region, or of every region when <paramref name="regionCode"/> is null.</summary>
    public async Task<RegisterPool> GetAsync(MatchingDbContext db, string? regionCode, DateOnly today, CancellationToken cancellationToken)
    {
        if (regionCode is not null) return await RegionAsync(db, regionCode, today, cancellationToken);
        var codes = await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(cancellationToken);
        var pools = new List<RegisterPool>(codes.Count);
        foreach (var code in codes) pools.Add(await RegionAsync(db, code, today, cancellationToken));
        return RegisterPool.Combine(pools);
    }

    private async Task<RegisterPool> RegionAsync(MatchingDbContext db, string regionCode, DateOnly today, CancellationToken cancellationToken)
    {
        var entry = _regions.GetOrAdd(regionCode, _ => new RegionEntry());
        // One request at a time brings a region up to date; the others wait for it and then find little or nothing new.
        await entry.Refresh.WaitAsync(cancellationToken);
        try
        {
            var current = entry.Pool;
            RegisterPool? next = null;
            if (current is not null && clock.GetUtcNow() - current.LoadedAt < MaxAge)
            {
                next = await ApplyChangesAsync(db, regionCode, current, today, cancellationToken);
                if (next is not null) Interlocked.Increment(ref _deltaLoads);
            }
            if (next is null)
            {
                next = await LoadAsync(db, regionCode, today, cancellationToken);
                Interlocked.Increment(ref _fullLoads);
            }
            entry.Pool = next;
            return next;
        }
        finally
        {
            entry.Refresh.Release();
        }
    }

    /// <summary>Reads the whole pool. The snapshot is taken first, so the rows are at least as new as it.</summary>
    private async Task<RegisterPool> LoadAsync(MatchingDbContext db, string regionCode, DateOnly today, CancellationToken cancellationToken)
    {
        var snapshot = await db.Database.SqlQuery<string>($"SELECT pg_current_snapshot()::text AS \"Value\"").SingleAsync(cancellationToken);
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.RegionCode == regionCode).Where(Candidate.InQueue)
            .ToDictionaryAsync(c => c.Id, c => new PooledCandidate(c, MatchCandidate.From(c, today)), cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => u.RegionCode == regionCode).Where(HousingUnit.OnOffer)
            .ToDictionaryAsync(u => u.Id, u => new PooledUnit(u, MatchUnit.From(u)), cancellationToken);
        return new RegisterPool(snapshot, clock.GetUtcNow(), today, candidates, units);
    }

    /// <summary>
    /// Reads again only the rows changed by transactions that the pool's snapshot did not see; null when a full read is
    /// due (a TRUNCATE, or too many changes).
    /// </summary>
    private static async Task<RegisterPool?> ApplyChangesAsync(
        MatchingDbContext db, string regionCode, RegisterPool pool, DateOnly today, CancellationToken cancellationToken)
    {
        // One statement, so that its snapshot is both what the feed shows now and the pool's next snapshot. The row
        // with the snapshot always comes back, with or without changes. Changes of transactions still running are
        // not visible to it, and so come with a later call.
        var rows = await db.Database.SqlQuery<FeedRow>($"""
            SELECT pg_current_snapshot()::text AS snapshot, c.register, c.entity_id
            FROM (SELECT 1) AS one
            LEFT JOIN LATERAL (
                SELECT DISTINCT f.register, f.entity_id FROM register_changes AS f
                WHERE f.region_code = {regionCode}
                  AND f.xact_id >= pg_snapshot_xmin({pool.Snapshot}::pg_snapshot)
                  AND NOT pg_visible_in_snapshot(f.xact_id, {pool.Snapshot}::pg_snapshot)
                LIMIT {MaxDeltaRows + 1}) AS c ON true
            """).ToListAsync(cancellationToken);
        var snapshot = rows[0].Snapshot;
        var changes = rows.Where(r => r.EntityId is not null).ToList();
        if (changes.Count > MaxDeltaRows || changes.Any(c => c.Register == "truncated")) return null;

        var candidateIds = changes.Where(c => c.Register == "candidates").Select(c => c.EntityId!.Value).ToList();
        var unitIds = changes.Where(c => c.Register == "units").Select(c => c.EntityId!.Value).ToList();
        var candidates = candidateIds.Count == 0 ? [] : await db.Candidates.AsNoTracking().Where(c => candidateIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var units = unitIds.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToListAsync(cancellationToken);
        if (candidateIds.Count == 0 && unitIds.Count == 0 && pool.Today == today) return pool.With(snapshot);

        // A new day changes who is Ready (parking ends, ready-since arrives): then every candidate is seen again.
        var candidatesById = pool.Today == today
            ? new Dictionary<Guid, PooledCandidate>(pool.CandidatesById)
            : pool.CandidatesById.Values.ToDictionary(c => c.Entity.Id, c => c with { Match = MatchCandidate.From(c.Entity, today) });
        foreach (var id in candidateIds) candidatesById.Remove(id);
        foreach (var c in candidates.Where(c => c.RegionCode == regionCode && c.IsInQueue))
            candidatesById[c.Id] = new PooledCandidate(c, MatchCandidate.From(c, today));

        var unitsById = new Dictionary<Guid, PooledUnit>(pool.UnitsById);
        foreach (var id in unitIds) unitsById.Remove(id);
        foreach (var u in units.Where(u => u.RegionCode == regionCode && u.IsOnOffer))
            unitsById[u.Id] = new PooledUnit(u, MatchUnit.From(u));

        return new RegisterPool(snapshot, pool.LoadedAt, today, candidatesById, unitsById);
    }

    /// <summary>A row of the change feed query (the snake-case naming convention maps its columns).</summary>
    private sealed record FeedRow(string Snapshot, string? Register, Guid? EntityId);

    private sealed class RegionEntry
    {
        public readonly SemaphoreSlim Refresh = new(1, 1);
        public volatile RegisterPool? Pool;
    }
}
