using System.Globalization;

namespace NML.Matching.Api.Infrastructure.Csv;

/// <summary>
/// The two CSV dialects of the export. <see cref="ExcelNl"/> is what Dutch Excel opens with a double click: UTF-8 with
/// a byte-order mark, <c>;</c> between fields and a decimal comma. <see cref="Rfc4180"/> is for tools: commas, a
/// decimal point and no byte-order mark. Both end lines with CRLF and quote as RFC 4180 says.
/// </summary>
public sealed record CsvDialect(string Name, char Separator, NumberFormatInfo Numbers, bool ByteOrderMark)
{
    public static readonly CsvDialect ExcelNl = new("excel-nl", ';', new NumberFormatInfo { NumberDecimalSeparator = ",", NegativeSign = "-" }, true);
    public static readonly CsvDialect Rfc4180 = new("rfc4180", ',', NumberFormatInfo.InvariantInfo, false);
}
