using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Features.Matching;

/// <summary>
/// Matching rounds are run and read by the Matchingspunt for its own region and by Admin for any
/// (<see cref="Policies.RoundRunners"/>); another region's round or region answers 404 like an unknown one.
/// </summary>
public static class MatchingRoundAccess
{
    public static IQueryable<MatchingRoundRecord> VisibleTo(this IQueryable<MatchingRoundRecord> rounds, Caller caller) =>
        caller.IsAdmin ? rounds : rounds.Where(r => r.RegionCode == caller.RegionCode);

    /// <summary>Whether the caller may run a round in (and read the rounds of) the region.</summary>
    public static bool MayRunIn(Caller caller, string regionCode) => caller.IsAdmin || caller.RegionCode == regionCode;
}
