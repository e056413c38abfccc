using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
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
        app.MapListExport(ExportPath, "plaatsingen", "Plaatsingen", async (_, caller, mediator, _, cancellationToken) =>
        {
            var tenancies = await ListExport.AllAsync((page, size) => mediator.Send(new ListTenancies.Query(null, null, null, page, size), cancellationToken));
            var table = new CsvTable(Header);
            foreach (var t in tenancies)
                table.Add(t.StartDate, t.UnitGemeenteCode, PlacementWords.Herkomst(t, caller), UnitWords.Contract(t.ContractForm), t.OmklapDueDate, t.OmklapDate,
                    FollowUp(t, 3), FollowUp(t, 6), FollowUp(t, 12));
            return table;
        });
        return app;
    }

    private static string FollowUp(TenancyDto t, int month) =>
        t.FollowUps.FirstOrDefault(f => f.Month == month) is { } f ? PlacementWords.FollowUp(f) : "–";
}
