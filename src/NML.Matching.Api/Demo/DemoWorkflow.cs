using System.Text.Json;
using NML.Matching.Api.Features.Events;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Demo;

/// <summary>
/// Demo matches in every state of the workflow, and tenancies with follow-ups, so that monitoring has something to
/// show. The pairs come from an optimal round over the demo queue and supply; each state is then reached through the
/// domain's own transitions (with their history and events), as the Matchingspunt of the region would.
/// </summary>
public static class DemoWorkflow
{
    /// <summary>How many demo matches end in each state, in the order they are handed out.</summary>
    public static IReadOnlyList<(MatchStatus Status, int Count)> Plan { get; } =
    [
        (MatchStatus.Contracted, 8), (MatchStatus.Proposed, 3), (MatchStatus.Nominated, 3), (MatchStatus.Accepted, 3),
        (MatchStatus.Declined, 3), (MatchStatus.Expired, 2), (MatchStatus.Withdrawn, 2),
    ];

    public static void Seed(MatchingDbContext db, MatchingInput input, IReadOnlyList<Candidate> candidates, IReadOnlyList<HousingUnit> units,
        Guid matchingspuntId, DateOnly today, DateTimeOffset now)
    {
        var model = new MatchingModel(input);
        var outcome = MatchingRound.Run(model, new RoundParameters(MinScore: 30));
        var candidateById = candidates.ToDictionary(c => c.Id);
        var unitById = units.ToDictionary(u => u.Id);
        var mp = new Actor("Matchingspunt", matchingspuntId, null);
        var calendar = new WorkingDays();
        var proposals = outcome.Proposals.GetEnumerator();
        var index = 0;
        foreach (var (status, count) in Plan)
        {
            for (var i = 0; i < count && proposals.MoveNext(); i++, index++)
            {
                var proposal = proposals.Current;
                var candidate = candidateById[proposal.CandidateId];
                var unit = unitById[proposal.UnitId];
                var owner = new Actor(unit.OwnerOrganisationId == candidate.ProviderOrganisationId ? "Zorgaanbieder" : "Corporatie", unit.OwnerOrganisationId, null);
                var snapshot = JsonSerializer.Serialize(new { proposedAt = now, score = proposal.Score, breakdown = proposal.Breakdown.Criteria, weights = input.Weights },
                    MatchingRoundDto.Json);
                var match = Match.Propose(DemoData.StableId($"match:{index}"), unit.Id, candidate.Id, null, unit.RegionCode, unit.GemeenteCode,
                    candidate.HerkomstGemeenteCode, unit.OwnerOrganisationId, candidate.ProviderOrganisationId, proposal.Score, snapshot, now, mp,
                    calendar.Add(now, 5));
                candidate.MarkMatched(today, now);
                unit.Reserve(now);
                db.Matches.Add(match);
                db.Emit(EventTypes.MatchProposed, match, now);

                if (status is MatchStatus.Nominated or MatchStatus.Accepted or MatchStatus.Contracted)
                {
                    match.Nominate(mp, now, calendar.Add(now, 10));
                    db.Emit(EventTypes.MatchNominated, match, now);
                }
                if (status is MatchStatus.Accepted or MatchStatus.Contracted)
                {
                    match.Accept(owner, now, now.AddDays(30));
                    db.Emit(EventTypes.MatchAccepted, match, now);
                }
                switch (status)
                {
                    case MatchStatus.Contracted:
                        match.Contract(owner, now);
                        unit.MarkLet(now);
                        candidate.MarkHoused(now);
                        db.Emit(EventTypes.MatchContracted, match, now);
                        // Leases that started over the past 14 months, so that follow-ups are due, done or overdue.
                        var start = today.AddMonths(-(2 * (index + 1)) % 15).AddDays(-index);
                        var form = index % 3 == 0 ? ContractForm.Omklap : index % 3 == 1 ? ContractForm.Regulier : ContractForm.HousingFirst;
                        var tenancy = Tenancy.Start(DemoData.StableId($"tenancy:{index}"), match.Id, unit.Id, candidate.Id, unit.OwnerOrganisationId,
                            candidate.ProviderOrganisationId, unit.RegionCode, unit.GemeenteCode, candidate.HerkomstGemeenteCode, start, form,
                            form == ContractForm.Omklap ? 12 : null, now);
                        var provider = new Actor("Zorgaanbieder", candidate.ProviderOrganisationId, null);
                        foreach (var month in Tenancy.FollowUpMonths.Where(m => tenancy.FollowUpDue(m) <= today && index % 4 != 3))
                        {
                            var housed = !(month == 12 && index % 5 == 4);
                            tenancy.RecordFollowUp(month, housed, housed ? (month == 6 && index % 2 == 0 ? FollowUpOutcome.Zorgen : FollowUpOutcome.Stabiel) : FollowUpOutcome.Terugval,
                                provider, today, now);
                        }
                        db.Tenancies.Add(tenancy);
                        break;
                    case MatchStatus.Declined:
                        var reason = DeclineReasons.All[index % DeclineReasons.All.Count];
                        var by = reason.Party switch
                        {
                            DeclineParty.Verhuurder => owner,
                            DeclineParty.Matchingspunt => mp,
                            _ => new Actor("Zorgaanbieder", candidate.ProviderOrganisationId, null),
                        };
                        match.Decline(by, reason.Party, reason, "Demo", reason.DefaultParkDays, now);
                        Release(unit, candidate, reason.DefaultParkDays, today, now);
                        db.Emit(EventTypes.MatchDeclined, match, now);
                        break;
                    case MatchStatus.Expired:
                        match.Expire(now);
                        Release(unit, candidate, 0, today, now);
                        db.Emit(EventTypes.MatchExpired, match, now);
                        break;
                    case MatchStatus.Withdrawn:
                        match.Withdraw(mp, "Demo: dubbel voorgesteld", now);
                        Release(unit, candidate, 0, today, now);
                        db.Emit(EventTypes.MatchWithdrawn, match, now);
                        break;
                }
            }
        }
    }

    private static void Release(HousingUnit unit, Candidate candidate, int parkDays, DateOnly today, DateTimeOffset now)
    {
        unit.Release(now);
        candidate.ReleaseFromMatch(parkDays > 0 ? today.AddDays(parkDays) : null, parkDays > 0 ? "Demo: afgewezen aanbod" : null, now);
    }
}
