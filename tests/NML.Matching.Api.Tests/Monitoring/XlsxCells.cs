using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>The cells of a workbook's first sheet as Excel stores them: the text or number, and whether it is a number cell.</summary>
public static class XlsxCells
{
    public static List<List<(string Text, bool Number)>> Read(byte[] workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = part.Workbook.Sheets!.Elements<Sheet>().First();
        var worksheet = (WorksheetPart)part.GetPartById(sheet.Id!);
        var rows = new List<List<(string, bool)>>();
        foreach (var row in worksheet.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
        {
            var cells = new List<(string, bool)>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (cells.Count < column) cells.Add((string.Empty, false));
                var type = cell.DataType?.Value;
                if (type == CellValues.InlineString) cells.Add((cell.InlineString!.InnerText, false));
                else if (type == CellValues.SharedString) cells.Add((shared[int.Parse(cell.CellValue!.Text)], false));
                else if (type is null || type == CellValues.Number) cells.Add((cell.CellValue!.Text, true));
                else cells.Add((cell.CellValue?.Text ?? string.Empty, false));
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsAsciiLetter).Aggregate(0, (index, c) => (index * 26) + (c - 'A' + 1)) - 1;
}
