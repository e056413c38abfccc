using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Demo;

/// <summary>
/// Two years of demo history for the monitoring: placements in each of the last eight quarters (more each quarter,
/// first concentrated in the central towns and then spread more fairly, with waiting times coming down), declined
/// and expired proposals along the way, follow-ups and omklap where due, and performance agreements for this year
/// and last year. Every step goes through the domain's own methods at its own (past) moment: <see cref="Placement"/>
/// for the placements, the match's transitions for the proposals that ended without one. History is not news: the
/// events these steps raise are dropped, so the outbox and the webhooks see none of it.
/// </summary>
public static class DemoHistory
{
    public const int Quarters = 8;

    /// <summary>Placements per quarter, oldest first.</summary>
    public static int PlacementsIn(int quarter) => 6 + quarter;

    public static int PlacementCount => Enumerable.Range(0, Quarters).Sum(PlacementsIn);

    public static void Seed(MatchingDbContext db, Placement placement, IReadOnlyList<Gemeente> gemeenten, IReadOnlyList<Organisation> providers, IReadOnlyList<Organisation> corporations,
        Guid matchingspuntId, DateOnly today, DateTimeOffset now)
    {
        var random = new Random(2020);
        var nml = gemeenten.Where(g => g.RegionCode == "NML").OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        var mp = new Actor("Matchingspunt", matchingspuntId, null);
        double population = nml.Sum(g => g.Population);
        double clients = nml.Sum(g => g.BwClients2020 ?? 0);
        var thisQuarter = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        var index = 0;
        var tenancies = new List<Tenancy>();
        var placements = new List<(Domain.Candidates.Candidate Candidate, HousingUnit Unit, DateTimeOffset ProposedAt)>();

        for (var q = 0; q < Quarters; q++)
        {
            var quarterStart = thisQuarter.AddMonths(-3 * (Quarters - q));
            // From concentrated (where the BW places were in 2020) towards fair shares by population.
            var fairness = 0.15 + (0.75 * q / (Quarters - 1));
            var weights = nml.Select(g => ((1 - fairness) * Math.Pow((g.BwClients2020 ?? 0) / clients, 1.4) * 3) + (fairness * g.Population / population)).ToList();
            for (var i = 0; i < PlacementsIn(q); i++, index++)
            {
                var start = quarterStart.AddDays(random.Next(0, 90));
                if (start >= today) start = today.AddDays(-1);
                var unitIn = nml[Draw(random, weights)];
                var owners = corporations.Where(c => c.WorksIn(unitIn.Code)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
                var owner = owners.Count > 0 && random.NextDouble() > 0.1 ? owners[random.Next(owners.Count)]
                    : providers.Where(p => p.WorksIn(unitIn.Code)).OrderBy(p => p.Name, StringComparer.Ordinal).First();
                var herkomst = random.NextDouble() < 0.6 ? unitIn : nml[Draw(random, [.. nml.Select(g => (double)(g.BwClients2020 ?? 1))])];
                var provider = providers.Where(p => p.WorksIn(herkomst.Code)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList()[random.Next(providers.Count(p => p.WorksIn(herkomst.Code)))];

                var contractedOn = start.AddDays(-random.Next(1, 11));
                var acceptedOn = contractedOn.AddDays(-random.Next(2, 11));
                var nominatedOn = acceptedOn.AddDays(-random.Next(1, 7));
                var proposedOn = nominatedOn.AddDays(-random.Next(1, 5));
                var postedOn = proposedOn.AddDays(-random.Next(3, 61));
                var wait = random.Next(40, 200) + ((Quarters - q) * 20);
                var readySince = start.AddDays(-wait);
                if (readySince > proposedOn) readySince = proposedOn;
                var registeredOn = readySince.AddDays(-random.Next(0, 45));

                var profile = RegisterGenerator.CandidateProfileFor(random, herkomst, nml, readySince, 1000 + index) with
                {
                    ReadySince = readySince,
                    SupportGuaranteed = true,
                    ExcludedGemeenten = [],
                };
                var candidate = Domain.Candidates.Candidate.Register(DemoData.StableId($"history-candidate:{index}"), provider.Id, "NML", profile, At(registeredOn));
                var unit = HousingUnit.Post(DemoData.StableId($"history-unit:{index}"), owner.Id, "NML",
                    RegisterGenerator.UnitDescriptionFor(random, unitIn, owner.Type == OrganisationType.Zorgaanbieder, postedOn, 1000 + index) with { AvailableFrom = postedOn },
                    At(postedOn));
                var ownerActor = new Actor(owner.Type.ToString(), owner.Id, null);
                // The history keeps a score but not its breakdown; the weights are the documented defaults.
                var score = new ScoreBreakdown(Math.Round(55 + (random.NextDouble() * 40), 2), []);
                var match = placement.Propose(DemoData.StableId($"history-match:{index}"), unit, candidate, score, new MatchingWeights(), null, [], null,
                    mp, At(proposedOn.AddDays(7)), proposedOn, At(proposedOn));
                match.Nominate(mp, At(nominatedOn), At(nominatedOn.AddDays(14)));
                match.Accept(ownerActor, At(acceptedOn), At(acceptedOn.AddDays(30)));
                var omklap = random.NextDouble() < 0.2;
                var tenancy = placement.Contract(DemoData.StableId($"history-tenancy:{index}"), match, unit, candidate, ownerActor, start,
                    omklap ? ContractForm.Omklap : random.NextDouble() < 0.2 ? ContractForm.HousingFirst : ContractForm.Regulier, omklap ? 12 : null, At(contractedOn));
                match.ClearDomainEvents();
                var providerActor = new Actor("Zorgaanbieder", provider.Id, null);
                foreach (var month in Tenancy.FollowUpMonths.Where(m => tenancy.FollowUpDue(m) < today && random.NextDouble() < 0.9))
                {
                    var housed = random.NextDouble() < (month == 12 ? 0.85 : 0.9);
                    var outcome = housed ? (random.NextDouble() < 0.75 ? FollowUpOutcome.Stabiel : FollowUpOutcome.Zorgen)
                        : new[] { FollowUpOutcome.Uitgezet, FollowUpOutcome.Verhuisd, FollowUpOutcome.Terugval }[random.Next(3)];
                    var recordedOn = Min(tenancy.FollowUpDue(month).AddDays(random.Next(0, 20)), today.AddDays(-1));
                    tenancy.RecordFollowUp(month, housed, outcome, providerActor, today, At(recordedOn));
                    if (!housed) break;
                }
                if (tenancy.OmklapDueDate is { } due && due < today && random.NextDouble() < 0.7)
                    tenancy.RecordOmklap(Min(due.AddDays(random.Next(0, 30)), today.AddDays(-1)), At(Min(due.AddDays(30), today.AddDays(-1))));

                db.Candidates.Add(candidate);
                db.Units.Add(unit);
                db.Matches.Add(match);
                tenancies.Add(tenancy);
                placements.Add((candidate, unit, At(proposedOn)));
            }
        }

        // One proposal in four or five was declined (or expired) before: on this unit, for the candidate placed next.
        for (var i = 0; i + 1 < placements.Count; i += 4)
        {
            var (_, unit, proposedAt) = placements[i];
            var candidate = placements[i + 1].Candidate;
            var earlier = proposedAt.AddDays(-random.Next(8, 20));
            var declined = Match.Propose(DemoData.StableId($"history-declined:{i}"), unit.Id, candidate.Id, null, "NML", unit.GemeenteCode, candidate.HerkomstGemeenteCode,
                unit.OwnerOrganisationId, candidate.ProviderOrganisationId, 50, "{}", earlier, mp, earlier.AddDays(7));
            declined.Nominate(mp, earlier.AddDays(2), earlier.AddDays(16));
            if (i % 20 == 12)
            {
                declined.Expire(earlier.AddDays(16));
            }
            else
            {
                var reason = DeclineReasons.All[random.Next(DeclineReasons.All.Count)];
                var by = reason.Party switch
                {
                    DeclineParty.Verhuurder => new Actor("Corporatie", unit.OwnerOrganisationId, null),
                    DeclineParty.Matchingspunt => mp,
                    _ => new Actor("Zorgaanbieder", candidate.ProviderOrganisationId, null),
                };
                declined.Decline(by, reason.Party, reason, null, 0, earlier.AddDays(random.Next(3, 7)));
            }
            declined.ClearDomainEvents();
            db.Matches.Add(declined);
        }
        db.Tenancies.AddRange(tenancies);

        // Agreements of this year and last year between each corporation and the municipalities it works in.
        foreach (var corporation in corporations.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            foreach (var code in corporation.Werkgebied.Where(c => nml.Any(g => g.Code == c)).Order(StringComparer.Ordinal))
            {
                foreach (var year in new[] { today.Year - 1, today.Year })
                {
                    var realised = tenancies.Count(t => t.OwnerOrganisationId == corporation.Id && t.UnitGemeenteCode == code && t.StartDate.Year == year);
                    var target = Math.Max(1, realised + random.Next(-1, 3) + (year == today.Year ? 1 : 0));
                    db.PerformanceAgreements.Add(PerformanceAgreement.Create(DemoData.StableId($"agreement:{corporation.Id}:{code}:{year}"), corporation.Id, code, "NML",
                        year, target, year == today.Year ? "Jaarafspraak uitstroom BW/MO" : null, now));
                }
            }
        }
    }

    private static DateTimeOffset At(DateOnly day) => RegionalDate.StartOf(day).AddHours(10);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static int Draw(Random random, IReadOnlyList<double> weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Count - 1;
    }
}
