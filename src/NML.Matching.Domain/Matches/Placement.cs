using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Matches;

/// <summary>
/// The steps of the placement workflow that change a match, its unit and its candidate together, written once for
/// matching rounds, proposals by hand, the deadline service and the demo data alike (docs/api.md, Matches and
/// Tenancies; docs/registers.md, the candidate's status and the unit's status):
/// <list type="bullet">
/// <item><see cref="Propose"/>: a Proposed match, the candidate Matched, the unit Reserved.</item>
/// <item><see cref="Decline"/>, <see cref="Expire"/>, <see cref="Withdraw"/>: the match ends, the unit is Available
/// again and the candidate back in the queue, parked when the decline parks.</item>
/// <item><see cref="Contract"/>: the match Contracted, the unit Let, the candidate Housed, and the tenancy that starts.</item>
/// </list>
/// It reads and writes nothing but the objects it is given: the caller loads them and saves them in one unit of work.
/// The match's snapshot is stored as text; <paramref name="writeSnapshot"/> is how the host writes it (JSON).
/// </summary>
public sealed class Placement(Func<MatchSnapshot, string> writeSnapshot)
{
    /// <summary>
    /// Proposes <paramref name="unit"/> for <paramref name="candidate"/>, with the snapshot of why: the pair's score
    /// and its breakdown, the weights, the round (none for a proposal by hand), and for an override the hard rules the
    /// pair fails and the reason. The candidate must be Ready on <paramref name="today"/> (<c>candidate-not-matchable</c>)
    /// and the unit Available (<c>unit-not-reservable</c>); after a refusal the caller drops the unit of work.
    /// </summary>
    public Match Propose(
        Guid id, HousingUnit unit, Candidate candidate, ScoreBreakdown breakdown, MatchingWeights weights, Guid? roundId,
        IReadOnlyList<string> failedRules, string? overrideReason, Actor proposedBy, DateTimeOffset dueAt, DateOnly today, DateTimeOffset now)
    {
        var snapshot = new MatchSnapshot(now, roundId, breakdown.Score, breakdown.Criteria, weights, failedRules, overrideReason);
        var match = Match.Propose(id, unit.Id, candidate.Id, roundId, unit.RegionCode, unit.GemeenteCode, candidate.HerkomstGemeenteCode,
            unit.OwnerOrganisationId, candidate.ProviderOrganisationId, breakdown.Score, writeSnapshot(snapshot), now, proposedBy, dueAt, overrideReason);
        candidate.MarkMatched(today, now);
        unit.Reserve(now);
        return match;
    }

    /// <summary>
    /// A party declines: the match is Declined, the unit Available again, and the candidate back in the queue, parked
    /// for <paramref name="parkDays"/> days from <paramref name="today"/> when that is more than zero.
    /// </summary>
    public void Decline(Match match, HousingUnit unit, Candidate candidate, Actor actor, DeclineParty by, DeclineReason reason, string? note, int parkDays,
        DateOnly today, DateTimeOffset now)
    {
        EnsureParties(match, unit, candidate);
        match.Decline(actor, by, reason, note, parkDays, now);
        Release(unit, candidate, parkDays, $"Afgewezen: {reason.Description}", today, now);
    }

    /// <summary>The deadline passed: the match is Expired (by System), and both sides are released without parking.</summary>
    public void Expire(Match match, HousingUnit unit, Candidate candidate, DateOnly today, DateTimeOffset now)
    {
        EnsureParties(match, unit, candidate);
        match.Expire(now);
        Release(unit, candidate, 0, null, today, now);
    }

    /// <summary>The Matchingspunt takes the match back: Withdrawn, and both sides are released without parking.</summary>
    public void Withdraw(Match match, HousingUnit unit, Candidate candidate, Actor actor, string reason, DateOnly today, DateTimeOffset now)
    {
        EnsureParties(match, unit, candidate);
        match.Withdraw(actor, reason, now);
        Release(unit, candidate, 0, null, today, now);
    }

    /// <summary>
    /// The signed lease: the match is Contracted, the unit Let and the candidate Housed, and the returned tenancy starts
    /// on <paramref name="startDate"/> with the parties copied from the match. Whether the start date is plausible is
    /// the caller's check (<see cref="Tenancy.CheckStartDate"/>), made before this step.
    /// </summary>
    public Tenancy Contract(Guid tenancyId, Match match, HousingUnit unit, Candidate candidate, Actor actor, DateOnly startDate, ContractForm contractForm,
        int? omklapAfterMonths, DateTimeOffset now)
    {
        EnsureParties(match, unit, candidate);
        match.Contract(actor, now);
        unit.MarkLet(now);
        candidate.MarkHoused(now);
        return Tenancy.Start(tenancyId, match.Id, match.UnitId, match.CandidateId, match.OwnerOrganisationId, match.ProviderOrganisationId,
            match.RegionCode, match.UnitGemeenteCode, match.CandidateHerkomstCode, startDate, contractForm, omklapAfterMonths, now);
    }

    /// <summary>
    /// After a decline, expiry or withdrawal: the unit is Available again (when it is still Reserved) and the candidate
    /// back in the queue (when it is still Matched), parked until today plus <paramref name="parkDays"/> when that is more than zero.
    /// </summary>
    private static void Release(HousingUnit unit, Candidate candidate, int parkDays, string? parkReason, DateOnly today, DateTimeOffset now)
    {
        if (unit.Status == UnitStatus.Reserved) unit.Release(now);
        if (candidate.Placement == CandidatePlacement.Matched)
            candidate.ReleaseFromMatch(parkDays > 0 ? today.AddDays(parkDays) : null, parkDays > 0 ? parkReason : null, now);
    }

    private static void EnsureParties(Match match, HousingUnit unit, Candidate candidate)
    {
        if (unit.Id != match.UnitId) throw new ArgumentException($"Unit {unit.Id} is not the unit of match {match.Id}.", nameof(unit));
        if (candidate.Id != match.CandidateId) throw new ArgumentException($"Candidate {candidate.Id} is not the candidate of match {match.Id}.", nameof(candidate));
    }
}
