using NML.Matching.Api.Features.Workflow;
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
/// domain's own steps (<see cref="Placement"/> and the match's transitions, with their history and events), as the
/// Matchingspunt of the region would, with the default deadlines of <see cref="WorkflowSettings"/>.
/// </summary>
public static class DemoWorkflow
{
    /// <summary>How many demo matches end in each state, in the order they are handed out.</summary>
    public static IReadOnlyList<(MatchStatus Status, int Count)> Plan { get; } =
    [
        (MatchStatus.Contracted, 8), (MatchStatus.Proposed, 3), (MatchStatus.Nominated, 3), (MatchStatus.Accepted, 3),
        (MatchStatus.Declined, 3), (MatchStatus.Expired, 2), (MatchStatus.Withdrawn, 2),
    ];

    private static readonly WorkflowSettings Deadlines = new();

    public static void Seed(MatchingDbContext db, Placement placement, MatchingInput input, IReadOnlyList<Candidate> candidates, IReadOnlyList<HousingUnit> units,
        Guid matchingspuntId, DateOnly today, DateTimeOffset now)
    {
        var model = new MatchingModel(input);
        var outcome = MatchingRound.Run(model, new RoundParameters(MinScore: 30));
        var candidateById = candidates.ToDictionary(c => c.Id);
        var unitById = units.ToDictionary(u => u.Id);
        var mp = new Actor("Matchingspunt", matchingspuntId, null);
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
                var match = placement.Propose(DemoData.StableId($"match:{index}"), unit, candidate, proposal.Breakdown, input.Weights, null, [], null,
                    mp, Deadlines.NominateBy(now), today, now);
                db.Matches.Add(match);

                if (status is MatchStatus.Nominated or MatchStatus.Accepted or MatchStatus.Contracted) match.Nominate(mp, now, Deadlines.AnswerBy(now));
                if (status is MatchStatus.Accepted or MatchStatus.Contracted) match.Accept(owner, now, Deadlines.ContractBy(now));
                switch (status)
                {
                    case MatchStatus.Contracted:
                        // Leases that started over the past 14 months, so that follow-ups are due, done or overdue.
                        var start = today.AddMonths(-(2 * (index + 1)) % 15).AddDays(-index);
                        var form = index % 3 == 0 ? ContractForm.Omklap : index % 3 == 1 ? ContractForm.Regulier : ContractForm.HousingFirst;
                        var tenancy = placement.Contract(DemoData.StableId($"tenancy:{index}"), match, unit, candidate, owner, start, form,
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
                        placement.Decline(match, unit, candidate, by, reason.Party, reason, "Demo", reason.DefaultParkDays, today, now);
                        break;
                    case MatchStatus.Expired:
                        placement.Expire(match, unit, candidate, today, now);
                        break;
                    case MatchStatus.Withdrawn:
                        placement.Withdraw(match, unit, candidate, mp, "Demo: dubbel voorgesteld", today, now);
                        break;
                }
            }
        }
    }
}
