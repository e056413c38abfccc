using System.Linq.Expressions;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Units;

/// <summary>The facts of a unit that its owner sends on POST and PUT.</summary>
public sealed record UnitDescription(
    string Reference,
    string GemeenteCode,
    string? Kern,
    string Postcode,
    string? HouseNumber,
    UnitType UnitType,
    int Bedrooms,
    int MaxOccupants,
    decimal? FloorArea,
    decimal BasicRent,
    decimal ServiceCosts,
    UnitAccessibility Accessibility,
    PrikkelarmFeatures Prikkelarm,
    SupportOnSite SupportOnSite,
    ContractForm ContractForm,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly AvailableFrom);

/// <summary>A home offered for uitstroom by a corporation or a care provider (aanbod).</summary>
public sealed class HousingUnit
{
    private HousingUnit()
    {
        Reference = GemeenteCode = Postcode = RegionCode = string.Empty;
        Accessibility = new UnitAccessibility(false, false);
        Prikkelarm = PrikkelarmFeatures.None;
        TargetGroups = [];
    }

    public Guid Id { get; private set; }
    public Guid OwnerOrganisationId { get; private set; }
    public string RegionCode { get; private set; }
    public string Reference { get; private set; }
    public string GemeenteCode { get; private set; }
    public string? Kern { get; private set; }
    public string Postcode { get; private set; }
    public string? HouseNumber { get; private set; }
    public UnitType UnitType { get; private set; }
    public int Bedrooms { get; private set; }
    public int MaxOccupants { get; private set; }
    public decimal? FloorArea { get; private set; }
    public decimal BasicRent { get; private set; }
    public decimal ServiceCosts { get; private set; }
    public UnitAccessibility Accessibility { get; private set; }
    public PrikkelarmFeatures Prikkelarm { get; private set; }

    /// <summary>Derived from <see cref="Prikkelarm"/> (stored so that lists can filter on it).</summary>
    public int PrikkelarmLevel { get; private set; }

    public SupportOnSite SupportOnSite { get; private set; }
    public ContractForm ContractForm { get; private set; }
    public List<TargetGroup> TargetGroups { get; private set; }
    public DateOnly AvailableFrom { get; private set; }
    public UnitStatus Status { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>
    /// On offer: posted and neither let nor withdrawn (Available or Reserved). As a query predicate; <see cref="IsOnOffer"/>
    /// is the same rule on one unit.
    /// </summary>
    public static readonly Expression<Func<HousingUnit, bool>> OnOffer = u => u.Status != UnitStatus.Withdrawn && u.Status != UnitStatus.Let;

    private static readonly Func<HousingUnit, bool> IsOnOfferRule = OnOffer.Compile();

    /// <summary>On offer: see <see cref="OnOffer"/>.</summary>
    public bool IsOnOffer => IsOnOfferRule(this);

    public static HousingUnit Post(Guid id, Guid ownerOrganisationId, string regionCode, UnitDescription description, DateTimeOffset now)
    {
        var unit = new HousingUnit
        {
            Id = id,
            OwnerOrganisationId = ownerOrganisationId,
            RegionCode = regionCode,
            Status = UnitStatus.Available,
            CreatedAt = now,
            UpdatedAt = now,
        };
        unit.Apply(description);
        return unit;
    }

    public void Change(string regionCode, UnitDescription description, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        Apply(description);
        RegionCode = regionCode;
        UpdatedAt = now;
    }

    /// <summary>A match was proposed for this unit: it is Reserved until the match ends. Only an Available unit.</summary>
    public void Reserve(DateTimeOffset now)
    {
        if (Status != UnitStatus.Available)
            throw new DomainRuleViolation("unit-not-reservable", $"Only an Available unit can be reserved; this one is {Status}.", kind: DomainRuleKind.StateConflict);
        Status = UnitStatus.Reserved;
        UpdatedAt = now;
    }

    /// <summary>The match ended without a lease: the unit is Available again.</summary>
    public void Release(DateTimeOffset now)
    {
        if (Status != UnitStatus.Reserved)
            throw new DomainRuleViolation("unit-not-reserved", $"Only a Reserved unit can be released; this one is {Status}.", kind: DomainRuleKind.StateConflict);
        Status = UnitStatus.Available;
        UpdatedAt = now;
    }

    /// <summary>The lease is signed: the unit is Let.</summary>
    public void MarkLet(DateTimeOffset now)
    {
        if (Status != UnitStatus.Reserved)
            throw new DomainRuleViolation("unit-not-reserved", $"Only a Reserved unit can be let; this one is {Status}.", kind: DomainRuleKind.StateConflict);
        Status = UnitStatus.Let;
        UpdatedAt = now;
    }

    /// <summary>Takes the unit off the market. Only an available unit can be withdrawn.</summary>
    public void Withdraw(string? reason, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (Status != UnitStatus.Available)
            throw new DomainRuleViolation("unit-not-withdrawable", $"A {Status} unit cannot be withdrawn; end its match first.", kind: DomainRuleKind.StateConflict);
        Status = UnitStatus.Withdrawn;
        WithdrawnAt = now;
        WithdrawReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        UpdatedAt = now;
    }

    private void EnsureNotWithdrawn()
    {
        if (Status == UnitStatus.Withdrawn) throw new DomainRuleViolation("unit-withdrawn", "A withdrawn unit cannot be changed.", kind: DomainRuleKind.StateConflict);
    }

    private void Apply(UnitDescription d)
    {
        var postcode = Units.Postcode.Normalize(d.Postcode)
            ?? throw new DomainRuleViolation("invalid-postcode", "A Dutch postcode looks like 1234 AB.", "postcode");
        if (d.Accessibility.WheelchairAccessible && !d.Accessibility.GroundFloorOrLift)
            throw new DomainRuleViolation("wheelchair-needs-step-free", "A wheelchair-accessible unit is on the ground floor or has a lift.", "accessibility.groundFloorOrLift");
        Reference = d.Reference.Trim();
        GemeenteCode = Regions.GemeenteCode.Normalize(d.GemeenteCode);
        Kern = string.IsNullOrWhiteSpace(d.Kern) ? null : d.Kern.Trim();
        Postcode = postcode;
        HouseNumber = string.IsNullOrWhiteSpace(d.HouseNumber) ? null : d.HouseNumber.Trim().ToUpperInvariant();
        UnitType = d.UnitType;
        Bedrooms = d.Bedrooms;
        MaxOccupants = d.MaxOccupants;
        FloorArea = d.FloorArea;
        BasicRent = d.BasicRent;
        ServiceCosts = d.ServiceCosts;
        Accessibility = d.Accessibility;
        Prikkelarm = d.Prikkelarm;
        PrikkelarmLevel = d.Prikkelarm.Level();
        SupportOnSite = d.SupportOnSite;
        ContractForm = d.ContractForm;
        TargetGroups = [.. d.TargetGroups.Distinct().Order()];
        AvailableFrom = d.AvailableFrom;
    }
}
