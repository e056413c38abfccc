using System.Text.Json;
using NML.Matching.Api.Demo;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Units;

namespace NML.Matching.Bench;

/// <summary>
/// Seeded instances over the 14 NML municipalities of the API's reference data (<c>Data/regions.json</c>). The
/// candidates and units are the demo's: <see cref="RegisterGenerator"/> draws their profiles, the domain registers
/// them (<see cref="Candidate.Register"/>, <see cref="HousingUnit.Post"/>) and the engine's own mapping
/// (<see cref="MatchCandidate.From"/>, <see cref="MatchUnit.From"/>) turns them into input, as the API does.
/// Candidates' herkomstgemeente follows the BW clients of 2020, units follow population with at least two in every
/// municipality, and a few care providers with overlapping werkgebieden guarantee support. The same size and seed
/// always give the same input.
/// </summary>
public static class InstanceGenerator
{
    public const string Region = "NML";

    /// <summary>The fixed "today" of every instance, so that waiting times do not drift between runs.</summary>
    public static readonly DateOnly Today = new(2026, 12, 1);

    private static readonly DateTimeOffset Now = new(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    /// <summary>The region's municipalities in code order, from the reference data the API loads.</summary>
    private static readonly IReadOnlyList<Gemeente> Nml = LoadRegion();

    private static readonly string[] Noord = [.. Nml.Where(g => g.PointCode == "Noord").Select(g => g.Code)];
    private static readonly string[] Midden = [.. Nml.Where(g => g.PointCode == "Midden").Select(g => g.Code)];

    /// <summary>Care providers' werkgebieden: two region-wide or subregional ones and local ones that overlap them and each other.</summary>
    private static readonly string[][] Providers =
    [
        [.. Noord, .. Midden],
        Noord,
        Midden,
        ["GM0983", "GM0889", "GM1894", "GM1507"],
        ["GM0984", "GM1507", "GM0907", "GM0893"],
        ["GM0957", "GM1669", "GM1641", "GM1711", "GM1640"],
        ["GM0988", "GM0946", "GM1640", "GM1894"],
    ];

    /// <summary>Housing corporations and the municipalities they own units in (as in the demo organisations).</summary>
    private static readonly string[][] Corporations =
    [
        ["GM0983", "GM0889", "GM1894", "GM1507"],
        ["GM0984", "GM1507", "GM0907", "GM0893"],
        ["GM0957", "GM1669", "GM1641", "GM1711", "GM1640"],
        ["GM0988", "GM0946", "GM1640"],
    ];

    public static IReadOnlyList<MatchGemeente> Gemeenten { get; } =
        [.. Nml.Select(g => new MatchGemeente(g.Code, g.Name, Region, g.Population, g.Latitude, g.Longitude))];

    /// <summary>An instance of <paramref name="candidateCount"/> candidates and <paramref name="unitCount"/> units.</summary>
    public static MatchingInput Generate(int candidateCount, int unitCount, int seed)
    {
        var random = new Random(seed);
        var providerIds = Providers.Select(_ => NewId(random)).ToArray();
        var corporationIds = Corporations.Select(_ => NewId(random)).ToArray();
        var werkgebied = new Dictionary<Guid, IReadOnlySet<string>>();
        for (var p = 0; p < Providers.Length; p++) werkgebied[providerIds[p]] = Providers[p].ToHashSet(StringComparer.Ordinal);

        var candidates = new List<MatchCandidate>(candidateCount);
        var candidateCounts = RegisterGenerator.Apportion([.. Nml.Select(g => g.BwClients2020 ?? 0)], candidateCount);
        for (var g = 0; g < Nml.Count; g++)
        {
            var herkomst = Nml[g];
            var providers = Enumerable.Range(0, Providers.Length).Where(p => Providers[p].Contains(herkomst.Code)).ToArray();
            for (var i = 0; i < candidateCounts[g]; i++)
            {
                var provider = providerIds[providers[random.Next(providers.Length)]];
                var profile = RegisterGenerator.CandidateProfileFor(random, herkomst, Nml, Today, candidates.Count);
                var candidate = Candidate.Register(NewId(random), provider, Region, profile, Now);
                // A few are parked (e.g. a temporary admission) and so not ready today, as in the demo.
                if (random.NextDouble() < 0.03) candidate.Park(Today.AddDays(random.Next(7, 60)), "Tijdelijke opname", Today, Now);
                candidates.Add(MatchCandidate.From(candidate, Today));
            }
        }

        var units = new List<MatchUnit>(unitCount);
        // Every municipality gets at least two units (spreading); the rest follows population.
        var minimum = unitCount >= 2 * Nml.Count ? 2 : 0;
        var unitCounts = RegisterGenerator.Apportion([.. Nml.Select(g => g.Population)], unitCount - (minimum * Nml.Count)).Select(c => c + minimum).ToList();
        for (var g = 0; g < Nml.Count; g++)
        {
            var gemeente = Nml[g];
            var owners = Enumerable.Range(0, Corporations.Length).Where(c => Corporations[c].Contains(gemeente.Code)).Select(c => corporationIds[c]).ToArray();
            var careOwners = Enumerable.Range(0, Providers.Length).Where(p => Providers[p].Contains(gemeente.Code)).Select(p => providerIds[p]).ToArray();
            for (var i = 0; i < unitCounts[g]; i++)
            {
                var byProvider = random.NextDouble() < 0.12 || owners.Length == 0;
                var owner = byProvider ? careOwners[random.Next(careOwners.Length)] : owners[random.Next(owners.Length)];
                var description = RegisterGenerator.UnitDescriptionFor(random, gemeente, byProvider, Today, units.Count);
                units.Add(MatchUnit.From(HousingUnit.Post(NewId(random), owner, Region, description, Now)));
            }
        }

        // Placements of the last 12 months: about one for every two units on offer, concentrated in the larger
        // towns more than their population alone would say (the spreading criterion has something to correct).
        var placementTotal = Math.Max(100, unitCount / 2);
        var placementCounts = RegisterGenerator.Apportion([.. Nml.Select(g => (int)(g.Population * (0.5 + random.NextDouble()) + ((g.BwClients2020 ?? 0) * 200)))], placementTotal);
        var placements = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < Nml.Count; g++) placements[Nml[g].Code] = placementCounts[g];

        return new MatchingInput(candidates, units, Gemeenten, werkgebied, placements, new MatchingWeights(), new MatchingOptions(), Today);
    }

    private static IReadOnlyList<Gemeente> LoadRegion()
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", "regions.json"));
        var file = JsonSerializer.Deserialize<ReferenceData>(stream, JsonSerializerOptions.Web)!;
        var region = file.Regions.Single(r => r.Code == Region);
        return [.. region.Gemeenten.OrderBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new Gemeente(g.Code, g.Name, Region, g.Point, g.Population, g.Latitude, g.Longitude, g.Bw2020))];
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private sealed record ReferenceData(IReadOnlyList<RegionEntry> Regions);

    private sealed record RegionEntry(string Code, IReadOnlyList<GemeenteEntry> Gemeenten);

    private sealed record GemeenteEntry(string Code, string Name, string Point, int Population, double Latitude, double Longitude, int? Bw2020);
}
