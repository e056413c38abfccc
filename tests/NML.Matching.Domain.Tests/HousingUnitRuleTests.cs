using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;
using static NML.Matching.Domain.Tests.RuleViolations;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// The unit's status in the match workflow (docs/architecture.md, "Units/HousingUnit": Available to Reserved, back
/// to Available, Reserved to Let, nothing sets a Let unit back), with the codes of docs/api.md, "Errors", and the
/// storage rules of docs/registers.md.
/// </summary>
public sealed class HousingUnitRuleTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static UnitDescription Description(string? kern = "Blerick", string? houseNumber = "12a", string postcode = "5921 AB", UnitAccessibility? accessibility = null) => new(
        Reference: "VEN-001",
        GemeenteCode: "GM0983",
        Kern: kern,
        Postcode: postcode,
        HouseNumber: houseNumber,
        UnitType: UnitType.Appartement,
        Bedrooms: 1,
        MaxOccupants: 2,
        FloorArea: 45m,
        BasicRent: 600m,
        ServiceCosts: 40m,
        Accessibility: accessibility ?? new UnitAccessibility(GroundFloorOrLift: false, WheelchairAccessible: false),
        Prikkelarm: PrikkelarmFeatures.None,
        SupportOnSite: SupportOnSite.Nearby,
        ContractForm: ContractForm.Regulier,
        TargetGroups: [],
        AvailableFrom: Today);

    private static HousingUnit Available() => HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", Description(), Now);

    [Fact]
    public void AReservedUnitIsReleasedToAvailableOrLet()
    {
        var released = Available();
        released.Reserve(Now.AddHours(1));
        Assert.Equal(UnitStatus.Reserved, released.Status);
        Assert.Equal(Now.AddHours(1), released.UpdatedAt);
        released.Release(Now.AddHours(2));
        Assert.Equal(UnitStatus.Available, released.Status);
        Assert.Equal(Now.AddHours(2), released.UpdatedAt);

        var let = Available();
        let.Reserve(Now);
        let.MarkLet(Now.AddHours(3));
        Assert.Equal(UnitStatus.Let, let.Status);
        Assert.Equal(Now.AddHours(3), let.UpdatedAt);
    }

    /// <summary>docs/api.md: "409 unit-not-reservable: POST /matches for a unit that is not Available, for example one in another active match".</summary>
    [Fact]
    public void OnlyAnAvailableUnitCanBeReserved()
    {
        var reserved = Available();
        reserved.Reserve(Now);

        AssertStateConflict(() => reserved.Reserve(Now), "unit-not-reservable");
        Assert.Equal(UnitStatus.Reserved, reserved.Status);
    }

    /// <summary>docs/api.md lists unit-not-reserved (409) among the backstop codes: release and letting need a reservation.</summary>
    [Fact]
    public void OnlyAReservedUnitCanBeReleasedOrLet()
    {
        var available = Available();

        AssertStateConflict(() => available.Release(Now), "unit-not-reserved");
        AssertStateConflict(() => available.MarkLet(Now), "unit-not-reserved");
        Assert.Equal(UnitStatus.Available, available.Status);
    }

    [Fact]
    public void NothingSetsALetUnitBack()
    {
        var let = Available();
        let.Reserve(Now);
        let.MarkLet(Now);

        AssertStateConflict(() => let.Release(Now), "unit-not-reserved");
        AssertStateConflict(() => let.Reserve(Now), "unit-not-reservable");
        Assert.Equal(UnitStatus.Let, let.Status);
    }

    /// <summary>docs/api.md: "409 unit-not-withdrawable: withdraw on a Reserved unit ... or a Let one".</summary>
    [Fact]
    public void AReservedOrLetUnitCannotBeWithdrawn()
    {
        var reserved = Available();
        reserved.Reserve(Now);
        var let = Available();
        let.Reserve(Now);
        let.MarkLet(Now);

        AssertStateConflict(() => reserved.Withdraw(null, Now), "unit-not-withdrawable");
        AssertStateConflict(() => let.Withdraw(null, Now), "unit-not-withdrawable");
        Assert.Null(reserved.WithdrawnAt);
    }

    /// <summary>docs/api.md: "409 unit-withdrawn: PUT or withdraw on a withdrawn unit".</summary>
    [Fact]
    public void AWithdrawnUnitRefusesAChange()
    {
        var unit = Available();
        unit.Withdraw(null, Now);

        AssertStateConflict(() => unit.Change("NML", Description(), Now), "unit-withdrawn");
        AssertStateConflict(() => unit.Withdraw(null, Now), "unit-withdrawn");
    }

    /// <summary>docs/registers.md, kern and houseNumber: "Trimmed. Blank becomes null" (house numbers also upper-cased).</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ABlankKernOrHouseNumberBecomesNull(string? blank)
    {
        var unit = HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", Description(kern: blank, houseNumber: blank), Now);

        Assert.Null(unit.Kern);
        Assert.Null(unit.HouseNumber);
    }

    [Fact]
    public void AKernAndHouseNumberAreTrimmedAndTheHouseNumberUpperCased()
    {
        var unit = HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", Description(kern: "  Tegelen ", houseNumber: " 7b "), Now);

        Assert.Equal("Tegelen", unit.Kern);
        Assert.Equal("7B", unit.HouseNumber);
    }

    /// <summary>The backstop codes of docs/api.md for the unit's facts, each on its field (docs/registers.md).</summary>
    [Fact]
    public void BadFactsNameTheirField()
    {
        AssertInvalidInput(() => HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", Description(postcode: "0123 AB"), Now), "invalid-postcode", "postcode");
        AssertInvalidInput(
            () => HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", Description(accessibility: new UnitAccessibility(GroundFloorOrLift: false, WheelchairAccessible: true)), Now),
            "wheelchair-needs-step-free", "accessibility.groundFloorOrLift");
    }

    /// <summary>docs/registers.md, the prikkelarm level table: the level follows from its features; no features give level 0.</summary>
    [Fact]
    public void AUnitWithoutPrikkelarmFeaturesHasNone()
    {
        var none = PrikkelarmFeatures.None;

        Assert.False(none.OwnFrontDoor);
        Assert.False(none.NoSharedStairwell);
        Assert.False(none.NoDirectNeighbours);
        Assert.False(none.QuietStreet);
        Assert.False(none.EdgeOfNeighbourhood);
        Assert.Equal(0, Available().PrikkelarmLevel);
    }
}
