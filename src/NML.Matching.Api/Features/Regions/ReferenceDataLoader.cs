using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Regions;

/// <summary>
/// Synchronises regions, points and municipalities from the versioned data file
/// (<c>Data/regions.json</c>, or <c>ReferenceData:Path</c>). A new region is added by data alone.
/// Rows are inserted or updated, never deleted: other data refers to them.
/// </summary>
public sealed class ReferenceDataLoader(MatchingDbContext db, IConfiguration configuration, IHostEnvironment environment, ILogger<ReferenceDataLoader> logger)
{
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var file = await ReadAsync(cancellationToken);
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        var gemeenten = await db.Gemeenten.ToDictionaryAsync(g => g.Code, cancellationToken);

        foreach (var r in file.Regions)
        {
            var code = r.Code.Trim().ToUpperInvariant();
            if (!regions.TryGetValue(code, out var region))
            {
                region = new Region(code, r.Name);
                db.Regions.Add(region);
                regions[code] = region;
            }
            region.Rename(r.Name);
            foreach (var p in r.Points) region.UpsertPoint(p.Code, p.Name);

            foreach (var g in r.Gemeenten)
            {
                var point = region.FindPoint(g.Point)?.Code
                    ?? throw new InvalidOperationException($"Reference data: {g.Code} names point '{g.Point}', which region {code} does not have.");
                if (gemeenten.TryGetValue(GemeenteCode.Normalize(g.Code), out var gemeente))
                {
                    gemeente.MoveTo(code, point);
                    gemeente.Update(g.Name, g.Population, g.Latitude, g.Longitude, g.Bw2020);
                }
                else
                {
                    if (!GemeenteCode.IsWellFormed(g.Code)) throw new InvalidOperationException($"Reference data: '{g.Code}' is not a CBS gemeente code.");
                    db.Gemeenten.Add(new Gemeente(g.Code, g.Name, code, point, g.Population, g.Latitude, g.Longitude, g.Bw2020));
                }
            }
        }

        var changes = await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Reference data version {Version}: {Regions} regions, {Changes} rows written", file.Version, file.Regions.Count, changes);
    }

    private async Task<ReferenceDataFile> ReadAsync(CancellationToken cancellationToken)
    {
        var path = configuration["ReferenceData:Path"] ?? Path.Combine(AppContext.BaseDirectory, "Data", "regions.json");
        if (!File.Exists(path)) path = Path.Combine(environment.ContentRootPath, "Data", "regions.json");
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ReferenceDataFile>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException($"Reference data file {path} is empty.");
    }

    private sealed record ReferenceDataFile(int Version, IReadOnlyList<RegionEntry> Regions);

    private sealed record RegionEntry(string Code, string Name, IReadOnlyList<PointEntry> Points, IReadOnlyList<GemeenteEntry> Gemeenten);

    private sealed record PointEntry(string Code, string Name);

    private sealed record GemeenteEntry(string Code, string Name, string Point, int Population, double Latitude, double Longitude, int? Bw2020);
}
