using System.Globalization;
using FluentValidation;
using NML.Matching.Domain.Regions;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>Checks the shape of the filters; whether the caller may see them is <see cref="MonitoringScope.ResolveAsync"/>'s job.</summary>
public sealed class MonitoringRequestValidator : AbstractValidator<IMonitoringRequest>
{
    public MonitoringRequestValidator()
    {
        RuleFor(r => r.RegionCode).MaximumLength(16).OverridePropertyName("regionCode");
        RuleFor(r => r.Point).MaximumLength(32).OverridePropertyName("point");
        RuleFor(r => r.Gemeente).Must(GemeenteCode.IsWellFormed).When(r => r.Gemeente is not null)
            .WithMessage("A CBS municipality code such as GM0983.").OverridePropertyName("gemeente");
        RuleFor(r => r.From).Must(BeADate).When(r => r.From is not null).WithMessage("A date as yyyy-MM-dd.").OverridePropertyName("from");
        RuleFor(r => r.To).Must(BeADate).When(r => r.To is not null).WithMessage("A date as yyyy-MM-dd.").OverridePropertyName("to");
    }

    public static bool BeADate(string? value) => TryParseDate(value, out _);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
