using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Matching;

/// <summary>An active candidate of a pool, with the engine's view of it on the pool's date.</summary>
public sealed record PooledCandidate(Candidate Entity, MatchCandidate Match);

/// <summary>An open unit of a pool, with the engine's view of it.</summary>
public sealed record PooledUnit(HousingUnit Entity, MatchUnit Match);

/// <summary>
/// One region's active candidates and open units as of <see cref="Version"/> of its registers, seen on
/// <see cref="Today"/>. Immutable: readers share it without locks. The entities are untracked and must not be changed.
/// </summary>
public sealed class RegisterPool
{
    public static readonly RegisterPool Empty = new(0, default, new Dictionary<Guid, PooledCandidate>(), new Dictionary<Guid, PooledUnit>());

    public RegisterPool(long version, DateOnly today, IReadOnlyDictionary<Guid, PooledCandidate> candidates, IReadOnlyDictionary<Guid, PooledUnit> units)
    {
        Version = version;
        Today = today;
        CandidatesById = candidates;
        UnitsById = units;
        Candidates = [.. candidates.Values];
        Units = [.. units.Values];
    }

    public long Version { get; }
    public DateOnly Today { get; }
    public IReadOnlyDictionary<Guid, PooledCandidate> CandidatesById { get; }
    public IReadOnlyDictionary<Guid, PooledUnit> UnitsById { get; }
    public IReadOnlyList<PooledCandidate> Candidates { get; }
    public IReadOnlyList<PooledUnit> Units { get; }

    /// <summary>Several regions as one pool (cross-region matching); its version means nothing.</summary>
    public static RegisterPool Combine(IReadOnlyList<RegisterPool> pools) => pools.Count == 1 ? pools[0] : new RegisterPool(
        0, pools.Count == 0 ? default : pools[0].Today,
        pools.SelectMany(p => p.CandidatesById).ToDictionary(),
        pools.SelectMany(p => p.UnitsById).ToDictionary());
}

/// <summary>
/// Keeps each region's active candidates and open units in memory, so that a ranking or the monitoring summary does
/// not read the whole register on every call (docs/performance.md, "Load and scale"; docs/scaling.md).
/// <para>
/// Always current, on every replica: each use reads the region's version from <c>register_versions</c> (one indexed
/// row). Statement triggers on <c>candidates</c> and <c>units</c> bump that version in the writing transaction and
/// list the changed ids under it in <c>register_changes</c> (migration <c>RegisterPools</c>), whoever writes: any
/// replica, a background job, a bulk update or plain SQL. When the version moved, only the changed rows are read
/// again; when too much changed or the change list no longer reaches back far enough, the whole pool is.
/// </para>
/// Matching rounds do not use the pools: they read and lock what they change in their own transaction.
/// </summary>
public sealed class RegisterPools
{
    /// <summary>Beyond this many versions behind, a full reload is cheaper than the changes (the triggers keep 10,000).</summary>
    public const long MaxDeltaVersions = 2_000;

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
        var version = await VersionAsync(db, regionCode, cancellationToken);
        var current = entry.Pool;
        if (current is not null && current.Version == version && current.Today == today) return current;

        await entry.Refresh.WaitAsync(cancellationToken);
        try
        {
            // Another request may have brought it up to date meanwhile; versions only grow, so newer is fine.
            version = await VersionAsync(db, regionCode, cancellationToken);
            current = entry.Pool;
            if (current is not null && current.Version == version && current.Today == today) return current;
            var next = current is not null && current.Version <= version && version - current.Version <= MaxDeltaVersions
                ? await ApplyChangesAsync(db, regionCode, current, version, today, cancellationToken)
                : null;
            if (next is null)
            {
                // Nothing yet, too far behind, a version that went back (a restored database) or a gap in the changes.
                next = await LoadAsync(db, regionCode, version, today, cancellationToken);
                Interlocked.Increment(ref _fullLoads);
            }
            else Interlocked.Increment(ref _deltaLoads);
            entry.Pool = next;
            return next;
        }
        finally
        {
            entry.Refresh.Release();
        }
    }

    private static async Task<long> VersionAsync(MatchingDbContext db, string regionCode, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<long>($"SELECT version AS \"Value\" FROM register_versions WHERE region_code = {regionCode}")
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Reads the whole pool. The version is read first, so the rows are at least as new as it.</summary>
    private static async Task<RegisterPool> LoadAsync(MatchingDbContext db, string regionCode, long version, DateOnly today, CancellationToken cancellationToken)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.RegionCode == regionCode).Where(MatchingInputLoader.IsActive)
            .ToDictionaryAsync(c => c.Id, c => new PooledCandidate(c, MatchCandidate.From(c, today)), cancellationToken);
        var units = await db.Units.AsNoTracking().Where(u => u.RegionCode == regionCode).Where(MatchingInputLoader.IsOpen)
            .ToDictionaryAsync(u => u.Id, u => new PooledUnit(u, MatchUnit.From(u)), cancellationToken);
        return new RegisterPool(version, today, candidates, units);
    }

    /// <summary>
    /// Reads again only what changed after the pool's version, up to <paramref name="version"/>; null when the change
    /// list has a gap (pruned), so that the caller reloads everything.
    /// </summary>
    private static async Task<RegisterPool?> ApplyChangesAsync(
        MatchingDbContext db, string regionCode, RegisterPool pool, long version, DateOnly today, CancellationToken cancellationToken)
    {
        var changes = version == pool.Version ? [] : await db.Database.SqlQuery<RegisterChange>($"""
            SELECT version, register, entity_id FROM register_changes
            WHERE region_code = {regionCode} AND version > {pool.Version} AND version <= {version}
            """).ToListAsync(cancellationToken);
        if (changes.Select(c => c.Version).Distinct().Count() != version - pool.Version) return null;

        var candidateIds = changes.Where(c => c.Register == "candidates").Select(c => c.EntityId).Distinct().ToList();
        var unitIds = changes.Where(c => c.Register == "units").Select(c => c.EntityId).Distinct().ToList();
        var candidates = candidateIds.Count == 0 ? [] : await db.Candidates.AsNoTracking().Where(c => candidateIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var units = unitIds.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToListAsync(cancellationToken);

        // A new day changes who is Ready (parking ends, ready-since arrives): then every candidate is seen again.
        var candidatesById = pool.Today == today
            ? new Dictionary<Guid, PooledCandidate>(pool.CandidatesById)
            : pool.CandidatesById.Values.ToDictionary(c => c.Entity.Id, c => c with { Match = MatchCandidate.From(c.Entity, today) });
        foreach (var id in candidateIds) candidatesById.Remove(id);
        foreach (var c in candidates.Where(c => c.RegionCode == regionCode && MatchingInputLoader.IsActiveCandidate(c)))
            candidatesById[c.Id] = new PooledCandidate(c, MatchCandidate.From(c, today));

        var unitsById = new Dictionary<Guid, PooledUnit>(pool.UnitsById);
        foreach (var id in unitIds) unitsById.Remove(id);
        foreach (var u in units.Where(u => u.RegionCode == regionCode && MatchingInputLoader.IsOpenUnit(u)))
            unitsById[u.Id] = new PooledUnit(u, MatchUnit.From(u));

        return new RegisterPool(version, today, candidatesById, unitsById);
    }

    /// <summary>A row of <c>register_changes</c> (the snake-case naming convention maps its columns).</summary>
    private sealed record RegisterChange(long Version, string Register, Guid EntityId);

    private sealed class RegionEntry
    {
        public readonly SemaphoreSlim Refresh = new(1, 1);
        public volatile RegisterPool? Pool;
    }
}
