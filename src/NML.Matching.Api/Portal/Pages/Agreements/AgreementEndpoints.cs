using Mediator;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Portal.Pages.Agreements;

/// <summary>
/// The download of the agreements list (/prestatieafspraken) as Excel or Dutch CSV, for the signed-in person: the same
/// ListPerformanceAgreements as the page (so the same agreements: a corporation its own, a municipality its own), with
/// the page's year filter. Progress is exact for both parties (docs/monitoring.md, D27): no small-number rule here.
/// </summary>
public static class AgreementEndpoints
{
    public const string ExportPath = "/prestatieafspraken/export";

    public static readonly string[] Header =
    [
        "Jaar", "Woningcorporatie", "Gemeentecode", "Gemeente", "Afgesproken woningen", "Verhuurd", "Gerealiseerd (%)",
        "Verwacht tot nu (woningen)", "Stand", "Toelichting", "Vastgelegd op", "Laatst gewijzigd op",
    ];

    public static IEndpointRouteBuilder MapAgreementPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, async (IMediator mediator, HttpContext http, CancellationToken cancellationToken, string? format = null, string? jaar = null, string? dialect = null) =>
            {
                int? year = null;
                if (!string.IsNullOrWhiteSpace(jaar))
                {
                    if (!int.TryParse(jaar.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                        return Results.StatusCode(StatusCodes.Status400BadRequest);
                    year = parsed;
                }
                var table = new CsvTable(Header);
                try
                {
                    for (var page = 1; ; page++)
                    {
                        var list = await mediator.Send(new ListPerformanceAgreements.Query(year, null, null, page, Paging.MaxPageSize), cancellationToken);
                        foreach (var a in list.Items)
                            table.Add(a.Year, a.CorporationName, a.GemeenteCode, a.GemeenteName, a.TargetUnits, a.RealisedUnits, a.Percentage, a.ExpectedByNow,
                                AgreementWords.Status(a.Status), a.Note, RegionalDate.DateOf(a.CreatedAt), RegionalDate.DateOf(a.UpdatedAt));
                        if (page * list.PageSize >= list.Total) break;
                    }
                }
                catch (FluentValidation.ValidationException)
                {
                    return Results.StatusCode(StatusCodes.Status400BadRequest);
                }
                http.Response.Headers.CacheControl = "no-store";
                var name = "nml-prestatieafspraken" + (year is { } y ? $"-{y}" : "");
                return format == "xlsx"
                    ? Results.File(table.ToXlsx("Prestatieafspraken"), XlsxWriter.ContentType, name + ".xlsx")
                    : Results.File(table.ToBytes(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.ExcelNl), "text/csv; charset=utf-8", name + ".csv");
            })
            .RequireAuthorization(Policies.AgreementReaders)
            .ExcludeFromDescription();
        return app;
    }
}
