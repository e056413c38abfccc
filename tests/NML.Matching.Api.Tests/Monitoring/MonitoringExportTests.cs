using System.Net;
using System.Text;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>The CSV export of the <see cref="MonitoringDataset"/> in both dialects.</summary>
public sealed class MonitoringExportTests(MonitoringDataset data) : IClassFixture<MonitoringDataset>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private async Task<(HttpResponseMessage Response, byte[] Bytes, string[] Lines)> ExportAsync(string key, string query)
    {
        var response = await data.WithKey(key).GetAsync($"/api/v1/monitoring/export?{query}&{MonitoringDataset.Period}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith(Bom) ? 3 : 0));
        return (response, bytes, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task TheDefaultCsvOpensInDutchExcelWithSemicolonsADecimalCommaAndAByteOrderMark()
    {
        var (response, bytes, lines) = await ExportAsync(data.Matchingspunt, "report=spreiding&format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        Assert.True(bytes.AsSpan().StartsWith(Bom));
        Assert.Equal("Gemeentecode;Gemeente;Punt;Plaatsingen;Eerlijk aandeel;Verwacht;Verhouding;Spreidingsindex", lines[0]);
        var venlo = lines.Single(l => l.StartsWith("GM0983;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(("Venlo", "Noord", "6"), (venlo[1], venlo[2], venlo[3]));
        Assert.Matches(@"^0,\d+$", venlo[4]);
        Assert.Matches(@"^\d+,\d+$", venlo[5]);
        Assert.Contains(lines, l => l.StartsWith("NML;Totaal;;9;1;;;0,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRfc4180DialectUsesCommasADecimalPointAndQuotesWhereNeeded()
    {
        var (response, bytes, lines) = await ExportAsync(data.Matchingspunt, "report=spreiding&format=csv&dialect=rfc4180");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(bytes.AsSpan().StartsWith(Bom));
        Assert.Equal("Gemeentecode,Gemeente,Punt,Plaatsingen,Eerlijk aandeel,Verwacht,Verhouding,Spreidingsindex", lines[0]);
        var venlo = lines.Single(l => l.StartsWith("GM0983,", StringComparison.Ordinal)).Split(',');
        Assert.Matches(@"^0\.\d+$", venlo[4]);
        // "Bergen (L.)" needs no quotes; the summary's reason labels hold no commas either, but a header with one would be quoted.
        Assert.Contains(lines, l => l.StartsWith("GM0893,Bergen (L.),Noord,0,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSummaryCsvCarriesTheSameNumbersAsTheJsonWithSmallNumbersHidden()
    {
        var (_, _, mp) = await ExportAsync(data.Matchingspunt, "report=summary&format=csv");
        var (_, _, venlo) = await ExportAsync(data.Venlo, "report=summary&format=csv");

        Assert.Equal("Onderdeel;Kenmerk;Waarde", mp[0]);
        Assert.Contains("Wachtrij;Totaal;7", mp);
        Assert.Contains("Wachtrij per gemeente;Roermond;2", mp);
        Assert.Contains("Wachtrij per gemeente;Roermond;<5", venlo);
        Assert.Contains("Wachttijd;90e percentiel (dagen);211,4", mp);
        Assert.Contains("Wachttijd per kwartaal;2026-Q1 mediaan (dagen);104,5", mp);
        Assert.Contains("Wachttijd per kwartaal;2026-Q1 mediaan (dagen);", venlo);
        Assert.Contains("Duurzame uitstroom;6 maanden: aandeel;0,5", mp);
    }

    [Fact]
    public async Task SupplyAndAgreementsExportInDutchColumns()
    {
        var (_, _, supply) = await ExportAsync(data.Matchingspunt, "report=supply");
        var (_, _, agreements) = await ExportAsync(data.Venlo, "report=agreements&format=csv");

        Assert.Equal("Gemeentecode;Gemeente;Eigenaar;Aangeboden;Verhuurd;Ingetrokken;Nu beschikbaar;Mediaan dagen tot verhuur", supply[0]);
        Assert.Contains("GM0983;Venlo;Wonen Maas;10;6;1;3;46,5", supply);
        Assert.Equal("Corporatie;Gemeentecode;Gemeente;Jaar;Doel (woningen);Gerealiseerd;Percentage;Verwacht tot nu;Status;Toelichting", agreements[0]);
        Assert.Equal("Wonen Maas;GM0983;Venlo;2026;10;6;60;7,5;Achter;Afspraak", Assert.Single(agreements.Skip(1)));
    }

    [Fact]
    public async Task TheExcelExportHasDutchHeadersRealNumbersAndTheSameHiddenCountsAsTheCsv()
    {
        var spreiding = await data.WithKey(data.Matchingspunt).GetAsync($"/api/v1/monitoring/export?report=spreiding&format=xlsx&{MonitoringDataset.Period}");
        var mp = await data.WithKey(data.Matchingspunt).GetAsync($"/api/v1/monitoring/export?report=summary&format=xlsx&{MonitoringDataset.Period}");
        var venlo = await data.WithKey(data.Venlo).GetAsync($"/api/v1/monitoring/export?report=summary&format=xlsx&{MonitoringDataset.Period}");

        Assert.Equal(HttpStatusCode.OK, spreiding.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", spreiding.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", spreiding.Content.Headers.ContentDisposition!.FileNameStar ?? spreiding.Content.Headers.ContentDisposition.FileName);
        var rows = XlsxCells.Read(await spreiding.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Gemeentecode", "Gemeente", "Punt", "Plaatsingen", "Eerlijk aandeel", "Verwacht", "Verhouding", "Spreidingsindex"], rows[0].Select(c => c.Text));
        Assert.All(rows[0], c => Assert.False(c.Number));
        // The same figures as the CSV (Venlo: 6 placements; the region's total 9 with an eerlijk aandeel of 1), as numbers.
        var venloRow = rows.Single(r => r[0].Text == "GM0983");
        Assert.Equal(("Venlo", false), (venloRow[1].Text, venloRow[1].Number));
        Assert.Equal(("6", true), (venloRow[3].Text, venloRow[3].Number));
        Assert.True(venloRow[4].Number);
        Assert.InRange(double.Parse(venloRow[4].Text, System.Globalization.CultureInfo.InvariantCulture), 0, 1);
        var total = rows.Single(r => r[1].Text == "Totaal");
        Assert.Equal(("9", true), (total[3].Text, total[3].Number));

        var mpRows = XlsxCells.Read(await mp.Content.ReadAsByteArrayAsync());
        var venloRows = XlsxCells.Read(await venlo.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Onderdeel", "Kenmerk", "Waarde"], mpRows[0].Select(c => c.Text));
        Assert.Equal(("7", true), Value(mpRows, "Wachtrij", "Totaal"));
        Assert.Equal(("2", true), Value(mpRows, "Wachtrij per gemeente", "Roermond"));
        // The small-number rule as in the CSV: a municipality sees "<5" as text, never the number.
        Assert.Equal(("<5", false), Value(venloRows, "Wachtrij per gemeente", "Roermond"));
        Assert.Equal(("211.4", true), Value(mpRows, "Wachttijd", "90e percentiel (dagen)"));

        static (string, bool) Value(List<List<(string Text, bool Number)>> rows, string part, string label) =>
            rows.Where(r => r.Count >= 3 && r[0].Text == part && r[1].Text == label).Select(r => (r[2].Text, r[2].Number)).Single();
    }

    [Theory]
    [InlineData("report=everything", "report")]
    [InlineData("format=csv", "report")]
    [InlineData("report=summary&format=pdf", "format")]
    [InlineData("report=summary&dialect=tsv", "dialect")]
    [InlineData("report=summary&gemeente=Venlo", "gemeente")]
    public async Task ABadExportRequestIsABadRequestNamingTheField(string query, string field) =>
        await OrganisationTests.AssertBadRequestNaming(await data.WithKey(data.Matchingspunt).GetAsync($"/api/v1/monitoring/export?{query}"), field);

    [Fact]
    public async Task TheExportFollowsTheSameScopeAsTheJson()
    {
        var other = await data.WithKey(data.Venlo).GetAsync("/api/v1/monitoring/export?report=summary&gemeente=GM0957");
        var agreements = await data.WithKey(data.Provider).GetAsync("/api/v1/monitoring/export?report=agreements");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agreements.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await data.Anonymous().GetAsync("/api/v1/monitoring/export?report=summary")).StatusCode);
    }
}
