using System.Globalization;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Infrastructure.Csv;

/// <summary>A table with a header row, written as CSV in one of the <see cref="CsvDialect"/>s.</summary>
public sealed class CsvTable(params string[] header)
{
    private readonly List<object?[]> _rows = [];

    public IReadOnlyList<string> Header { get; } = header;

    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row: text, whole numbers, doubles, dates, small counts or null (an empty field).</summary>
    public CsvTable Add(params object?[] cells)
    {
        if (cells.Length != Header.Count) throw new ArgumentException($"A row has {Header.Count} fields, not {cells.Length}.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>The same table as an Excel workbook: numbers and dates in real cells, hidden counts as their text.</summary>
    public byte[] ToXlsx(string sheetName) => Spreadsheets.XlsxWriter.Write(sheetName, Header, _rows);

    /// <summary>
    /// The CSV file, written by CsvHelper: the dialect's separator and byte-order mark, CRLF after every record, a field
    /// quoted (its quotes doubled) when it holds the separator, a quote, CR or LF, as RFC 4180 says. The values are
    /// formatted here (<see cref="Format"/>), so that numbers, dates and small counts read the same in both dialects.
    /// </summary>
    public byte[] ToBytes(CsvDialect dialect)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvHelper.CsvWriter.Create(stream, CsvHelper.CsvWriterOptions.Default with
               {
                   Separator = dialect.Separator,
                   WriteByteOrderMark = dialect.ByteOrderMark,
                   NewLine = "\r\n",
               }, leaveOpen: true))
        {
            foreach (var field in Header) writer.WriteField(Format(field, dialect));
            writer.EndRecord();
            foreach (var row in _rows)
            {
                foreach (var cell in row) writer.WriteField(Format(cell, dialect));
                writer.EndRecord();
            }
        }
        return stream.ToArray();
    }

    private static string Format(object? cell, CsvDialect dialect) => cell switch
    {
        null => string.Empty,
        string s => Defuse(s),
        SmallCount c => c.ToString(),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", dialect.Numbers),
        decimal m => m.ToString("0.####", dialect.Numbers),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid g => g.ToString(),
        _ => Defuse(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    /// <summary>
    /// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe
    /// (OWASP's advice against CSV injection); numbers are written by the cases above and never pass here.
    /// </summary>
    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
