using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Infrastructure.Spreadsheets;

/// <summary>
/// Writes a table as an Excel workbook (.xlsx, one sheet) with the Open XML SDK: the header row in bold and frozen,
/// numbers as numbers, dates as dates (shown as dd-mm-jjjj), text as text. Text is always a text cell, never a
/// formula, so nothing in it runs when the file is opened. A <see cref="SmallCount"/> is its number when shown and the
/// text <c>&lt;5</c> or <c>x</c> when the small-number rule hides it, exactly as in the CSV.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint DateStyle = 1;
    private const uint HeaderStyle = 2;

    /// <summary>The workbook of one sheet named <paramref name="sheetName"/> (at most 31 characters are kept).</summary>
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var views = new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { TabSelected = true, WorkbookViewId = 0 });
            worksheetPart.Worksheet = new Worksheet(views, data);

            uint rowIndex = 1;
            data.AppendChild(Row(rowIndex++, header.Cast<object?>().ToList(), HeaderStyle));
            foreach (var row in rows) data.AppendChild(Row(rowIndex++, row, null));

            var name = new string([.. sheetName.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet
            {
                Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = name.Length > 31 ? name[..31] : name,
            }));
        }
        return stream.ToArray();
    }

    /// <summary>The letters of a 0-based column: A, B, ..., Z, AA, ...</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + ((i - 1) % 26)) + name;
        return name;
    }

    private static Row Row(uint rowIndex, IReadOnlyList<object?> cells, uint? style)
    {
        var row = new Row { RowIndex = rowIndex };
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = Cell(cells[i]);
            if (cell is null) continue;
            cell.CellReference = ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
            if (style is not null) cell.StyleIndex = style;
            row.AppendChild(cell);
        }
        return row;
    }

    private static Cell? Cell(object? value) => value switch
    {
        null => null,
        string s => Text(s),
        SmallCount { Hidden: true } c => Text(c.ToString()),
        SmallCount c => Number(c.Value.ToString(CultureInfo.InvariantCulture)),
        int i => Number(i.ToString(CultureInfo.InvariantCulture)),
        long l => Number(l.ToString(CultureInfo.InvariantCulture)),
        double d when double.IsFinite(d) => Number(d.ToString("R", CultureInfo.InvariantCulture)),
        double => null,
        decimal m => Number(m.ToString(CultureInfo.InvariantCulture)),
        DateOnly date => Number(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), DateStyle),
        bool b => Text(b ? "ja" : "nee"),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static Cell Text(string text) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Number(string invariant, uint? style = null)
    {
        var cell = new Cell { DataType = CellValues.Number, CellValue = new CellValue(invariant) };
        if (style is not null) cell.StyleIndex = style;
        return cell;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd-mm-yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 3 });
}
