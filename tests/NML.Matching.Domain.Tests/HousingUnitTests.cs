using NML.Matching.Domain.Common;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Tests;

public sealed class HousingUnitTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static UnitDescription Description(
        string postcode = "5921 AB",
        string gemeente = "GM0983",
        UnitAccessibility? accessibility = null,
        PrikkelarmFeatures? prikkelarm = null) => new(
            Reference: "  VEN-001  ",
            GemeenteCode: gemeente,
            Kern: "  Blerick  ",
            Postcode: postcode,
            HouseNumber: " 12a ",
            UnitType: UnitType.Appartement,
            Bedrooms: 1,
            MaxOccupants: 2,
            FloorArea: 45m,
            BasicRent: 600m,
            ServiceCosts: 40m,
            Accessibility: accessibility ?? new UnitAccessibility(GroundFloorOrLift: false, WheelchairAccessible: false),
            Prikkelarm: prikkelarm ?? PrikkelarmFeatures.None,
            SupportOnSite: SupportOnSite.Nearby,
            ContractForm: ContractForm.Regulier,
            TargetGroups: [TargetGroup.HousingFirst, TargetGroup.Jongeren, TargetGroup.HousingFirst],
            AvailableFrom: Today.AddDays(14));

    private static HousingUnit Post(UnitDescription? description = null) =>
        HousingUnit.Post(Guid.NewGuid(), Guid.NewGuid(), "NML", description ?? Description(), Now);

    private static void AssertWithdrawnConflict(Action action)
    {
        var violation = Assert.Throws<DomainRuleViolation>(action);
        Assert.Equal(DomainRuleKind.StateConflict, violation.Kind);
        Assert.Equal("unit-withdrawn", violation.Code);
    }

    [Fact]
    public void APostedUnitIsAvailable()
    {
        var unit = Post();

        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Null(unit.WithdrawnAt);
        Assert.Equal(Now, unit.CreatedAt);
        Assert.Equal(Now, unit.UpdatedAt);
    }

    [Fact]
    public void PostingDerivesThePrikkelarmLevelFromTheFeatures()
    {
        var features = new PrikkelarmFeatures(OwnFrontDoor: true, NoSharedStairwell: true, NoDirectNeighbours: false, QuietStreet: true, EdgeOfNeighbourhood: false);

        var unit = Post(Description(prikkelarm: features));

        Assert.Equal(features, unit.Prikkelarm);
        Assert.Equal(2, unit.PrikkelarmLevel);
        Assert.Equal(0, Post().PrikkelarmLevel);
    }

    [Fact]
    public void ChangingTheFeaturesDerivesTheLevelAgain()
    {
        var unit = Post();

        unit.Change("NML", Description(prikkelarm: new PrikkelarmFeatures(true, true, true, true, true)), Now.AddHours(1));

        Assert.Equal(3, unit.PrikkelarmLevel);
    }

    [Theory]
    [InlineData("5921ab")]
    [InlineData(" 5921 ab ")]
    public void ThePostcodeIsNormalised(string postcode) =>
        Assert.Equal("5921 AB", Post(Description(postcode: postcode)).Postcode);

    [Theory]
    [InlineData("0921 AB")]
    [InlineData("5921 SA")]
    [InlineData("ABCD 12")]
    public void AnInvalidPostcodeIsRefused(string postcode)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => Post(Description(postcode: postcode)));

        Assert.Equal("postcode", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
    }

    [Fact]
    public void TheOtherFactsAreNormalised()
    {
        var unit = Post(Description(gemeente: " gm0983 "));

        Assert.Equal("GM0983", unit.GemeenteCode);
        Assert.Equal("VEN-001", unit.Reference);
        Assert.Equal("Blerick", unit.Kern);
        Assert.Equal("12A", unit.HouseNumber);
        Assert.Equal([TargetGroup.Jongeren, TargetGroup.HousingFirst], unit.TargetGroups);
    }

    [Fact]
    public void AWheelchairAccessibleUnitWithoutGroundFloorOrLiftIsRefused()
    {
        var violation = Assert.Throws<DomainRuleViolation>(() =>
            Post(Description(accessibility: new UnitAccessibility(GroundFloorOrLift: false, WheelchairAccessible: true))));

        Assert.Equal("accessibility.groundFloorOrLift", violation.Field);
        Assert.Equal(DomainRuleKind.InvalidInput, violation.Kind);
    }

    [Fact]
    public void AWheelchairAccessibleUnitOnTheGroundFloorIsAccepted()
    {
        var access = new UnitAccessibility(GroundFloorOrLift: true, WheelchairAccessible: true);

        Assert.Equal(access, Post(Description(accessibility: access)).Accessibility);
    }

    [Fact]
    public void AnAvailableUnitCanBeWithdrawn()
    {
        var unit = Post();
        var later = Now.AddHours(1);

        unit.Withdraw("  verhuurd buiten de regeling  ", later);

        Assert.Equal(UnitStatus.Withdrawn, unit.Status);
        Assert.Equal(later, unit.WithdrawnAt);
        Assert.Equal(later, unit.UpdatedAt);
        Assert.Equal("verhuurd buiten de regeling", unit.WithdrawReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AUnitCanBeWithdrawnWithoutAReason(string? reason)
    {
        var unit = Post();

        unit.Withdraw(reason, Now);

        Assert.Equal(UnitStatus.Withdrawn, unit.Status);
        Assert.Null(unit.WithdrawReason);
    }

    [Fact]
    public void AWithdrawnUnitCannotBeWithdrawnAgainOrChanged()
    {
        var unit = Post();
        unit.Withdraw("weg", Now);

        AssertWithdrawnConflict(() => unit.Withdraw("nogmaals", Now.AddHours(1)));
        AssertWithdrawnConflict(() => unit.Change("NML", Description(), Now.AddHours(1)));
        Assert.Equal(Now, unit.UpdatedAt);
        Assert.Equal("weg", unit.WithdrawReason);
    }

    [Fact]
    public void AChangeAppliesTheNewDescriptionAndMovesTheUpdateTime()
    {
        var unit = Post();
        var later = Now.AddDays(1);

        unit.Change("LBG", Description(postcode: "6211ab", gemeente: "gm0935"), later);

        Assert.Equal("LBG", unit.RegionCode);
        Assert.Equal("6211 AB", unit.Postcode);
        Assert.Equal("GM0935", unit.GemeenteCode);
        Assert.Equal(UnitStatus.Available, unit.Status);
        Assert.Equal(Now, unit.CreatedAt);
        Assert.Equal(later, unit.UpdatedAt);
    }

    [Fact]
    public void ARefusedChangeLeavesTheUnitAsItWas()
    {
        var unit = Post();

        Assert.Throws<DomainRuleViolation>(() => unit.Change("OTHER", Description(postcode: "0000 XX"), Now.AddDays(1)));

        Assert.Equal("NML", unit.RegionCode);
        Assert.Equal("5921 AB", unit.Postcode);
    }
}
