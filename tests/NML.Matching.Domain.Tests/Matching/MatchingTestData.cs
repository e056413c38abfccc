using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>Realistic building blocks for engine tests: the NML and Maastricht-Heuvelland municipalities of docs/domain notes, and a default eligible pair.</summary>
internal static class MatchingTestData
{
    public const string Nml = "NML";
    public const string Mh = "MH";

    public const string Beesel = "GM0889";
    public const string Bergen = "GM0893";
    public const string Gennep = "GM0907";
    public const string Horst = "GM1507";
    public const string PeelEnMaas = "GM1894";
    public const string Venlo = "GM0983";
    public const string Venray = "GM0984";
    public const string EchtSusteren = "GM1711";
    public const string Leudal = "GM1640";
    public const string Maasgouw = "GM1641";
    public const string Nederweert = "GM0946";
    public const string Roerdalen = "GM1669";
    public const string Roermond = "GM0957";
    public const string Weert = "GM0988";
    public const string Maastricht = "GM0935";
    public const string Vaals = "GM0981";

    public static readonly DateOnly Today = new(2025, 3, 1);

    public static IReadOnlyList<MatchGemeente> NmlGemeenten { get; } =
    [
        new(Beesel, "Beesel", Nml, 13600, 51.284, 6.078),
        new(Bergen, "Bergen (L.)", Nml, 13300, 51.600, 6.035),
        new(Gennep, "Gennep", Nml, 17400, 51.698, 5.973),
        new(Horst, "Horst aan de Maas", Nml, 43400, 51.454, 6.052),
        new(PeelEnMaas, "Peel en Maas", Nml, 44800, 51.330, 5.979),
        new(Venlo, "Venlo", Nml, 103500, 51.370, 6.172),
        new(Venray, "Venray", Nml, 45100, 51.526, 5.975),
        new(EchtSusteren, "Echt-Susteren", Nml, 32000, 51.104, 5.873),
        new(Leudal, "Leudal", Nml, 36500, 51.250, 5.899),
        new(Maasgouw, "Maasgouw", Nml, 23900, 51.150, 5.893),
        new(Nederweert, "Nederweert", Nml, 17500, 51.286, 5.748),
        new(Roerdalen, "Roerdalen", Nml, 20900, 51.150, 6.030),
        new(Roermond, "Roermond", Nml, 60300, 51.194, 5.987),
        new(Weert, "Weert", Nml, 51000, 51.251, 5.706),
    ];

    public static IReadOnlyList<MatchGemeente> MhGemeenten { get; } =
    [
        new(Maastricht, "Maastricht", Mh, 122000, 50.851, 5.691),
        new("GM1903", "Eijsden-Margraten", Mh, 25500, 50.821, 5.820),
        new("GM1729", "Gulpen-Wittem", Mh, 14300, 50.815, 5.889),
        new("GM0938", "Meerssen", Mh, 19000, 50.887, 5.752),
        new(Vaals, "Vaals", Mh, 10000, 50.771, 6.018),
        new("GM0994", "Valkenburg aan de Geul", Mh, 16300, 50.865, 5.831),
    ];

    public static IReadOnlyList<MatchGemeente> AllGemeenten { get; } = [.. NmlGemeenten, .. MhGemeenten];

    public static MatchGemeente Gemeente(string code) => AllGemeenten.Single(g => g.Code == code);

    /// <summary>Ids that sort in the order of n (Guid compares its first int first).</summary>
    public static Guid CandidateId(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);

    public static Guid UnitId(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]);

    public static readonly Guid ProviderA = new("aaaaaaaa-0000-0000-0000-000000000001");
    public static readonly Guid ProviderB = new("bbbbbbbb-0000-0000-0000-000000000002");
    public static readonly Guid Corporatie = new("cccccccc-0000-0000-0000-000000000003");

    /// <summary>A single adult from Venlo, ready for 30 days, light support, no special needs; eligible for <see cref="Unit"/>.</summary>
    public static MatchCandidate Candidate(int n = 1) => new(
        Id: CandidateId(n),
        ProviderId: ProviderA,
        RegionCode: Nml,
        HerkomstGemeente: Venlo,
        IsReady: true,
        Adults: 1,
        Children: 0,
        RequiredBedrooms: 0,
        MaxRent: 700m,
        NeedsGroundFloorOrLift: false,
        NeedsWheelchairAccess: false,
        SupportNeed: SupportNeed.Licht,
        Needs24x7Nearby: false,
        SupportGuaranteed: true,
        PrikkelarmNeed: PrikkelarmNeed.None,
        PreferredGemeenten: [],
        ExcludedGemeenten: [],
        TargetGroups: [],
        ReadySince: Today.AddDays(-30),
        Urgent: false);

    /// <summary>An available one-bedroom flat in Venlo for two, rent 600, open to every target group, free today.</summary>
    public static MatchUnit Unit(int n = 1, string gemeente = Venlo) => new(
        Id: UnitId(n),
        OwnerId: Corporatie,
        RegionCode: AllGemeenten.Single(g => g.Code == gemeente).RegionCode,
        Gemeente: gemeente,
        IsAvailable: true,
        UnitType: UnitType.Appartement,
        Bedrooms: 1,
        MaxOccupants: 2,
        BasicRent: 600m,
        GroundFloorOrLift: false,
        WheelchairAccessible: false,
        PrikkelarmLevel: 0,
        SupportOnSite: SupportOnSite.None,
        TargetGroups: [],
        AvailableFrom: Today);

    /// <summary>Provider A works in all of Noord-Limburg; provider B in Midden-Limburg.</summary>
    public static IReadOnlyDictionary<Guid, IReadOnlySet<string>> DefaultWerkgebied { get; } = new Dictionary<Guid, IReadOnlySet<string>>
    {
        [ProviderA] = new HashSet<string> { Beesel, Bergen, Gennep, Horst, PeelEnMaas, Venlo, Venray },
        [ProviderB] = new HashSet<string> { EchtSusteren, Leudal, Maasgouw, Nederweert, Roerdalen, Roermond, Weert },
    };

    /// <summary>Placements of the last 12 months, roughly following bw2020.</summary>
    public static IReadOnlyDictionary<string, int> DefaultPlacements { get; } = new Dictionary<string, int>
    {
        [Venlo] = 12,
        [Venray] = 5,
        [Roermond] = 7,
        [Weert] = 6,
        [Horst] = 2,
        [PeelEnMaas] = 2,
        [Leudal] = 3,
        [Maasgouw] = 1,
        [EchtSusteren] = 1,
        [Maastricht] = 4,
    };

    public static MatchingInput Input(
        IEnumerable<MatchCandidate> candidates,
        IEnumerable<MatchUnit> units,
        MatchingWeights? weights = null,
        MatchingOptions? options = null,
        IReadOnlyDictionary<string, int>? placements = null,
        IReadOnlyDictionary<Guid, IReadOnlySet<string>>? werkgebied = null,
        IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null) => new(
            [.. candidates],
            [.. units],
            AllGemeenten,
            werkgebied ?? DefaultWerkgebied,
            placements ?? DefaultPlacements,
            weights ?? new MatchingWeights(),
            options ?? new MatchingOptions(),
            Today,
            declined);

    public static MatchingModel Model(
        IEnumerable<MatchCandidate> candidates,
        IEnumerable<MatchUnit> units,
        MatchingWeights? weights = null,
        MatchingOptions? options = null,
        IReadOnlyDictionary<string, int>? placements = null,
        IReadOnlyDictionary<Guid, IReadOnlySet<string>>? werkgebied = null,
        IReadOnlySet<(Guid UnitId, Guid CandidateId)>? declined = null) =>
        new(Input(candidates, units, weights, options, placements, werkgebied, declined));

    public static int IndexOf(IReadOnlyList<MatchCandidate> candidates, Guid id)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Id == id) return i;
        }
        throw new ArgumentException($"No candidate {id}.", nameof(id));
    }

    public static int IndexOf(IReadOnlyList<MatchUnit> units, Guid id)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Id == id) return i;
        }
        throw new ArgumentException($"No unit {id}.", nameof(id));
    }

    public static IReadOnlyList<TargetGroup> Groups(params TargetGroup[] groups) => groups;
}
