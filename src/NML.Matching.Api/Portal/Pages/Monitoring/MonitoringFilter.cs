using FluentValidation.Results;
using Microsoft.AspNetCore.WebUtilities;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Portal.Forms;

namespace NML.Matching.Api.Portal.Pages.Monitoring;

/// <summary>
/// The monitoring page's filters, from its query string under the API's own names (<c>regionCode</c>, <c>point</c>,
/// <c>gemeente</c>, <c>from</c>, <c>to</c>), so that the page, its CSV links and the API take the same filters. Empty is
/// none. A municipality's person who has not chosen (no <c>gemeente</c> in the query at all) gets their own
/// municipality: a municipality follows its own residents (docs/monitoring.md); "hele regio" sends it empty.
/// </summary>
public sealed record MonitoringFilter(string? RegionCode, string? Point, string? Gemeente, string? From, string? To)
{
    public const string RegionField = "regionCode";
    public const string PointField = "point";
    public const string GemeenteField = "gemeente";
    public const string FromField = "from";
    public const string ToField = "to";

    public static MonitoringFilter FromQuery(IQueryCollection query, Caller caller)
    {
        string? Value(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        var gemeente = query.ContainsKey(GemeenteField) || caller.Role != Roles.Gemeente ? Value(GemeenteField) : caller.GemeenteCode;
        return new MonitoringFilter(Value(RegionField), Value(PointField), gemeente, Value(FromField), Value(ToField));
    }

    /// <summary>The address of a CSV export of <paramref name="report"/> for these filters.</summary>
    public string ExportUrl(string report) => QueryHelpers.AddQueryString(MonitoringEndpoints.ExportPath, [new("report", report), .. Parameters()]);

    /// <summary>The same download as an Excel workbook (.xlsx).</summary>
    public string ExportXlsxUrl(string report) =>
        QueryHelpers.AddQueryString(MonitoringEndpoints.ExportPath, [new("report", report), new("format", "xlsx"), .. Parameters()]);

    /// <summary>These filters as a query string (empty ones left out), such as <c>?regionCode=NML&amp;from=2026-01-01&amp;to=2026-12-31</c>.</summary>
    public string QueryString() => QueryHelpers.AddQueryString("", Parameters());

    private IEnumerable<KeyValuePair<string, string?>> Parameters() =>
        new KeyValuePair<string, string?>[] { new(RegionField, RegionCode), new(PointField, Point), new(GemeenteField, Gemeente), new(FromField, From), new(ToField, To) }
            .Where(p => p.Value is not null);

    /// <summary>The validator's refusals, each under its field, in Dutch.</summary>
    public static FormErrors ErrorsOf(IEnumerable<ValidationFailure> failures)
    {
        var errors = new FormErrors();
        foreach (var failure in failures)
        {
            var field = failure.PropertyName;
            errors.Add(field switch { FromField or ToField or GemeenteField or PointField => field, _ => RegionField }, field switch
            {
                FromField or ToField => "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-01-31.",
                GemeenteField => "Kies een gemeente uit de lijst.",
                PointField => "Kies een punt uit de lijst.",
                _ => "Kies een regio uit de lijst.",
            });
        }
        return errors;
    }

    /// <summary>A handler's refusal (a filter it cannot use, or figures the person may not see), under its field, in Dutch.</summary>
    public FormErrors ErrorsOf(Error error, Caller caller)
    {
        var errors = new FormErrors();
        switch (error.Code)
        {
            case "invalid-period":
                errors.Add(FromField, "De begindatum ligt na de einddatum.");
                break;
            case "period-too-long":
                errors.Add(FromField, $"Een periode is ten hoogste {Features.Monitoring.MonitoringScope.MaxYears} jaar.");
                break;
            case "unknown-gemeente":
                errors.Add(GemeenteField, "Kies een gemeente uit de lijst.");
                break;
            case "gemeente-not-in-point":
                errors.Add(GemeenteField, "Deze gemeente hoort niet bij het gekozen punt. Kies een gemeente van het punt of alle punten.");
                break;
            case "unknown-point":
                errors.Add(PointField, "Kies een punt uit de lijst.");
                break;
            case "monitoring-scope" when RegionCode is not null && !caller.IsAdmin && !string.Equals(RegionCode, caller.RegionCode, StringComparison.OrdinalIgnoreCase):
                errors.Add(RegionField, "U ziet de cijfers van uw eigen regio. Kies uw regio.");
                break;
            case "monitoring-scope" when caller.Role == Roles.Gemeente:
                errors.Add(GemeenteField, "Als gemeente ziet u de cijfers van uw eigen inwoners en die van de hele regio. Kies uw eigen gemeente of de hele regio.");
                break;
            case "monitoring-scope":
                errors.Add(GemeenteField, "U ziet de cijfers van de hele regio. Kies de hele regio.");
                break;
            default:
                errors.Add(error.Field is PointField or GemeenteField or FromField or ToField ? error.Field : RegionField, "Kies een regio uit de lijst.");
                break;
        }
        return errors;
    }
}
