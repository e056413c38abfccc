using Mediator;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Infrastructure.Spreadsheets;
using NML.Matching.Api.Portal.Pages.Units;

namespace NML.Matching.Api.Portal.Pages.Placements;

/// <summary>
/// The download of the placements list (/plaatsingen) as Excel or Dutch CSV: the same ListTenancies as the page, for
/// the signed-in person's scope (TenancyAccess). These are records the API shows in full, not counts: the monitoring's
/// small-number rule is for aggregates and does not apply (see docs/decisions.md, the gemeente's D-NEXT).
/// </summary>
public static class PlacementEndpoints
{
    public const string ExportPath = "/plaatsingen/export";

    public static readonly string[] Header =
    [
        "Ingangsdatum", "Gemeente van de woning", "Herkomst", "Contractvorm", "Omklap gepland op", "Omgeklapt op",
        "Nazorg 3 maanden", "Nazorg 6 maanden", "Nazorg 12 maanden",
    ];

    public static IEndpointRouteBuilder MapPlacementPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, async (IMediator mediator, ICallerAccessor callers, HttpContext http, CancellationToken cancellationToken, string? format = null, string? dialect = null) =>
            {
                var table = new CsvTable(Header);
                for (var page = 1; ; page++)
                {
                    var list = await mediator.Send(new ListTenancies.Query(null, null, null, page, Paging.MaxPageSize), cancellationToken);
                    foreach (var t in list.Items)
                        table.Add(t.StartDate, t.UnitGemeenteCode, PlacementWords.Herkomst(t, callers.Caller), UnitWords.Contract(t.ContractForm), t.OmklapDueDate, t.OmklapDate,
                            FollowUp(t, 3), FollowUp(t, 6), FollowUp(t, 12));
                    if (page * list.PageSize >= list.Total) break;
                }
                http.Response.Headers.CacheControl = "no-store";
                return format == "xlsx"
                    ? Results.File(table.ToXlsx("Plaatsingen"), XlsxWriter.ContentType, "nml-plaatsingen.xlsx")
                    : Results.File(table.ToBytes(dialect == "rfc4180" ? CsvDialect.Rfc4180 : CsvDialect.ExcelNl), "text/csv; charset=utf-8", "nml-plaatsingen.csv");
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static string FollowUp(TenancyDto t, int month) =>
        t.FollowUps.FirstOrDefault(f => f.Month == month) is { } f ? PlacementWords.FollowUp(f) : "–";
}
