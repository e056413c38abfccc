using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NML.Matching.Api.Infrastructure.Spreadsheets;

/// <summary>One cell as read: its text (a number in invariant notation, as the file stores it) and whether a formula made it.</summary>
public readonly record struct SheetCell(string Text, bool Formula);

/// <summary>A data row with its row number in the file (the header is row 1) and its cells by column header.</summary>
public sealed record SheetRow(int Number, IReadOnlyDictionary<string, SheetCell> Cells);

/// <summary>The header and the data rows of the first sheet of a workbook or of a CSV file; or why the file is refused.</summary>
public sealed record SheetReadResult(IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows, string? Refusal)
{
    public static SheetReadResult Refused(string message) => new([], [], message);
}

/// <summary>
/// Reads an uploaded spreadsheet: an Excel workbook (.xlsx, with the Open XML SDK) or a CSV file (with CsvHelper: UTF-8,
/// with or without byte-order mark, fields separated by <c>;</c> as Dutch Excel writes them or by <c>,</c> as RFC 4180
/// says). A formula is never evaluated: its cell gives the value the file stored with it, marked as a formula.
/// Refused, with a Dutch message for the person: a file over <see cref="MaxBytes"/>, more than <see cref="MaxRows"/>
/// data rows, anything that is not a workbook or a CSV file (such as a Word document renamed to .xlsx), a CSV file that
/// is not UTF-8, and an empty file.
/// </summary>
public static class SpreadsheetReader
{
    public const int MaxRows = 5_000;
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>What a workbook may unpack to: far more than 5,000 rows need, far less than a zip bomb.</summary>
    private const long MaxUnpackedBytes = 100L * 1024 * 1024;

    public const string TooLarge = "Het bestand is groter dan 5 MiB. Splits het in kleinere bestanden.";
    public const string TooManyRows = "Het bestand heeft meer dan 5.000 rijen. Splits het in bestanden van ten hoogste 5.000 rijen.";
    public const string NotASpreadsheet = "Dit bestand is geen Excel-werkmap (.xlsx) en geen CSV-bestand. Gebruik het sjabloon en sla het op als .xlsx of .csv.";
    public const string NotUtf8 = "Het CSV-bestand is niet in UTF-8 opgeslagen, zodat letters als ë of é verkeerd zouden overkomen. Kies in Excel 'Opslaan als' en dan 'CSV UTF-8 (door komma's gescheiden)', of lever een .xlsx aan.";
    public const string Empty = "Het bestand is leeg: er staat geen kopregel met kolomnamen in.";

    public static SheetReadResult Read(byte[] content, string fileName)
    {
        if (content.LongLength > MaxBytes) return SheetReadResult.Refused(TooLarge);
        if (content.Length == 0) return SheetReadResult.Refused(Empty);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        return extension switch
        {
            ".xlsx" when isZip => ReadWorkbook(content),
            ".csv" when !isZip && !content.Contains((byte)0) => ReadCsv(content),
            _ => SheetReadResult.Refused(NotASpreadsheet),
        };
    }

    private static SheetReadResult ReadWorkbook(byte[] content)
    {
        try
        {
            // The package itself first: a workbook has xl/workbook.xml (a Word document has word/document.xml), and
            // what it unpacks to is bounded before anything is parsed.
            using (var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read))
            {
                if (zip.GetEntry("xl/workbook.xml") is null) return SheetReadResult.Refused(NotASpreadsheet);
                if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes) return SheetReadResult.Refused(TooLarge);
            }
            using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
            var workbookPart = document.WorkbookPart;
            var sheet = workbookPart?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbookPart is null || sheet?.Id?.Value is not { } sheetId) return SheetReadResult.Refused(NotASpreadsheet);
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var worksheet = (WorksheetPart)workbookPart.GetPartById(sheetId);

            List<string>? header = null;
            var rows = new List<SheetRow>();
            var count = 0;
            foreach (var row in worksheet.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
            {
                var number = (int)(row.RowIndex?.Value ?? (uint)(count + 1));
                count++;
                var cells = new Dictionary<int, SheetCell>();
                var column = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column;
                    cells[column] = new SheetCell(ValueOf(cell, shared), cell.CellFormula is not null);
                    column++;
                }
                if (header is null)
                {
                    if (cells.Values.All(c => string.IsNullOrWhiteSpace(c.Text))) continue;
                    var width = cells.Keys.Max() + 1;
                    header = [.. Enumerable.Range(0, width).Select(i => cells.TryGetValue(i, out var c) ? c.Text.Trim() : string.Empty)];
                    continue;
                }
                if (cells.Values.All(c => string.IsNullOrWhiteSpace(c.Text))) continue;
                if (rows.Count == MaxRows) return SheetReadResult.Refused(TooManyRows);
                rows.Add(new SheetRow(number, ByHeader(header, cells)));
            }
            return header is null ? SheetReadResult.Refused(Empty) : new SheetReadResult(header, rows, null);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException or IOException)
        {
            return SheetReadResult.Refused(NotASpreadsheet);
        }
    }

    private static string ValueOf(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? string.Empty;
        var raw = cell.CellValue?.Text ?? string.Empty;
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : string.Empty;
        if (cell.DataType?.Value == CellValues.Boolean) return raw == "1" ? "ja" : "nee";
        return raw;
    }

    /// <summary>The 0-based column of a reference such as <c>AB12</c>.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static Dictionary<string, SheetCell> ByHeader(List<string> header, Dictionary<int, SheetCell> cells)
    {
        var byHeader = new Dictionary<string, SheetCell>(StringComparer.OrdinalIgnoreCase);
        foreach (var (column, cell) in cells)
            if (column < header.Count && header[column].Length > 0) byHeader.TryAdd(header[column], cell);
        return byHeader;
    }

    private static SheetReadResult ReadCsv(byte[] content)
    {
        string text;
        try
        {
            var start = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return SheetReadResult.Refused(NotUtf8);
        }
        var lineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = lineEnd >= 0 ? text[..lineEnd] : text;
        var separator = firstLine.Count(c => c == ';') >= firstLine.Count(c => c == ',') && firstLine.Contains(';') ? ';' : ',';
        try
        {
            using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = separator, HasHeader = false });
            List<string>? header = null;
            var rows = new List<SheetRow>();
            var number = 0;
            while (reader.Read())
            {
                number++;
                var record = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                if (header is null)
                {
                    header = [.. record.Select(h => h.Trim())];
                    continue;
                }
                if (rows.Count == MaxRows) return SheetReadResult.Refused(TooManyRows);
                var cells = record.Select((value, column) => (value, column)).ToDictionary(c => c.column, c => new SheetCell(c.value, false));
                rows.Add(new SheetRow(number, ByHeader(header, cells)));
            }
            return header is null ? SheetReadResult.Refused(Empty) : new SheetReadResult(header, rows, null);
        }
        catch (CsvFormatException)
        {
            return SheetReadResult.Refused(NotASpreadsheet);
        }
    }
}
