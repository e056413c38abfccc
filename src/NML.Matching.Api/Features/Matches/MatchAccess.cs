using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// Who sees which matches: Admin all, the Matchingspunt its region, the candidate's provider and the unit's owner
/// theirs, a Gemeente those of units in its municipality or candidates from it (read only). Who takes which step: the
/// owner accepts and records the lease, each party declines in its own name, only the Matchingspunt overrides the
/// parking period; proposing and nominating are for the Matchingspunt and Admin (<see cref="Policies.RoundRunners"/>).
/// </summary>
public static class MatchAccess
{
    public static IQueryable<Match> VisibleTo(this IQueryable<Match> matches, Caller caller) => caller.Role switch
    {
        Roles.Admin => matches,
        Roles.Matchingspunt => matches.Where(m => m.RegionCode == caller.RegionCode),
        Roles.Zorgaanbieder => matches.Where(m => m.ProviderOrganisationId == caller.OrganisationId || m.OwnerOrganisationId == caller.OrganisationId),
        Roles.Corporatie => matches.Where(m => m.OwnerOrganisationId == caller.OrganisationId),
        Roles.Gemeente => matches.Where(m => m.UnitGemeenteCode == caller.GemeenteCode || m.CandidateHerkomstCode == caller.GemeenteCode),
        _ => matches.Where(_ => false),
    };

    /// <summary>
    /// The visible matches about one candidate. Only those who may see which candidate a match is about can ask: for the
    /// others (a unit's owner) the filter finds nothing, so that it cannot be used to learn who a match is about.
    /// </summary>
    public static IQueryable<Match> AboutCandidate(this IQueryable<Match> matches, Caller caller, Guid candidateId) =>
        matches.Where(m => m.CandidateId == candidateId).AboutItsCandidate(caller);

    /// <summary>As <see cref="AboutCandidate"/>, for the matches of several candidates at once.</summary>
    public static IQueryable<Match> AboutCandidates(this IQueryable<Match> matches, Caller caller, IReadOnlyCollection<Guid> candidateIds) =>
        matches.Where(m => candidateIds.Contains(m.CandidateId)).AboutItsCandidate(caller);

    private static IQueryable<Match> AboutItsCandidate(this IQueryable<Match> matches, Caller caller) =>
        CandidateAccess.SeesEveryCandidateInFull(caller)
            ? matches
            : matches.Where(m => m.ProviderOrganisationId == caller.OrganisationId || (caller.GemeenteCode != null && m.CandidateHerkomstCode == caller.GemeenteCode));

    /// <summary>Whether the caller sees the candidate fully (id and profile) rather than minimised or not at all.</summary>
    public static bool SeesCandidateFully(Caller caller, Match match) =>
        CandidateAccess.SeesCandidateOf(caller, match.ProviderOrganisationId, match.CandidateHerkomstCode);

    /// <summary>Null when the caller is the unit's owner (or Admin); otherwise a 403 saying that only the owner does <paramref name="what"/>.</summary>
    public static Error? CheckOwner(Caller caller, Match match, string what) =>
        caller.IsAdmin || match.OwnerOrganisationId == caller.OrganisationId ? null
        : new Error(ErrorKind.Forbidden, "forbidden", $"Only the unit's owner {what}.");

    /// <summary>Whether the caller may decline in the name of <paramref name="party"/>.</summary>
    public static bool MayDeclineAs(Caller caller, Match match, DeclineParty party) => caller.Role switch
    {
        Roles.Admin => true,
        Roles.Matchingspunt => party == DeclineParty.Matchingspunt,
        Roles.Corporatie => party == DeclineParty.Verhuurder && match.OwnerOrganisationId == caller.OrganisationId,
        Roles.Zorgaanbieder => (party is DeclineParty.Kandidaat or DeclineParty.Zorgaanbieder && match.ProviderOrganisationId == caller.OrganisationId)
            || (party == DeclineParty.Verhuurder && match.OwnerOrganisationId == caller.OrganisationId),
        _ => false,
    };

    /// <summary>Only the Matchingspunt (and Admin) sets another parking period than the decline reason's.</summary>
    public static bool MayOverrideParking(Caller caller) => caller.IsAdmin || caller.Is(Roles.Matchingspunt);
}
