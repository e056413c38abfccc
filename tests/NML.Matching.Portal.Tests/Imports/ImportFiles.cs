using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace NML.Matching.Portal.Tests.Imports;

/// <summary>
/// The files a provider or a corporation uploads in the import tests, made here with the Open XML SDK and by hand (not
/// with the app's writer): a waiting list or units in the template's columns (docs/portal.md, "Importeren en
/// exporteren"), with whatever cells a test puts in.
/// </summary>
public static class ImportFiles
{
    /// <summary>The waiting list's required columns (docs/portal.md, the template's table).</summary>
    public static readonly string[] Header =
    [
        "Cliëntreferentie", "Herkomstgemeente", "Huidige woonsituatie", "Leeftijdscategorie", "Volwassenen", "Maximale huur",
        "Begeleidingsbehoefte", "Begeleiding gegarandeerd", "Behoefte aan prikkelarm wonen", "Uitstroom-gereed sinds",
    ];

    /// <summary>A valid row: text where the template has text, a number for the rent and a date cell (Excel's day number) for the date.</summary>
    public static object[] ValidRow(string reference) =>
        [reference, "GM0983", "BeschermdWonen", "27-49", 1, 650.5m, "Midden", "ja", "Geen", new DateOnly(2026, 3, 1)];

    /// <summary>The units template's required columns and two optional ones (docs/portal.md, "Importeren: woningen"; docs/registers.md §2.1).</summary>
    public static readonly string[] UnitHeader =
    [
        "Referentie", "Gemeente", "Postcode", "Woningtype", "Slaapkamers", "Maximale bezetting", "Kale huur", "Ondersteuning ter plaatse",
        "Contractvorm", "Beschikbaar per", "Gelijkvloers of lift", "Rolstoeltoegankelijk",
    ];

    /// <summary>A valid unit: a number cell for the rent and a date cell for the date.</summary>
    public static object[] ValidUnit(string reference) =>
        [reference, "GM0983", "5921 AB", "Appartement", 1, 2, 725.5m, "Nabij", "Regulier", new DateOnly(2026, 4, 1), "ja", "nee"];

    /// <summary>A cell that holds a formula, with the value Excel stored for it.</summary>
    public sealed record Formula(string Expression, string CachedValue);

    public static byte[] Xlsx(IEnumerable<object[]> rows, string[]? header = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            worksheet.Worksheet = new Worksheet(data);
            uint number = 1;
            foreach (var row in new[] { (header ?? Header).Cast<object>().ToArray() }.Concat(rows))
            {
                var r = new Row { RowIndex = number };
                for (var i = 0; i < row.Length; i++)
                {
                    var cell = row[i] switch
                    {
                        string s => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
                        int n => new Cell { CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture)) },
                        decimal m => new Cell { CellValue = new CellValue(m.ToString(CultureInfo.InvariantCulture)) },
                        DateOnly d => new Cell { CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)) },
                        Formula f => new Cell { CellFormula = new CellFormula(f.Expression), CellValue = new CellValue(f.CachedValue) },
                        _ => throw new ArgumentException("Unknown cell"),
                    };
                    cell.CellReference = $"{(char)('A' + i)}{number}";
                    r.AppendChild(cell);
                }
                data.AppendChild(r);
                number++;
            }
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = "Wachtlijst" }));
        }
        return stream.ToArray();
    }

    /// <summary>A CSV as Dutch Excel writes it: <c>;</c> between fields, a decimal comma, dates as d-m-jjjj, CRLF.</summary>
    public static string DutchCsv(IEnumerable<object[]> rows, string[]? header = null) =>
        string.Join("\r\n", new[] { (header ?? Header).Cast<object>().ToArray() }.Concat(rows).Select(r => string.Join(';', r.Select(c => c switch
        {
            decimal m => m.ToString(CultureInfo.InvariantCulture).Replace('.', ','),
            DateOnly d => d.ToString("d-M-yyyy", CultureInfo.InvariantCulture),
            _ => Convert.ToString(c, CultureInfo.InvariantCulture),
        })))) + "\r\n";

    /// <summary>A Word document (a zip with word/document.xml, no workbook).</summary>
    public static byte[] WordDocument()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open(), Encoding.UTF8))
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open(), Encoding.UTF8))
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Wachtlijst</w:t></w:r></w:p></w:body></w:document>");
        }
        return stream.ToArray();
    }

    /// <summary>A Dutch CSV as bytes: UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" saves it.</summary>
    public static byte[] Utf8(string csv) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv)];
}

/// <summary>What a person does on an import page (/clienten/importeren, /woningen/importeren): upload, and see a file refused.</summary>
public static class ImportPage
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task UploadAsync(IPage page, string name, string type, byte[] content)
    {
        await page.GetByLabel("Bestand", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = name, MimeType = type, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bestand controleren" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 60_000 });
    }

    /// <summary>The file is refused as a whole: the message in the error summary, the field marked, no check shown.</summary>
    public static async Task ExpectRefusalAsync(IPage page, string text)
    {
        await Assertions.Expect(page.Locator(".portal-error-summary")).ToContainTextAsync(text);
        await Assertions.Expect(page.GetByLabel("Bestand", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#controle")).ToHaveCountAsync(0);
    }

    /// <summary>The refused rows' table as text: row, reference, column, message.</summary>
    public static async Task<string[][]> RefusedRowsAsync(IPage page) =>
        await page.Locator("#afgekeurde-rijen tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => Array.from(r.cells).map(c => c.textContent.trim()))");

    public static async Task ConfirmAsync(IPage page, bool allOrNothing = false)
    {
        if (allOrNothing) await page.GetByLabel("Alles of niets").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();
    }
}
