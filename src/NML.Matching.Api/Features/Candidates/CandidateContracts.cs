using System.ComponentModel.DataAnnotations;
using FluentValidation;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

/// <summary>A candidate as the API shows it to its provider, the gemeente, the Matchingspunt and Admin.</summary>
public sealed record CandidateDto(
    Guid Id,
    Guid ProviderOrganisationId,
    string RegionCode,
    string ExternalReference,
    string HerkomstGemeenteCode,
    CurrentSetting CurrentSetting,
    AgeBand AgeBand,
    Household Household,
    int RequiredBedrooms,
    decimal MaxRent,
    AccessibilityNeeds Accessibility,
    SupportNeed SupportNeed,
    bool Needs24x7Nearby,
    int? SupportHoursPerWeek,
    bool SupportGuaranteed,
    PrikkelarmNeed PrikkelarmNeed,
    IReadOnlyList<string> PreferredGemeenten,
    IReadOnlyList<string> ExcludedGemeenten,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly ReadySince,
    bool Urgent,
    UrgencyReason? UrgencyReason,
    CandidateStatus Status,
    DateOnly? ParkedUntil,
    string? ParkReason,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    public static CandidateDto From(Candidate c, DateOnly today) => new(
        c.Id, c.ProviderOrganisationId, c.RegionCode, c.ExternalReference, c.HerkomstGemeenteCode, c.CurrentSetting, c.AgeBand,
        c.Household, c.RequiredBedrooms, c.MaxRent, c.Accessibility, c.SupportNeed, c.Needs24x7Nearby, c.SupportHoursPerWeek,
        c.SupportGuaranteed, c.PrikkelarmNeed, [.. c.PreferredGemeenten], [.. c.ExcludedGemeenten], [.. c.TargetGroups],
        c.ReadySince, c.Urgent, c.UrgencyReason, c.StatusOn(today), c.ParkedUntil, c.ParkReason, c.WithdrawnAt, c.WithdrawReason,
        c.CreatedAt, c.UpdatedAt, c.Version);
}

/// <summary>Household composition in a request.</summary>
public sealed record HouseholdRequest([property: Required] int? Adults, int? Children);

/// <summary>Accessibility needs in a request; both default to false.</summary>
public sealed record AccessibilityNeedsRequest(bool? NeedsGroundFloorOrLift, bool? NeedsWheelchairAccess);

/// <summary>
/// The registrable facts of a candidate (POST and PUT). The owner is the care provider of the API key.
/// Defaults when omitted: <c>requiredBedrooms</c> from the household, accessibility needs false,
/// <c>needs24x7Nearby</c> and <c>urgent</c> false, the lists empty.
/// </summary>
public sealed record CandidateRequest(
    [property: Required] string? ExternalReference,
    [property: Required] string? HerkomstGemeenteCode,
    [property: Required] CurrentSetting? CurrentSetting,
    [property: Required] AgeBand? AgeBand,
    [property: Required] HouseholdRequest? Household,
    int? RequiredBedrooms,
    [property: Required] decimal? MaxRent,
    AccessibilityNeedsRequest? Accessibility,
    [property: Required] SupportNeed? SupportNeed,
    bool? Needs24x7Nearby,
    int? SupportHoursPerWeek,
    [property: Required] bool? SupportGuaranteed,
    [property: Required] PrikkelarmNeed? PrikkelarmNeed,
    IReadOnlyList<string>? PreferredGemeenten,
    IReadOnlyList<string>? ExcludedGemeenten,
    IReadOnlyList<TargetGroup>? TargetGroups,
    [property: Required] DateOnly? ReadySince,
    bool? Urgent,
    UrgencyReason? UrgencyReason)
{
    public const int MaxPreferred = 5;
    public const int MaxExcluded = 20;

    /// <summary>Only call after validation: every required value is present.</summary>
    public CandidateProfile ToProfile() => new(
        ExternalReference!.Trim(), HerkomstGemeenteCode!, CurrentSetting!.Value, AgeBand!.Value,
        new Household(Household!.Adults!.Value, Household.Children ?? 0), RequiredBedrooms, MaxRent!.Value,
        new AccessibilityNeeds(Accessibility?.NeedsGroundFloorOrLift ?? false, Accessibility?.NeedsWheelchairAccess ?? false),
        SupportNeed!.Value, Needs24x7Nearby ?? false, SupportHoursPerWeek, SupportGuaranteed!.Value, PrikkelarmNeed!.Value,
        PreferredGemeenten ?? [], ExcludedGemeenten ?? [], TargetGroups ?? [], ReadySince!.Value, Urgent ?? false, UrgencyReason);

    /// <summary>Every gemeente code the request names, with the field that names it.</summary>
    public IEnumerable<(string Field, string Code)> GemeenteReferences()
    {
        yield return ("herkomstGemeenteCode", HerkomstGemeenteCode!);
        for (var i = 0; i < (PreferredGemeenten?.Count ?? 0); i++) yield return ($"preferredGemeenten[{i}]", PreferredGemeenten![i]);
        for (var i = 0; i < (ExcludedGemeenten?.Count ?? 0); i++) yield return ($"excludedGemeenten[{i}]", ExcludedGemeenten![i]);
    }

    public sealed class Validator : AbstractValidator<CandidateRequest>
    {
        public Validator()
        {
            RuleFor(r => r.ExternalReference).NotEmpty().MaximumLength(64)
                .Must(v => v is null || (v.Trim().Length > 0 && !v.Any(char.IsControl))).WithMessage("Use 1-64 printable characters.");
            RuleFor(r => r.HerkomstGemeenteCode).NotEmpty().Must(GemeenteCode.IsWellFormed).WithMessage("A gemeente code looks like GM0983.");
            RuleFor(r => r.CurrentSetting).NotNull().IsInEnum();
            RuleFor(r => r.AgeBand).NotNull().IsInEnum();
            RuleFor(r => r.Household).NotNull();
            RuleFor(r => r.Household!.Adults).NotNull().InclusiveBetween(1, 2).When(r => r.Household is not null);
            RuleFor(r => r.Household!.Children).InclusiveBetween(0, 10).When(r => r.Household is not null);
            RuleFor(r => r.RequiredBedrooms).InclusiveBetween(0, 6);
            RuleFor(r => r.MaxRent).NotNull().GreaterThan(0).LessThanOrEqualTo(2500).PrecisionScale(6, 2, ignoreTrailingZeros: true);
            RuleFor(r => r.SupportNeed).NotNull().IsInEnum();
            RuleFor(r => r.Needs24x7Nearby).Must((r, v) => v != true || r.SupportNeed == Domain.Candidates.SupportNeed.Intensief)
                .WithMessage("needs24x7Nearby can only be true with supportNeed Intensief.");
            RuleFor(r => r.SupportHoursPerWeek).InclusiveBetween(0, 40);
            RuleFor(r => r.SupportGuaranteed).NotNull().WithMessage("Confirm whether ambulant support continues after the move (supportGuaranteed).");
            RuleFor(r => r.PrikkelarmNeed).NotNull().IsInEnum();
            RuleFor(r => r.PreferredGemeenten).Must(l => l is null || l.Count <= MaxPreferred).WithMessage($"At most {MaxPreferred} preferred municipalities.")
                .Must(l => l is null || l.Select(GemeenteCode.Normalize).Distinct().Count() == l.Count).WithMessage("Each municipality appears once.");
            RuleForEach(r => r.PreferredGemeenten).NotEmpty().Must(GemeenteCode.IsWellFormed).WithMessage("A gemeente code looks like GM0983.");
            RuleFor(r => r.ExcludedGemeenten).Must(l => l is null || l.Count <= MaxExcluded).WithMessage($"At most {MaxExcluded} excluded municipalities.")
                .Must((r, l) => l is null || r.PreferredGemeenten is null || !l.Select(GemeenteCode.Normalize).Intersect(r.PreferredGemeenten.Select(GemeenteCode.Normalize)).Any())
                .WithMessage("A municipality cannot be both preferred and excluded.");
            RuleForEach(r => r.ExcludedGemeenten).NotEmpty().Must(GemeenteCode.IsWellFormed).WithMessage("A gemeente code looks like GM0983.");
            RuleFor(r => r.TargetGroups).Must(l => l is null || l.Count <= 6).WithMessage("At most 6 target groups.");
            RuleForEach(r => r.TargetGroups).IsInEnum();
            RuleFor(r => r.ReadySince).NotNull()
                .Must(d => d is null || (d.Value.Year >= 2000 && d.Value.Year <= 2100)).WithMessage("readySince must be a plausible date.");
            RuleFor(r => r.UrgencyReason).NotNull().When(r => r.Urgent == true).WithMessage("An urgent candidate needs an urgencyReason.");
            RuleFor(r => r.UrgencyReason).Null().When(r => r.Urgent != true).WithMessage("urgencyReason only goes with urgent: true.");
            RuleFor(r => r.UrgencyReason).IsInEnum();
        }
    }
}
