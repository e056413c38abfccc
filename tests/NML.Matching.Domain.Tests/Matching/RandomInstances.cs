using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Matching.Solvers;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;
using static NML.Matching.Domain.Tests.Matching.MatchingTestData;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// Small random matching inputs, deterministic per seed: few municipalities and few distinct values per field, so that
/// many pairs are ineligible, many scores tie and caps per municipality bite. Plus an exact brute force to check against.
/// </summary>
internal static class RandomInstances
{
    private static readonly string[] Places = [Venlo, Venray, Horst, Roermond];

    public sealed record Instance(int Seed, MatchingInput Input, RoundParameters Parameters);

    private static T Pick<T>(Random r, params T[] values) => values[r.Next(values.Length)];

    private static Guid NextGuid(Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static Instance Create(int seed, int maxCandidates = 8, int maxUnits = 8)
    {
        var r = new Random(seed);
        var nc = r.Next(1, maxCandidates + 1);
        var nu = r.Next(1, maxUnits + 1);
        var candidates = new List<MatchCandidate>();
        for (var i = 0; i < nc; i++)
        {
            // Every third candidate or so is a twin of an earlier one: same needs, another id, so scores tie.
            if (i > 0 && r.Next(3) == 0)
            {
                candidates.Add(candidates[r.Next(i)] with { Id = NextGuid(r) });
                continue;
            }
            var children = r.Next(5) == 0 ? 1 : 0;
            candidates.Add(Candidate() with
            {
                Id = NextGuid(r),
                ProviderId = Pick(r, ProviderA, ProviderB),
                RegionCode = r.Next(20) == 0 ? Mh : Nml,
                HerkomstGemeente = Pick(r, Places),
                IsReady = r.Next(12) != 0,
                SupportGuaranteed = r.Next(20) != 0,
                Children = children,
                RequiredBedrooms = children,
                MaxRent = Pick(r, 500m, 750m, 750m),
                SupportNeed = Pick(r, SupportNeed.Licht, SupportNeed.Intensief),
                Needs24x7Nearby = r.Next(10) == 0,
                PrikkelarmNeed = Pick(r, PrikkelarmNeed.None, PrikkelarmNeed.None, PrikkelarmNeed.None, PrikkelarmNeed.Required),
                PreferredGemeenten = r.Next(2) == 0 ? [] : [Pick(r, Places)],
                ExcludedGemeenten = r.Next(6) == 0 ? [Pick(r, Places)] : [],
                TargetGroups = r.Next(4) == 0 ? [TargetGroup.Jongeren] : [],
                ReadySince = Today.AddDays(Pick(r, -400, -100, -100)),
                Urgent = r.Next(6) == 0,
            });
        }

        var units = new List<MatchUnit>();
        for (var i = 0; i < nu; i++)
        {
            // Units crowd in Venlo, so that a cap per municipality bites.
            var gemeente = r.Next(25) == 0 ? Maastricht : Pick(r, Venlo, Venlo, Venlo, Venlo, Venray, Horst, Roermond);
            units.Add(Unit(0, gemeente) with
            {
                Id = NextGuid(r),
                IsAvailable = r.Next(15) != 0,
                UnitType = Pick(r, UnitType.Appartement, UnitType.Appartement, UnitType.Appartement, UnitType.Kamer),
                Bedrooms = Pick(r, 0, 1, 1),
                MaxOccupants = Pick(r, 1, 2, 2),
                BasicRent = Pick(r, 450m, 650m),
                PrikkelarmLevel = Pick(r, 0, 0, 2),
                SupportOnSite = Pick(r, SupportOnSite.None, SupportOnSite.None, SupportOnSite.TwentyFourSeven),
                TargetGroups = r.Next(6) == 0 ? [TargetGroup.Jongeren] : [],
                AvailableFrom = Today.AddDays(Pick(r, 0, 0, 0, 30, 30, 60, 60, 120)),
            });
        }

        var declined = new HashSet<(Guid UnitId, Guid CandidateId)>();
        if (r.Next(4) == 0) declined.Add((units[r.Next(nu)].Id, candidates[r.Next(nc)].Id));

        var input = Input(candidates, units, declined: declined);
        var parameters = new RoundParameters(MinScore: Pick(r, 0, 0, 0, 45, 55));
        return new Instance(seed, input, parameters);
    }

    /// <summary>The same input with every list and dictionary in another order.</summary>
    public static MatchingInput Shuffled(MatchingInput input, int seed)
    {
        var r = new Random(seed);
        T[] Shuffle<T>(IEnumerable<T> items)
        {
            var array = items.ToArray();
            r.Shuffle(array);
            return array;
        }
        var werkgebied = new Dictionary<Guid, IReadOnlySet<string>>();
        foreach (var (key, value) in Shuffle(input.Werkgebied)) werkgebied[key] = new HashSet<string>(Shuffle(value));
        var placements = new Dictionary<string, int>();
        foreach (var (key, value) in Shuffle(input.Placements)) placements[key] = value;
        return input with
        {
            Candidates = Shuffle(input.Candidates),
            Units = Shuffle(input.Units),
            Gemeenten = Shuffle(input.Gemeenten),
            Werkgebied = werkgebied,
            Placements = placements,
            DeclinedPairs = input.DeclinedPairs is null ? null : new HashSet<(Guid, Guid)>(Shuffle(input.DeclinedPairs)),
        };
    }

    /// <summary>
    /// The best total over every matching of the pair set: recursively, each unit stays empty or takes an unused
    /// eligible candidate; with a cap, at most that many units per group.
    /// </summary>
    public static long BruteForce(PairSet pairs, int[]? unitGroup = null, int cap = int.MaxValue)
    {
        var used = new bool[pairs.CandidateCount];
        var groupUsed = new int[unitGroup is null || unitGroup.Length == 0 ? 1 : unitGroup.Max() + 1];

        long Best(int u)
        {
            if (u == pairs.UnitCount) return 0;
            var best = Best(u + 1);
            var group = unitGroup is null ? 0 : unitGroup[u];
            if (unitGroup is not null && groupUsed[group] >= cap) return best;
            for (var p = pairs.UnitStart[u]; p < pairs.UnitStart[u + 1]; p++)
            {
                var c = pairs.Candidate[p];
                if (used[c]) continue;
                used[c] = true;
                groupUsed[group]++;
                best = Math.Max(best, pairs.Score[p] + Best(u + 1));
                groupUsed[group]--;
                used[c] = false;
            }
            return best;
        }

        return Best(0);
    }

    /// <summary>Every unit and every candidate at most once, and only pairs from the pair set.</summary>
    public static void AssertValid(PairSet pairs, Assignment assignment, string context)
    {
        Assert.Equal(pairs.UnitCount, assignment.CandidateOfUnit.Length);
        var chosen = assignment.CandidateOfUnit.Where(c => c >= 0).ToList();
        Assert.True(chosen.Count == chosen.Distinct().Count(), $"{context}: a candidate got two units");
        long total = 0;
        for (var u = 0; u < pairs.UnitCount; u++)
        {
            var c = assignment.CandidateOfUnit[u];
            if (c < 0) continue;
            var p = Enumerable.Range(pairs.UnitStart[u], pairs.UnitStart[u + 1] - pairs.UnitStart[u]).Where(p => pairs.Candidate[p] == c).DefaultIfEmpty(-1).First();
            Assert.True(p >= 0, $"{context}: unit {u} got candidate {c}, which is not one of its pairs");
            total += pairs.Score[p];
        }
        Assert.True(total == assignment.TotalScore, $"{context}: total {assignment.TotalScore} is not the sum of the chosen pairs ({total})");
    }
}
