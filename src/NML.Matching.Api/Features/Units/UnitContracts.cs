using System.ComponentModel.DataAnnotations;
using FluentValidation;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Units;

/// <summary>A unit as the API shows it.</summary>
public sealed record UnitDto(
    Guid Id,
    Guid OwnerOrganisationId,
    string RegionCode,
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
    int PrikkelarmLevel,
    SupportOnSite SupportOnSite,
    ContractForm ContractForm,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly AvailableFrom,
    UnitStatus Status,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static UnitDto From(HousingUnit u) => new(
        u.Id, u.OwnerOrganisationId, u.RegionCode, u.Reference, u.GemeenteCode, u.Kern, u.Postcode, u.HouseNumber, u.UnitType,
        u.Bedrooms, u.MaxOccupants, u.FloorArea, u.BasicRent, u.ServiceCosts, u.Accessibility, u.Prikkelarm, u.PrikkelarmLevel,
        u.SupportOnSite, u.ContractForm, [.. u.TargetGroups], u.AvailableFrom, u.Status, u.WithdrawnAt, u.WithdrawReason,
        u.CreatedAt, u.UpdatedAt, u.Version);
}

/// <summary>Access features of a unit in a request; both default to false.</summary>
public sealed record UnitAccessibilityRequest(bool? GroundFloorOrLift, bool? WheelchairAccessible);

/// <summary>Low-stimulus features of a unit in a request; each defaults to false.</summary>
public sealed record PrikkelarmRequest(bool? OwnFrontDoor, bool? NoSharedStairwell, bool? NoDirectNeighbours, bool? QuietStreet, bool? EdgeOfNeighbourhood);

/// <summary>
/// The facts of a unit (POST and PUT). The owner is the organisation of the API key; the municipality must be
/// in its werkgebied. Defaults when omitted: serviceCosts 0, accessibility and prikkelarm features false,
/// no target groups (open to all).
/// </summary>
public sealed record UnitRequest(
    [property: Required] string? Reference,
    [property: Required] string? GemeenteCode,
    string? Kern,
    [property: Required] string? Postcode,
    string? HouseNumber,
    [property: Required] UnitType? UnitType,
    [property: Required] int? Bedrooms,
    [property: Required] int? MaxOccupants,
    decimal? FloorArea,
    [property: Required] decimal? BasicRent,
    decimal? ServiceCosts,
    UnitAccessibilityRequest? Accessibility,
    PrikkelarmRequest? Prikkelarm,
    [property: Required] SupportOnSite? SupportOnSite,
    [property: Required] ContractForm? ContractForm,
    IReadOnlyList<TargetGroup>? TargetGroups,
    [property: Required] DateOnly? AvailableFrom)
{
    /// <summary>Only call after validation: every required value is present.</summary>
    public UnitDescription ToDescription() => new(
        Reference!.Trim(), GemeenteCode!, Kern, Postcode!, HouseNumber, UnitType!.Value, Bedrooms!.Value, MaxOccupants!.Value, FloorArea,
        BasicRent!.Value, ServiceCosts ?? 0m,
        new UnitAccessibility(Accessibility?.GroundFloorOrLift ?? false, Accessibility?.WheelchairAccessible ?? false),
        new PrikkelarmFeatures(Prikkelarm?.OwnFrontDoor ?? false, Prikkelarm?.NoSharedStairwell ?? false, Prikkelarm?.NoDirectNeighbours ?? false,
            Prikkelarm?.QuietStreet ?? false, Prikkelarm?.EdgeOfNeighbourhood ?? false),
        SupportOnSite!.Value, ContractForm!.Value, TargetGroups ?? [], AvailableFrom!.Value);

    public sealed class Validator : AbstractValidator<UnitRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Reference).NotEmpty().MaximumLength(64)
                .Must(v => v is null || (v.Trim().Length > 0 && !v.Any(char.IsControl))).WithMessage("Use 1-64 printable characters.");
            RuleFor(r => r.GemeenteCode).NotEmpty().Must(Domain.Regions.GemeenteCode.IsWellFormed).WithMessage("A gemeente code looks like GM0983.");
            RuleFor(r => r.Kern).MaximumLength(100);
            RuleFor(r => r.Postcode).NotEmpty().Must(p => p is null || Domain.Units.Postcode.Normalize(p) is not null)
                .WithMessage("A Dutch postcode looks like 1234 AB.");
            RuleFor(r => r.HouseNumber).MaximumLength(16);
            RuleFor(r => r.UnitType).NotNull().IsInEnum();
            RuleFor(r => r.Bedrooms).NotNull().InclusiveBetween(0, 8);
            RuleFor(r => r.MaxOccupants).NotNull().InclusiveBetween(1, 12);
            RuleFor(r => r.FloorArea).GreaterThan(0).LessThanOrEqualTo(1000).PrecisionScale(7, 2, ignoreTrailingZeros: true);
            RuleFor(r => r.BasicRent).NotNull().GreaterThanOrEqualTo(0).LessThanOrEqualTo(10000).PrecisionScale(8, 2, ignoreTrailingZeros: true);
            RuleFor(r => r.ServiceCosts).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10000).PrecisionScale(8, 2, ignoreTrailingZeros: true);
            RuleFor(r => r.Accessibility!.GroundFloorOrLift).Equal(true)
                .When(r => r.Accessibility?.WheelchairAccessible == true)
                .WithMessage("A wheelchair-accessible unit is on the ground floor or has a lift.");
            RuleFor(r => r.SupportOnSite).NotNull().IsInEnum();
            RuleFor(r => r.ContractForm).NotNull().IsInEnum();
            RuleFor(r => r.TargetGroups).Must(l => l is null || l.Count <= 6).WithMessage("At most 6 target groups.");
            RuleForEach(r => r.TargetGroups).IsInEnum();
            RuleFor(r => r.AvailableFrom).NotNull()
                .Must(d => d is null || (d.Value.Year >= 2000 && d.Value.Year <= 2100)).WithMessage("availableFrom must be a plausible date.");
        }
    }
}
