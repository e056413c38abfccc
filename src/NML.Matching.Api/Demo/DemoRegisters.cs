using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Demo;

/// <summary>
/// Generates the demo queue and supply for NML: about 200 candidates whose herkomstgemeente follows the
/// number of BW clients per municipality in 2020 (seed 002, table 1), and about 60 units spread over all 14
/// municipalities and their owners, with realistic mixes of needs and features. The generator is seeded, so
/// every machine gets the same data relative to the day it is loaded. The mixes of needs and features are
/// <see cref="RegisterGenerator"/>'s, which the benchmark and the load tool use as well.
/// </summary>
public static class DemoRegisters
{
    public const int CandidateCount = 200;
    public const int UnitCount = 60;

    public static IEnumerable<Candidate> Candidates(IReadOnlyList<Gemeente> gemeenten, IReadOnlyList<Organisation> providers, DateOnly today, DateTimeOffset now)
    {
        var random = new Random(2026);
        var nml = gemeenten.Where(g => g.RegionCode == "NML").OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        var counts = RegisterGenerator.Apportion(nml.Select(g => g.BwClients2020 ?? 0).ToList(), CandidateCount);
        var index = 0;
        for (var g = 0; g < nml.Count; g++)
        {
            var herkomst = nml[g];
            var eligibleProviders = providers.Where(p => p.WorksIn(herkomst.Code)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            for (var i = 0; i < counts[g]; i++, index++)
            {
                var provider = eligibleProviders[random.Next(eligibleProviders.Count)];
                var profile = RegisterGenerator.CandidateProfileFor(random, herkomst, nml, today, index);
                var candidate = Candidate.Register(DemoData.StableId($"candidate:{index}"), provider.Id, herkomst.RegionCode, profile, now);
                var roll = random.NextDouble();
                if (roll < 0.03) candidate.Withdraw("Zelf woonruimte gevonden", today, now);
                else if (roll < 0.06) candidate.Park(today.AddDays(random.Next(7, 60)), "Tijdelijke opname; verhuizen nu niet verantwoord", today, now);
                yield return candidate;
            }
        }
    }

    public static IEnumerable<HousingUnit> Units(IReadOnlyList<Gemeente> gemeenten, IReadOnlyList<Organisation> corporations, IReadOnlyList<Organisation> providers, DateOnly today, DateTimeOffset now)
    {
        var random = new Random(1404);
        var nml = gemeenten.Where(g => g.RegionCode == "NML").OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        // Every municipality gets at least two units (spreading); the rest follows population.
        var counts = RegisterGenerator.Apportion(nml.Select(g => g.Population).ToList(), UnitCount - (2 * nml.Count)).Select(c => c + 2).ToList();
        var index = 0;
        for (var g = 0; g < nml.Count; g++)
        {
            var gemeente = nml[g];
            var owners = corporations.Where(c => c.WorksIn(gemeente.Code)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var careOwners = providers.Where(p => p.WorksIn(gemeente.Code)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            for (var i = 0; i < counts[g]; i++, index++)
            {
                var byProvider = random.NextDouble() < 0.12 || owners.Count == 0;
                var owner = byProvider ? careOwners[random.Next(careOwners.Count)] : owners[random.Next(owners.Count)];
                var description = RegisterGenerator.UnitDescriptionFor(random, gemeente, byProvider, today, index);
                yield return HousingUnit.Post(DemoData.StableId($"unit:{index}"), owner.Id, gemeente.RegionCode, description, now);
            }
        }
    }
}
