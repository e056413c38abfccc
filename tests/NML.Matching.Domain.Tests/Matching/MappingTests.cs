using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests.Matching;

/// <summary>
/// The mapping from the register entities to what the engine sees (<see cref="MatchCandidate.From"/>,
/// <see cref="MatchUnit.From"/>), field by field. Every field gets a value no neighbouring field of the same type has,
/// so a field passed to the wrong place (say ground floor for wheelchair) fails here. Booleans have only two values:
/// the rows of <see cref="CandidateFlags"/> and <see cref="UnitFlags"/> give every pair of flags different values in
/// at least one row (<see cref="TheFlagRowsTellEveryPairOfFlagsApart"/> checks that).
/// </summary>
public sealed class MappingTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Guid CandidateId = new("11111111-1111-1111-1111-111111111111");
    private static readonly Guid ProviderId = new("22222222-2222-2222-2222-222222222222");
    private static readonly Guid UnitId = new("33333333-3333-3333-3333-333333333333");
    private static readonly Guid OwnerId = new("44444444-4444-4444-4444-444444444444");

    /// <summary>isReady, needsGroundFloorOrLift, needsWheelchairAccess, needs24x7Nearby, supportGuaranteed, urgent.</summary>
    public static TheoryData<bool, bool, bool, bool, bool, bool> CandidateFlags => new()
    {
        { true, false, false, false, true, true },
        { false, true, true, false, true, false },
        { false, false, true, true, false, true },
    };

    /// <summary>isAvailable, groundFloorOrLift, wheelchairAccessible (a wheelchair-accessible unit is always step-free).</summary>
    public static TheoryData<bool, bool, bool> UnitFlags => new()
    {
        { false, true, true },
        { true, true, false },
    };

    [Theory]
    [MemberData(nameof(CandidateFlags))]
    public void TheEngineSeesEveryFieldOfTheCandidate(bool isReady, bool groundFloor, bool wheelchair, bool needs24x7, bool supportGuaranteed, bool urgent)
    {
        // Ready needs guaranteed support and a readySince that has come; a candidate with guaranteed support that is
        // not ready yet becomes ready tomorrow.
        Assert.True(!isReady || supportGuaranteed, "a row cannot be ready without guaranteed support");
        var readySince = isReady || !supportGuaranteed ? new DateOnly(2025, 11, 17) : Today.AddDays(1);
        var profile = new CandidateProfile(
            ExternalReference: "REF-MAPPING",
            HerkomstGemeenteCode: "GM0984",
            CurrentSetting: CurrentSetting.BeschermdWonen,
            AgeBand: AgeBand.Age27To49,
            Household: new Household(Adults: 2, Children: 3),
            RequiredBedrooms: 4,
            MaxRent: 812.34m,
            Accessibility: new AccessibilityNeeds(NeedsGroundFloorOrLift: groundFloor, NeedsWheelchairAccess: wheelchair),
            SupportNeed: needs24x7 ? SupportNeed.Intensief : SupportNeed.Midden,
            Needs24x7Nearby: needs24x7,
            SupportHoursPerWeek: 6,
            SupportGuaranteed: supportGuaranteed,
            PrikkelarmNeed: PrikkelarmNeed.Required,
            PreferredGemeenten: ["GM0957", "GM0889"],
            ExcludedGemeenten: ["GM0988"],
            TargetGroups: [TargetGroup.LHBTIQ, TargetGroup.Gezin],
            ReadySince: readySince,
            Urgent: urgent,
            UrgencyReason: urgent ? UrgencyReason.Veiligheid : null);
        var candidate = Candidate.Register(CandidateId, ProviderId, "NML", profile, Now);

        var seen = MatchCandidate.From(candidate, Today);

        Assert.Equal(CandidateId, seen.Id);
        Assert.Equal(ProviderId, seen.ProviderId);
        Assert.Equal("NML", seen.RegionCode);
        Assert.Equal("GM0984", seen.HerkomstGemeente);
        Assert.Equal(isReady, seen.IsReady);
        Assert.Equal(2, seen.Adults);
        Assert.Equal(3, seen.Children);
        Assert.Equal(4, seen.RequiredBedrooms);
        Assert.Equal(812.34m, seen.MaxRent);
        Assert.Equal(groundFloor, seen.NeedsGroundFloorOrLift);
        Assert.Equal(wheelchair, seen.NeedsWheelchairAccess);
        Assert.Equal(needs24x7 ? SupportNeed.Intensief : SupportNeed.Midden, seen.SupportNeed);
        Assert.Equal(needs24x7, seen.Needs24x7Nearby);
        Assert.Equal(supportGuaranteed, seen.SupportGuaranteed);
        Assert.Equal(PrikkelarmNeed.Required, seen.PrikkelarmNeed);
        Assert.Equal(["GM0957", "GM0889"], seen.PreferredGemeenten);
        Assert.Equal(["GM0988"], seen.ExcludedGemeenten);
        Assert.Equal([TargetGroup.Gezin, TargetGroup.LHBTIQ], seen.TargetGroups);
        Assert.Equal(readySince, seen.ReadySince);
        Assert.Equal(urgent, seen.Urgent);
    }

    [Fact]
    public void TheEngineSeesAParkedCandidateAsNotReadyAndAgainAsReadyWhenTheParkingEnds()
    {
        var candidate = Candidate.Register(CandidateId, ProviderId, "NML", new CandidateProfile(
            ExternalReference: "REF-PARKED", HerkomstGemeenteCode: "GM0983", CurrentSetting: CurrentSetting.MaatschappelijkeOpvang,
            AgeBand: AgeBand.Age23To26, Household: new Household(1, 0), RequiredBedrooms: null, MaxRent: 600m,
            Accessibility: new AccessibilityNeeds(false, false), SupportNeed: SupportNeed.Licht, Needs24x7Nearby: false,
            SupportHoursPerWeek: null, SupportGuaranteed: true, PrikkelarmNeed: PrikkelarmNeed.None, PreferredGemeenten: [],
            ExcludedGemeenten: [], TargetGroups: [], ReadySince: new DateOnly(2026, 1, 5), Urgent: false, UrgencyReason: null), Now);
        candidate.Park(Today.AddDays(14), "Tijdelijke opname", Today, Now);

        Assert.False(MatchCandidate.From(candidate, Today).IsReady);
        Assert.True(MatchCandidate.From(candidate, Today.AddDays(14)).IsReady);
        // The support guarantee is not what changed: it stays true throughout.
        Assert.True(MatchCandidate.From(candidate, Today).SupportGuaranteed);
    }

    [Theory]
    [MemberData(nameof(UnitFlags))]
    public void TheEngineSeesEveryFieldOfTheUnit(bool isAvailable, bool groundFloor, bool wheelchair)
    {
        var description = new UnitDescription(
            Reference: "VHE-MAPPING",
            GemeenteCode: "GM0983",
            Kern: "Tegelen",
            Postcode: "5931 AB",
            HouseNumber: "7",
            UnitType: UnitType.Eengezinswoning,
            Bedrooms: 3,
            MaxOccupants: 5,
            FloorArea: 92.5m,
            BasicRent: 734.56m,
            ServiceCosts: 21m,
            Accessibility: new UnitAccessibility(GroundFloorOrLift: groundFloor, WheelchairAccessible: wheelchair),
            // Two features without a closed entrance: level 1 (docs/registers.md).
            Prikkelarm: new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: false, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: false),
            SupportOnSite: SupportOnSite.TwentyFourSeven,
            ContractForm: ContractForm.Omklap,
            TargetGroups: [TargetGroup.HuiselijkGeweld, TargetGroup.Jongeren],
            AvailableFrom: new DateOnly(2026, 5, 4));
        var unit = HousingUnit.Post(UnitId, OwnerId, "NML", description, Now);
        if (!isAvailable) unit.Reserve(Now);

        var seen = MatchUnit.From(unit);

        Assert.Equal(UnitId, seen.Id);
        Assert.Equal(OwnerId, seen.OwnerId);
        Assert.Equal("NML", seen.RegionCode);
        Assert.Equal("GM0983", seen.Gemeente);
        Assert.Equal(isAvailable, seen.IsAvailable);
        Assert.Equal(UnitType.Eengezinswoning, seen.UnitType);
        Assert.Equal(3, seen.Bedrooms);
        Assert.Equal(5, seen.MaxOccupants);
        Assert.Equal(734.56m, seen.BasicRent);
        Assert.Equal(groundFloor, seen.GroundFloorOrLift);
        Assert.Equal(wheelchair, seen.WheelchairAccessible);
        Assert.Equal(1, seen.PrikkelarmLevel);
        Assert.Equal(SupportOnSite.TwentyFourSeven, seen.SupportOnSite);
        Assert.Equal([TargetGroup.Jongeren, TargetGroup.HuiselijkGeweld], seen.TargetGroups);
        Assert.Equal(new DateOnly(2026, 5, 4), seen.AvailableFrom);
    }

    /// <summary>Guards the rows above: two flags that are equal in every row could be swapped unnoticed.</summary>
    [Fact]
    public void TheFlagRowsTellEveryPairOfFlagsApart()
    {
        AssertColumnsDiffer(CandidateFlags);
        AssertColumnsDiffer(UnitFlags);
    }

    private static void AssertColumnsDiffer(IEnumerable<object[]> rows)
    {
        var table = rows.Select(r => r.Cast<bool>().ToArray()).ToList();
        Assert.NotEmpty(table);
        var width = table[0].Length;
        for (var i = 0; i < width; i++)
        {
            for (var j = i + 1; j < width; j++)
            {
                Assert.True(table.Any(row => row[i] != row[j]), $"flags {i} and {j} are equal in every row");
            }
        }
    }
}
