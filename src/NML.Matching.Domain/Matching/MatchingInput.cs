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
    /// <summary>The engine's view of a candidate on <paramref name="today"/>. Named arguments: several neighbours share a type.</summary>
    public static MatchCandidate From(Candidate c, DateOnly today) => new(
        Id: c.Id,
        ProviderId: c.ProviderOrganisationId,
        RegionCode: c.RegionCode,
        HerkomstGemeente: c.HerkomstGemeenteCode,
        IsReady: c.StatusOn(today) == CandidateStatus.Ready,
        Adults: c.Household.Adults,
        Children: c.Household.Children,
        RequiredBedrooms: c.RequiredBedrooms,
        MaxRent: c.MaxRent,
        NeedsGroundFloorOrLift: c.Accessibility.NeedsGroundFloorOrLift,
        NeedsWheelchairAccess: c.Accessibility.NeedsWheelchairAccess,
        SupportNeed: c.SupportNeed,
        Needs24x7Nearby: c.Needs24x7Nearby,
        SupportGuaranteed: c.SupportGuaranteed,
        PrikkelarmNeed: c.PrikkelarmNeed,
        PreferredGemeenten: c.PreferredGemeenten,
        ExcludedGemeenten: c.ExcludedGemeenten,
        TargetGroups: c.TargetGroups,
        ReadySince: c.ReadySince,
        Urgent: c.Urgent);
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
    /// <summary>The engine's view of a unit. Named arguments: several neighbours share a type.</summary>
    public static MatchUnit From(HousingUnit u) => new(
        Id: u.Id,
        OwnerId: u.OwnerOrganisationId,
        RegionCode: u.RegionCode,
        Gemeente: u.GemeenteCode,
        IsAvailable: u.Status == UnitStatus.Available,
        UnitType: u.UnitType,
        Bedrooms: u.Bedrooms,
        MaxOccupants: u.MaxOccupants,
        BasicRent: u.BasicRent,
        GroundFloorOrLift: u.Accessibility.GroundFloorOrLift,
        WheelchairAccessible: u.Accessibility.WheelchairAccessible,
        PrikkelarmLevel: u.PrikkelarmLevel,
        SupportOnSite: u.SupportOnSite,
        TargetGroups: u.TargetGroups,
        AvailableFrom: u.AvailableFrom);
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
