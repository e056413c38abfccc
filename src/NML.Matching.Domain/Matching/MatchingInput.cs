using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Matching;

/// <summary>What the engine needs to know of a candidate. Built from <see cref="Candidate"/>; pure data.</summary>
public sealed record MatchCandidate(
    Guid Id,
    Guid ProviderId,
    string RegionCode,
    string HerkomstGemeente,
    bool IsReady,
    int Adults,
    int Children,
    int RequiredBedrooms,
    decimal MaxRent,
    bool NeedsGroundFloorOrLift,
    bool NeedsWheelchairAccess,
    SupportNeed SupportNeed,
    bool Needs24x7Nearby,
    bool SupportGuaranteed,
    PrikkelarmNeed PrikkelarmNeed,
    IReadOnlyList<string> PreferredGemeenten,
    IReadOnlyList<string> ExcludedGemeenten,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly ReadySince,
    bool Urgent)
{
    public static MatchCandidate From(Candidate c, DateOnly today) => new(
        c.Id, c.ProviderOrganisationId, c.RegionCode, c.HerkomstGemeenteCode, c.StatusOn(today) == CandidateStatus.Ready,
        c.Household.Adults, c.Household.Children, c.RequiredBedrooms, c.MaxRent, c.Accessibility.NeedsGroundFloorOrLift,
        c.Accessibility.NeedsWheelchairAccess, c.SupportNeed, c.Needs24x7Nearby, c.SupportGuaranteed, c.PrikkelarmNeed,
        c.PreferredGemeenten, c.ExcludedGemeenten, c.TargetGroups, c.ReadySince, c.Urgent);
}

/// <summary>What the engine needs to know of a unit. Built from <see cref="HousingUnit"/>; pure data.</summary>
public sealed record MatchUnit(
    Guid Id,
    Guid OwnerId,
    string RegionCode,
    string Gemeente,
    bool IsAvailable,
    UnitType UnitType,
    int Bedrooms,
    int MaxOccupants,
    decimal BasicRent,
    bool GroundFloorOrLift,
    bool WheelchairAccessible,
    int PrikkelarmLevel,
    SupportOnSite SupportOnSite,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly AvailableFrom)
{
    public static MatchUnit From(HousingUnit u) => new(
        u.Id, u.OwnerOrganisationId, u.RegionCode, u.GemeenteCode, u.Status == UnitStatus.Available, u.UnitType, u.Bedrooms,
        u.MaxOccupants, u.BasicRent, u.Accessibility.GroundFloorOrLift, u.Accessibility.WheelchairAccessible, u.PrikkelarmLevel,
        u.SupportOnSite, u.TargetGroups, u.AvailableFrom);
}

/// <summary>A municipality as the engine sees it: population (fair share) and centre (distances).</summary>
public sealed record MatchGemeente(string Code, string Name, string RegionCode, int Population, double Latitude, double Longitude);

/// <summary>The weights of the six criteria (defaults 30/20/20/15/10/5). Scores are normalised to 0-100 whatever they add up to.</summary>
public sealed record MatchingWeights(double Gemeente = 30, double Spreiding = 20, double Support = 20, double Prikkelarm = 15, double Wachttijd = 10, double Urgentie = 5)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public double Total => Gemeente + Spreiding + Support + Prikkelarm + Wachttijd + Urgentie;
}

/// <summary>How fair shares for spreading are computed.</summary>
public enum FairShareKey
{
    Population = 1,
    Equal = 2,
}

/// <summary>Settings of the rules and the score (<c>Matching:*</c> in configuration).</summary>
public sealed record MatchingOptions(
    int AvailabilityWindowDays = 90,
    double MaxDistanceKm = 40,
    bool AllowCrossRegion = false,
    FairShareKey FairShareKey = FairShareKey.Population,
    double SpreidingPseudoCount = 10);

/// <summary>
/// Everything the engine looks at, and nothing else: it has no clock, no I/O and no randomness of its own.
/// <paramref name="Placements"/> counts recent placements per municipality (contracted tenancies and open
/// proposals of the last 12 months). <paramref name="Werkgebied"/> maps each care provider to the municipalities
/// it works in. <paramref name="DeclinedPairs"/> holds (unit, candidate) pairs that must never be proposed again.
/// </summary>
public sealed record MatchingInput(
    IReadOnlyList<MatchCandidate> Candidates,
    IReadOnlyList<MatchUnit> Units,
    IReadOnlyList<MatchGemeente> Gemeenten,
    IReadOnlyDictionary<Guid, IReadOnlySet<string>> Werkgebied,
    IReadOnlyDictionary<string, int> Placements,
    MatchingWeights Weights,
    MatchingOptions Options,
    DateOnly Today,
    IReadOnlySet<(Guid UnitId, Guid CandidateId)>? DeclinedPairs = null);
