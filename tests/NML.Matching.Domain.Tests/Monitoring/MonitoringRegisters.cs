using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>Real register entities for the supply and shortage tests, built through their own factories.</summary>
internal static class MonitoringRegisters
{
    public static readonly Guid Provider = Guid.Parse("dddddddd-0000-0000-0000-000000000001");

    public static HousingUnit Unit(string gemeente, Guid owner, DateTimeOffset postedAt, int bedrooms = 1, bool groundFloorOrLift = false,
        bool wheelchair = false, PrikkelarmFeatures? prikkelarm = null, SupportOnSite supportOnSite = SupportOnSite.None) =>
        HousingUnit.Post(Guid.NewGuid(), owner, "NML", new UnitDescription(
            Reference: "VHE-SUPPLY", GemeenteCode: gemeente, Kern: "Tegelen", Postcode: "5931 AB", HouseNumber: "7",
            UnitType: UnitType.Appartement, Bedrooms: bedrooms, MaxOccupants: 2, FloorArea: 50m, BasicRent: 600m, ServiceCosts: 20m,
            Accessibility: new UnitAccessibility(GroundFloorOrLift: groundFloorOrLift || wheelchair, WheelchairAccessible: wheelchair),
            Prikkelarm: prikkelarm ?? new PrikkelarmFeatures(false, false, false, false, false),
            SupportOnSite: supportOnSite, ContractForm: ContractForm.Regulier, TargetGroups: [],
            AvailableFrom: DateOnly.FromDateTime(postedAt.UtcDateTime)), postedAt);

    public static Candidate Candidate(PrikkelarmNeed prikkelarm = PrikkelarmNeed.None, bool groundFloor = false, bool wheelchair = false,
        bool needs24x7 = false, int? bedrooms = null) =>
        Candidates.Candidate.Register(Guid.NewGuid(), Provider, "NML", new CandidateProfile(
            ExternalReference: "REF-SHORTAGE", HerkomstGemeenteCode: "GM0983", CurrentSetting: CurrentSetting.BeschermdWonen,
            AgeBand: AgeBand.Age27To49, Household: new Household(1, 0), RequiredBedrooms: bedrooms, MaxRent: 800m,
            Accessibility: new AccessibilityNeeds(NeedsGroundFloorOrLift: groundFloor, NeedsWheelchairAccess: wheelchair),
            SupportNeed: needs24x7 ? SupportNeed.Intensief : SupportNeed.Licht, Needs24x7Nearby: needs24x7, SupportHoursPerWeek: null,
            SupportGuaranteed: true, PrikkelarmNeed: prikkelarm, PreferredGemeenten: [], ExcludedGemeenten: [], TargetGroups: [],
            ReadySince: new DateOnly(2026, 1, 5), Urgent: false, UrgencyReason: null), new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
}
