using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Bench;

/// <summary>
/// Seeded instances over the 14 NML municipalities (docs: /work/shared/domain.md, "The region"). The mixes of needs
/// and features are those of the API's demo registers (src/NML.Matching.Api/Demo/DemoRegisters.cs), copied here so
/// that the bench does not depend on the API: candidates' herkomstgemeente follows the BW clients of 2020, units
/// follow population with at least two in every municipality, readySince is spread over the last year, and a few
/// care providers with overlapping werkgebieden guarantee support. The same size and seed always give the same input.
/// </summary>
public static class InstanceGenerator
{
    public const string Region = "NML";

    /// <summary>The fixed "today" of every instance, so that waiting times do not drift between runs.</summary>
    public static readonly DateOnly Today = new(2026, 12, 1);

    /// <summary>Code, name, population, latitude, longitude, BW clients on 1 July 2020.</summary>
    private static readonly (string Code, string Name, int Population, double Lat, double Lon, int Bw2020)[] Nml =
    [
        ("GM0889", "Beesel", 13600, 51.284, 6.078, 7),
        ("GM0893", "Bergen (L.)", 13300, 51.600, 6.035, 14),
        ("GM0907", "Gennep", 17400, 51.698, 5.973, 1),
        ("GM1507", "Horst aan de Maas", 43400, 51.454, 6.052, 27),
        ("GM1894", "Peel en Maas", 44800, 51.330, 5.979, 41),
        ("GM0983", "Venlo", 103500, 51.370, 6.172, 253),
        ("GM0984", "Venray", 45100, 51.526, 5.975, 105),
        ("GM1711", "Echt-Susteren", 32000, 51.104, 5.873, 31),
        ("GM1640", "Leudal", 36500, 51.250, 5.899, 75),
        ("GM1641", "Maasgouw", 23900, 51.150, 5.893, 26),
        ("GM0946", "Nederweert", 17500, 51.286, 5.748, 12),
        ("GM1669", "Roerdalen", 20900, 51.150, 6.030, 11),
        ("GM0957", "Roermond", 60300, 51.194, 5.987, 123),
        ("GM0988", "Weert", 51000, 51.251, 5.706, 139),
    ];

    private static readonly string[] Noord = ["GM0889", "GM0893", "GM0907", "GM1507", "GM1894", "GM0983", "GM0984"];
    private static readonly string[] Midden = ["GM1711", "GM1640", "GM1641", "GM0946", "GM1669", "GM0957", "GM0988"];

    /// <summary>Care providers and their werkgebied: two region-wide or subregional ones and local ones that overlap them and each other.</summary>
    private static readonly (string Name, string[] Werkgebied)[] Providers =
    [
        ("Stichting Horizon Begeleid Wonen", [.. Noord, .. Midden]),
        ("De Overstap Zorg", Noord),
        ("Kompas Herstel Midden-Limburg", Midden),
        ("Venlo Ambulant", ["GM0983", "GM0889", "GM1894", "GM1507"]),
        ("Beschut Wonen Noord", ["GM0984", "GM1507", "GM0907", "GM0893"]),
        ("Roerdal Zorg", ["GM0957", "GM1669", "GM1641", "GM1711", "GM1640"]),
        ("Weert Begeleidt", ["GM0988", "GM0946", "GM1640", "GM1894"]),
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
        [.. Nml.Select(g => new MatchGemeente(g.Code, g.Name, Region, g.Population, g.Lat, g.Lon))];

    /// <summary>An instance of <paramref name="candidateCount"/> candidates and <paramref name="unitCount"/> units.</summary>
    public static MatchingInput Generate(int candidateCount, int unitCount, int seed)
    {
        var random = new Random(seed);
        var providerIds = Providers.Select(_ => NewId(random)).ToArray();
        var corporationIds = Corporations.Select(_ => NewId(random)).ToArray();
        var werkgebied = new Dictionary<Guid, IReadOnlySet<string>>();
        for (var p = 0; p < Providers.Length; p++) werkgebied[providerIds[p]] = Providers[p].Werkgebied.ToHashSet(StringComparer.Ordinal);

        var candidates = new List<MatchCandidate>(candidateCount);
        var candidateCounts = Apportion([.. Nml.Select(g => g.Bw2020)], candidateCount);
        for (var g = 0; g < Nml.Length; g++)
        {
            var herkomst = Nml[g].Code;
            var providers = Enumerable.Range(0, Providers.Length).Where(p => Providers[p].Werkgebied.Contains(herkomst)).ToArray();
            for (var i = 0; i < candidateCounts[g]; i++)
            {
                candidates.Add(CandidateFor(random, g, providerIds[providers[random.Next(providers.Length)]]));
            }
        }

        var units = new List<MatchUnit>(unitCount);
        // Every municipality gets at least two units (spreading); the rest follows population.
        var minimum = unitCount >= 2 * Nml.Length ? 2 : 0;
        var unitCounts = Apportion([.. Nml.Select(g => g.Population)], unitCount - (minimum * Nml.Length)).Select(c => c + minimum).ToList();
        for (var g = 0; g < Nml.Length; g++)
        {
            var code = Nml[g].Code;
            var owners = Enumerable.Range(0, Corporations.Length).Where(c => Corporations[c].Contains(code)).Select(c => corporationIds[c]).ToArray();
            var careOwners = Enumerable.Range(0, Providers.Length).Where(p => Providers[p].Werkgebied.Contains(code)).Select(p => providerIds[p]).ToArray();
            for (var i = 0; i < unitCounts[g]; i++)
            {
                var byProvider = random.NextDouble() < 0.12 || owners.Length == 0;
                var owner = byProvider ? careOwners[random.Next(careOwners.Length)] : owners[random.Next(owners.Length)];
                units.Add(UnitFor(random, code, owner, byProvider));
            }
        }

        // Placements of the last 12 months: about one for every two units on offer, concentrated in the larger
        // towns more than their population alone would say (the spreading criterion has something to correct).
        var placementTotal = Math.Max(100, unitCount / 2);
        var placementCounts = Apportion([.. Nml.Select(g => (int)(g.Population * (0.5 + random.NextDouble()) + (g.Bw2020 * 200)))], placementTotal);
        var placements = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < Nml.Length; g++) placements[Nml[g].Code] = placementCounts[g];

        return new MatchingInput(candidates, units, Gemeenten, werkgebied, placements, new MatchingWeights(), new MatchingOptions(), Today);
    }

    private static MatchCandidate CandidateFor(Random random, int g, Guid providerId)
    {
        var herkomst = Nml[g];
        var setting = Pick(random, (CurrentSetting.BeschermdWonen, 60), (CurrentSetting.MaatschappelijkeOpvang, 25), (CurrentSetting.BeschermdThuis, 8), (CurrentSetting.Kliniek, 4), (CurrentSetting.Anders, 3));
        var age = Pick(random, (AgeBand.Age18To22, 12), (AgeBand.Age23To26, 13), (AgeBand.Age27To49, 50), (AgeBand.Age50To64, 20), (AgeBand.Age65Plus, 5));
        var family = setting == CurrentSetting.MaatschappelijkeOpvang ? 0.2 : 0.05;
        var household = random.NextDouble() < family
            ? new Household(random.NextDouble() < 0.7 ? 1 : 2, random.Next(1, 4))
            : new Household(random.NextDouble() < 0.1 ? 2 : 1, 0);
        var young = age is AgeBand.Age18To22;
        var maxRent = household.Children > 0 ? random.Next(700, 901) : young ? random.Next(420, 478) : random.Next(560, 760);
        var support = Pick(random, (SupportNeed.Licht, 35), (SupportNeed.Midden, 45), (SupportNeed.Intensief, 20));
        var needs24x7 = support == SupportNeed.Intensief && random.NextDouble() < 0.4;
        var prikkelarm = Pick(random, (PrikkelarmNeed.None, 60), (PrikkelarmNeed.Preferred, 25), (PrikkelarmNeed.Required, 15));
        var unsafeHome = random.NextDouble() < 0.05;
        var neighbours = Nml.Where(x => x.Code != herkomst.Code)
            .OrderBy(x => Math.Pow(x.Lat - herkomst.Lat, 2) + Math.Pow(x.Lon - herkomst.Lon, 2)).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        List<string> preferred = random.NextDouble() < 0.3 ? [] : [.. (unsafeHome ? [] : new[] { herkomst.Code }).Concat(neighbours.Take(random.Next(0, 3)).Select(x => x.Code))];
        List<string> excluded = unsafeHome ? [herkomst.Code] : [];
        if (unsafeHome && preferred.Count == 0) preferred.Add(neighbours[1].Code);
        var groups = new List<TargetGroup>();
        if (age is AgeBand.Age18To22 or AgeBand.Age23To26 && random.NextDouble() < 0.6) groups.Add(TargetGroup.Jongeren);
        if (household.Children > 0) groups.Add(TargetGroup.Gezin);
        if (random.NextDouble() < 0.05) groups.Add(TargetGroup.HuiselijkGeweld);
        if (random.NextDouble() < 0.03) groups.Add(TargetGroup.LHBTIQ);
        if (random.NextDouble() < 0.05) groups.Add(TargetGroup.ExGedetineerde);
        if (setting == CurrentSetting.MaatschappelijkeOpvang && random.NextDouble() < 0.25) groups.Add(TargetGroup.HousingFirst);
        var urgent = household.Children > 0 ? random.NextDouble() < 0.4 : random.NextDouble() < 0.05;
        var needsGroundFloor = random.NextDouble() < 0.12;
        var needsWheelchair = random.NextDouble() < 0.03;
        var supportGuaranteed = random.NextDouble() < 0.9;
        // Ready since some day of the last year; a few are parked (e.g. a temporary admission) and so not ready today.
        var readySince = Today.AddDays(-random.Next(0, 366));
        var parked = random.NextDouble() < 0.03;
        return new MatchCandidate(
            Id: NewId(random),
            ProviderId: providerId,
            RegionCode: Region,
            HerkomstGemeente: herkomst.Code,
            IsReady: supportGuaranteed && !parked && readySince <= Today,
            Adults: household.Adults,
            Children: household.Children,
            RequiredBedrooms: household.DefaultBedrooms(),
            MaxRent: maxRent,
            NeedsGroundFloorOrLift: needsGroundFloor,
            NeedsWheelchairAccess: needsWheelchair,
            SupportNeed: support,
            Needs24x7Nearby: needs24x7,
            SupportGuaranteed: supportGuaranteed,
            PrikkelarmNeed: prikkelarm,
            PreferredGemeenten: preferred,
            ExcludedGemeenten: [.. excluded.Order(StringComparer.Ordinal)],
            TargetGroups: [.. groups.Distinct().Order()],
            ReadySince: readySince,
            Urgent: urgent);
    }

    private static MatchUnit UnitFor(Random random, string gemeente, Guid owner, bool byProvider)
    {
        var type = byProvider
            ? Pick(random, (UnitType.Trainingswoning, 60), (UnitType.Tussenvoorziening, 25), (UnitType.Studio, 15))
            : Pick(random, (UnitType.Appartement, 50), (UnitType.Studio, 22), (UnitType.Eengezinswoning, 15), (UnitType.Kamer, 8), (UnitType.Trainingswoning, 5));
        var bedrooms = type switch
        {
            UnitType.Studio or UnitType.Kamer => 0,
            UnitType.Eengezinswoning => random.Next(2, 5),
            UnitType.Appartement => random.Next(1, 3),
            _ => 1,
        };
        var rent = type switch
        {
            UnitType.Kamer => random.Next(330, 450),
            UnitType.Studio => random.Next(440, 560),
            UnitType.Eengezinswoning => random.Next(690, 900),
            _ => random.Next(520, 760),
        };
        var house = type == UnitType.Eengezinswoning;
        var calm = random.NextDouble();
        var features = new PrikkelarmFeatures(
            OwnFrontDoor: house || calm < 0.35,
            NoSharedStairwell: house || calm < 0.3,
            NoDirectNeighbours: calm < 0.15 || (house && calm < 0.4),
            QuietStreet: random.NextDouble() < 0.45,
            EdgeOfNeighbourhood: random.NextDouble() < 0.2);
        var groundFloor = house || random.NextDouble() < 0.5;
        var wheelchair = groundFloor && random.NextDouble() < 0.2;
        var support = type is UnitType.Trainingswoning or UnitType.Tussenvoorziening
            ? Pick(random, (SupportOnSite.Nearby, 50), (SupportOnSite.TwentyFourSeven, 50))
            : Pick(random, (SupportOnSite.None, 70), (SupportOnSite.Nearby, 25), (SupportOnSite.TwentyFourSeven, 5));
        List<TargetGroup> groups = random.NextDouble() < 0.8 ? [] : house ? [TargetGroup.Gezin] : [TargetGroup.Jongeren];
        var availableFrom = Today.AddDays(random.Next(-30, 121));
        return new MatchUnit(
            Id: NewId(random),
            OwnerId: owner,
            RegionCode: Region,
            Gemeente: gemeente,
            IsAvailable: true,
            UnitType: type,
            Bedrooms: bedrooms,
            MaxOccupants: type == UnitType.Kamer ? 1 : Math.Max(1, bedrooms * 2),
            BasicRent: rent,
            GroundFloorOrLift: groundFloor,
            WheelchairAccessible: wheelchair,
            PrikkelarmLevel: features.Level(),
            SupportOnSite: support,
            TargetGroups: groups,
            AvailableFrom: availableFrom);
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> over the weights (as in the demo registers).</summary>
    public static List<int> Apportion(IReadOnlyList<int> weights, int total)
    {
        var sum = weights.Sum(w => (long)w);
        if (sum == 0 || total <= 0) return [.. weights.Select(_ => 0)];
        var exact = weights.Select(w => (double)w * total / sum).ToList();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToList();
        foreach (var i in exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(total - counts.Sum()).Select(x => x.i))
        {
            counts[i]++;
        }
        return counts;
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static T Pick<T>(Random random, params (T Value, int Weight)[] options)
    {
        var roll = random.Next(options.Sum(o => o.Weight));
        foreach (var (value, weight) in options)
        {
            if (roll < weight) return value;
            roll -= weight;
        }
        return options[^1].Value;
    }
}
