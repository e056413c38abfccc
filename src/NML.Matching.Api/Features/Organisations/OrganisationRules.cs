using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Organisations;

/// <summary>The fields shared by creating and changing an organisation.</summary>
public interface IOrganisationFields
{
    string? Name { get; }
    OrganisationType? Type { get; }
    string? RegionCode { get; }
    string? GemeenteCode { get; }
    string? PointCode { get; }
    IReadOnlyList<string>? Werkgebied { get; }
}

/// <summary>Shape rules (validator) and reference rules (against the region data) for organisation fields.</summary>
public static class OrganisationRules
{
    public const int MaxWerkgebied = 100;

    public sealed class FieldsValidator : AbstractValidator<IOrganisationFields>
    {
        public FieldsValidator()
        {
            RuleFor(o => o.Name).NotEmpty().MaximumLength(200).OverridePropertyName("name");
            RuleFor(o => o.Type).NotNull().IsInEnum().OverridePropertyName("type");
            RuleFor(o => o.RegionCode).NotEmpty().MaximumLength(16).OverridePropertyName("regionCode");
            RuleFor(o => o.GemeenteCode)
                .NotEmpty().WithMessage("A Gemeente organisation needs the gemeenteCode it speaks for.")
                .When(o => o.Type == OrganisationType.Gemeente).OverridePropertyName("gemeenteCode");
            RuleFor(o => o.GemeenteCode)
                .Null().WithMessage("Only a Gemeente organisation has a gemeenteCode.")
                .When(o => o.Type is not null and not OrganisationType.Gemeente).OverridePropertyName("gemeenteCode");
            RuleFor(o => o.GemeenteCode).Must(GemeenteCode.IsWellFormed).When(o => o.GemeenteCode is not null)
                .WithMessage("A gemeente code looks like GM0983.").OverridePropertyName("gemeenteCode");
            RuleFor(o => o.Werkgebied)
                .NotEmpty().WithMessage("Corporations and care providers need a werkgebied: the gemeente codes they work in.")
                .When(o => o.Type is OrganisationType.Corporatie or OrganisationType.Zorgaanbieder).OverridePropertyName("werkgebied");
            RuleFor(o => o.Werkgebied!.Count).LessThanOrEqualTo(MaxWerkgebied).When(o => o.Werkgebied is not null).OverridePropertyName("werkgebied");
            RuleForEach(o => o.Werkgebied).Must(GemeenteCode.IsWellFormed).WithMessage("A gemeente code looks like GM0983.").OverridePropertyName("werkgebied");
            RuleFor(o => o.PointCode)
                .Null().WithMessage("Only a Matchingspunt runs a point.")
                .When(o => o.Type is not null and not OrganisationType.Matchingspunt).OverridePropertyName("pointCode");
            RuleFor(o => o.PointCode).MaximumLength(32).OverridePropertyName("pointCode");
        }
    }

    /// <summary>
    /// Checks that the region, point and municipalities exist and that the municipalities lie in the region.
    /// Returns the point code in the region's own spelling (or null when none is given).
    /// </summary>
    public static async Task<Result<string?>> CheckReferencesAsync(MatchingDbContext db, IOrganisationFields fields, CancellationToken cancellationToken)
    {
        var regionCode = fields.RegionCode!.Trim().ToUpperInvariant();
        var region = await db.Regions.AsNoTracking().FirstOrDefaultAsync(r => r.Code == regionCode, cancellationToken);
        if (region is null) return Error.Invalid("regionCode", "unknown-region", $"There is no region '{fields.RegionCode}'.");
        if (fields.PointCode is not null && region.FindPoint(fields.PointCode) is null)
            return Error.Invalid("pointCode", "unknown-point", $"Region {region.Code} has no point '{fields.PointCode}'.");

        var codes = (fields.Werkgebied ?? []).Select(GemeenteCode.Normalize).ToList();
        if (fields.GemeenteCode is not null) codes.Add(GemeenteCode.Normalize(fields.GemeenteCode));
        var known = await db.Gemeenten.AsNoTracking().Where(g => codes.Contains(g.Code))
            .ToDictionaryAsync(g => g.Code, g => g.RegionCode, cancellationToken);

        if (fields.GemeenteCode is not null)
        {
            var code = GemeenteCode.Normalize(fields.GemeenteCode);
            if (!known.TryGetValue(code, out var gemeenteRegion)) return Error.Invalid("gemeenteCode", "unknown-gemeente", $"There is no gemeente '{code}'.");
            if (gemeenteRegion != region.Code) return Error.Invalid("gemeenteCode", "gemeente-outside-region", $"{code} is not in region {region.Code}.");
        }
        for (var i = 0; i < (fields.Werkgebied?.Count ?? 0); i++)
        {
            var code = GemeenteCode.Normalize(fields.Werkgebied![i]);
            if (!known.TryGetValue(code, out var gemeenteRegion)) return Error.Invalid($"werkgebied[{i}]", "unknown-gemeente", $"There is no gemeente '{code}'.");
            if (gemeenteRegion != region.Code) return Error.Invalid($"werkgebied[{i}]", "gemeente-outside-region", $"{code} is not in region {region.Code}.");
        }
        return region.FindPoint(fields.PointCode ?? string.Empty)?.Code;
    }
}
