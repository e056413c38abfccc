using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Api.Portal.Lists;
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
        app.MapListExport(ExportPath, "prestatieafspraken", "Prestatieafspraken", async (query, _, mediator, _, cancellationToken) =>
            {
                int? year = null;
                if (query.Value("jaar") is { } jaar)
                {
                    if (!int.TryParse(jaar, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                        throw new FluentValidation.ValidationException("Unknown jaar.");
                    year = parsed;
                }
                var agreements = await ListExport.AllAsync((page, size) => mediator.Send(new ListPerformanceAgreements.Query(year, null, null, page, size), cancellationToken));
                var table = new CsvTable(Header);
                foreach (var a in agreements)
                    table.Add(a.Year, a.CorporationName, a.GemeenteCode, a.GemeenteName, a.TargetUnits, a.RealisedUnits, a.Percentage, a.ExpectedByNow,
                        AgreementWords.Status(a.Status), a.Note, RegionalDate.DateOf(a.CreatedAt), RegionalDate.DateOf(a.UpdatedAt));
                return table;
            })
            .RequireAuthorization(Policies.AgreementReaders);
        return app;
    }
}
