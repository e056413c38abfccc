using NML.Matching.Api.Features.Imports;
using NML.Matching.Api.Infrastructure.Spreadsheets;

namespace NML.Matching.Api.Portal.Pages.Imports;

/// <summary>The templates of the import pages, as an Excel workbook and as a Dutch CSV, for a signed-in person.</summary>
public static class ImportEndpoints
{
    public const string CandidatesPage = "/clienten/importeren";
    public const string CandidatesTemplateXlsx = "/clienten/importeren/sjabloon.xlsx";
    public const string CandidatesTemplateCsv = "/clienten/importeren/sjabloon.csv";
    public const string UnitsPage = "/woningen/importeren";
    public const string UnitsTemplateXlsx = "/woningen/importeren/sjabloon.xlsx";
    public const string UnitsTemplateCsv = "/woningen/importeren/sjabloon.csv";

    public static IEndpointRouteBuilder MapImportTemplates(this IEndpointRouteBuilder app)
    {
        Map(app, CandidatesTemplateXlsx, CandidatesTemplateCsv, "sjabloon-wachtlijst", CandidateImportTemplate.Xlsx, CandidateImportTemplate.Csv);
        Map(app, UnitsTemplateXlsx, UnitsTemplateCsv, "sjabloon-woningen", UnitImportTemplate.Xlsx, UnitImportTemplate.Csv);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string xlsxPath, string csvPath, string fileName, Func<byte[]> xlsx, Func<byte[]> csv)
    {
        app.MapGet(xlsxPath, () => Results.File(xlsx(), XlsxWriter.ContentType, fileName + ".xlsx"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        app.MapGet(csvPath, () => Results.File(csv(), "text/csv; charset=utf-8", fileName + ".csv"))
            .RequireAuthorization()
            .ExcludeFromDescription();
    }
}
