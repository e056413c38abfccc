using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Demo;

/// <summary>
/// The one source of synthetic candidates and units: realistic mixes of needs and features (support need, prikkelarm
/// need, household, rent, accessibility, target groups) drawn from a seeded <see cref="Random"/>, so the same seed
/// always gives the same profiles. Used by the demo registers (<c>DemoRegisters</c>), the benchmark
/// (<c>bench/NML.Matching.Bench</c>) and the load tool (<c>deploy/load</c>), which compile this file in as a linked
/// file: it depends on the domain only.
/// </summary>
public static class RegisterGenerator
{
    /// <summary>First two digits of a postcode in each municipality (approximate, for realistic demo addresses).</summary>
    private static readonly Dictionary<string, int> PostcodeBase = new()
    {
        ["GM0889"] = 5950, ["GM0893"] = 5854, ["GM0907"] = 6590, ["GM1507"] = 5960, ["GM1894"] = 5980, ["GM0983"] = 5911, ["GM0984"] = 5801,
        ["GM1711"] = 6101, ["GM1640"] = 6080, ["GM1641"] = 6050, ["GM0946"] = 6030, ["GM1669"] = 6070, ["GM0957"] = 6041, ["GM0988"] = 6001,
    };

    /// <summary>A candidate's profile from <paramref name="herkomst"/>, its reference numbered <paramref name="index"/>; readySince lies between 400 days ago and 60 days ahead of <paramref name="today"/>.</summary>
    public static CandidateProfile CandidateProfileFor(Random random, Gemeente herkomst, IReadOnlyList<Gemeente> region, DateOnly today, int index)
    {
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
        var neighbours = region.Where(g => g.Code != herkomst.Code)
            .OrderBy(g => Math.Pow(g.Latitude - herkomst.Latitude, 2) + Math.Pow(g.Longitude - herkomst.Longitude, 2)).ThenBy(g => g.Code, StringComparer.Ordinal).ToList();
        List<string> preferred = random.NextDouble() < 0.3 ? [] : [.. (unsafeHome ? [] : new[] { herkomst.Code }).Concat(neighbours.Take(random.Next(0, 3)).Select(g => g.Code))];
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
        UrgencyReason? reason = !urgent ? null : household.Children > 0 ? UrgencyReason.GezinDreigtDakloos : Pick(random, (UrgencyReason.IndicatieLooptAf, 50), (UrgencyReason.Veiligheid, 30), (UrgencyReason.Anders, 20));
        return new CandidateProfile(
            $"DEMO-{herkomst.Code[2..]}-{index:D4}", herkomst.Code, setting, age, household, null, maxRent,
            new AccessibilityNeeds(random.NextDouble() < 0.12, random.NextDouble() < 0.03),
            support, needs24x7, support == SupportNeed.Licht ? random.Next(1, 4) : support == SupportNeed.Midden ? random.Next(3, 9) : random.Next(8, 21),
            random.NextDouble() < 0.9, prikkelarm, preferred, excluded, groups, today.AddDays(-random.Next(-60, 400)), urgent, reason);
    }

    /// <summary>A unit in <paramref name="gemeente"/>, a care provider's own (training homes, intermediate housing) when <paramref name="byProvider"/>; available from 30 days ago to 120 days ahead.</summary>
    public static UnitDescription UnitDescriptionFor(Random random, Gemeente gemeente, bool byProvider, DateOnly today, int index)
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
        var support = type is UnitType.Trainingswoning or UnitType.Tussenvoorziening
            ? Pick(random, (SupportOnSite.Nearby, 50), (SupportOnSite.TwentyFourSeven, 50))
            : Pick(random, (SupportOnSite.None, 70), (SupportOnSite.Nearby, 25), (SupportOnSite.TwentyFourSeven, 5));
        var contract = byProvider ? ContractForm.Tijdelijk : Pick(random, (ContractForm.Regulier, 55), (ContractForm.Omklap, 22), (ContractForm.HousingFirst, 10), (ContractForm.Tijdelijk, 13));
        List<TargetGroup> groups = random.NextDouble() < 0.8 ? [] : house ? [TargetGroup.Gezin] : [TargetGroup.Jongeren];
        var letters = (char)('A' + random.Next(0, 18)) + ((char)('A' + random.Next(0, 26))).ToString();
        var postcode = $"{PostcodeBase[gemeente.Code] + random.Next(0, 9)} {(letters is "SA" or "SD" or "SS" ? "AB" : letters)}";
        return new UnitDescription(
            $"{(byProvider ? "ZW" : "VHE")}-{gemeente.Code[2..]}-{index:D3}", gemeente.Code, null, postcode, random.Next(1, 240).ToString(System.Globalization.CultureInfo.InvariantCulture),
            type, bedrooms, type == UnitType.Kamer ? 1 : Math.Max(1, bedrooms * 2), type == UnitType.Kamer ? 18 : 30 + (bedrooms * 18) + random.Next(0, 15),
            rent, random.Next(15, 80), new UnitAccessibility(groundFloor, groundFloor && random.NextDouble() < 0.2), features, support, contract, groups,
            today.AddDays(random.Next(-30, 121)));
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> over the weights.</summary>
    public static List<int> Apportion(IReadOnlyList<int> weights, int total)
    {
        var sum = weights.Sum();
        if (sum == 0 || total <= 0) return [.. weights.Select(_ => 0)];
        var exact = weights.Select(w => (double)w * total / sum).ToList();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToList();
        foreach (var i in exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(total - counts.Sum()).Select(x => x.i))
        {
            counts[i]++;
        }
        return counts;
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
