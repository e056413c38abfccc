using System.Text;
using NML.Matching.Api.Infrastructure.Csv;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Tests.Monitoring;

public sealed class CsvTableTests
{
    private static string Text(CsvTable table, CsvDialect dialect) => Encoding.UTF8.GetString(table.ToBytes(dialect)).TrimStart('\uFEFF');

    [Fact]
    public void FieldsWithTheSeparatorAQuoteOrANewlineAreQuotedWithQuotesDoubled()
    {
        var table = new CsvTable("a", "b").Add("x;y", "zeg \"hoi\"").Add("regel\neen", 1.5);

        Assert.Equal("a;b\r\n\"x;y\";\"zeg \"\"hoi\"\"\"\r\n\"regel\neen\";1,5\r\n", Text(table, CsvDialect.ExcelNl));
        Assert.Equal("a,b\r\nx;y,\"zeg \"\"hoi\"\"\"\r\n\"regel\neen\",1.5\r\n", Text(table, CsvDialect.Rfc4180));
    }

    [Theory]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+31", "'+31")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("Gewoon", "Gewoon")]
    public void TextThatASpreadsheetWouldRunAsAFormulaIsDefused(string text, string written) =>
        Assert.Equal($"t\r\n{written}\r\n", Text(new CsvTable("t").Add(text), CsvDialect.ExcelNl));

    [Fact]
    public void NumbersNullsDatesAndSmallCountsAreWrittenPlainly()
    {
        var table = new CsvTable("n", "d", "leeg", "datum", "klein", "groot").Add(-3, 0.125, null, new DateOnly(2026, 1, 2), SmallCount.Of(3, true), SmallCount.Of(12, true));

        Assert.Equal("n;d;leeg;datum;klein;groot\r\n-3;0,125;;2026-01-02;<5;12\r\n", Text(table, CsvDialect.ExcelNl));
    }

    [Fact]
    public void OnlyTheExcelDialectStartsWithAByteOrderMark()
    {
        var table = new CsvTable("a");

        Assert.Equal([0xEF, 0xBB, 0xBF], table.ToBytes(CsvDialect.ExcelNl)[..3]);
        Assert.Equal((byte)'a', table.ToBytes(CsvDialect.Rfc4180)[0]);
    }
}
