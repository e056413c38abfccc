using NML.Matching.Api.Features.Imports;
using NML.Matching.Api.Infrastructure.Spreadsheets;

namespace NML.Matching.Api.Portal.Pages.Imports;

/// <summary>The templates of the import pages, as an Excel workbook and as a Dutch CSV, for a signed-in person.</summary>
public static class ImportEndpoints
{
    public const string CandidatesPage = "/clienten/importeren";
    public const string CandidatesTemplateXlsx = "/clienten/importeren/sjabloon.xlsx";
    public const string CandidatesTemplateCsv = "/clienten/importeren/sjabloon.csv";

    public static IEndpointRouteBuilder MapImportTemplates(this IEndpointRouteBuilder app)
    {
        app.MapGet(CandidatesTemplateXlsx, () => Results.File(CandidateImportTemplate.Xlsx(), XlsxWriter.ContentType, "sjabloon-wachtlijst.xlsx"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        app.MapGet(CandidatesTemplateCsv, () => Results.File(CandidateImportTemplate.Csv(), "text/csv; charset=utf-8", "sjabloon-wachtlijst.csv"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }
}
