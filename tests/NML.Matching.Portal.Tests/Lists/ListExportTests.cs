using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Lists;

/// <summary>
/// Every list has an export to Excel beside the Dutch CSV (issue 14), with the list's current filters: real numbers and
/// dates in the workbook's cells, the Dutch column names of docs/registers.md, a CSV separated by <c>;</c> with a
/// decimal comma (docs/portal.md, "Exporteren"). Checked on Mijn woningen, Mijn cliënten and Voordrachten; the pages
/// share one pager (aria-current on the current page), and an export holds only the person's organisation's rows.
/// </summary>
public sealed class ListExportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task MijnWoningenExportsEveryPageWithTheFilterAsNumbersAndDatesInExcelAndAsDutchCsvAndNothingOfAnotherCorporation()
    {
        var (corporation, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var prefix = Payloads.Reference("EX", 8);
        using (var api = portal.WithKey(key))
        {
            for (var i = 1; i <= 26; i++) await api.PostUnitAsync(Payloads.Unit("GM0983", $"{prefix}-{i:00}"));
            await api.PostUnitAsync(Payloads.Unit("GM0983", Payloads.Reference("ANDERS-", 14)));
        }
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, "/woningen");

        // 27 units, 25 a page: the shared pager, the current page marked.
        var paging = page.GetByRole(AriaRole.Navigation, new() { Name = "Paginering" });
        await Assertions.Expect(paging).ToContainTextAsync("Pagina 1 van 2");
        await Assertions.Expect(paging.Locator("[aria-current=page]")).ToHaveTextAsync("1");
        await paging.GetByRole(AriaRole.Link, new() { Name = "Volgende pagina" }).ClickAsync();
        await Assertions.Expect(paging.Locator("[aria-current=page]")).ToHaveTextAsync("2");

        await page.GotoAsync($"/woningen?referentie={prefix}&pagina=2");
        await session.AssertAccessibleAsync();
        var xlsx = await DownloadAsync(page, "Excel (.xlsx)");
        var rows = Rows(xlsx);

        // The headers in the words of docs/registers.md §2.1; the 26 units of the filter, from both pages.
        Assert.Equal(["Referentie", "Gemeente", "Kern", "Postcode", "Huisnummer", "Woningtype", "Slaapkamers", "Maximale bezetting", "Woonoppervlak",
            "Kale huur", "Servicekosten"], rows.Header.Take(11));
        Assert.Contains("Beschikbaar per", rows.Header);
        Assert.Equal(26, rows.Data.Count);
        Assert.All(rows.Data, r => Assert.StartsWith(prefix + "-", r["Referentie"].Text, StringComparison.Ordinal));
        var first = rows.Data[0];
        Assert.True(first["Kale huur"].Number, "kale huur is a number cell");
        Assert.Equal(598.12m, decimal.Parse(first["Kale huur"].Text, CultureInfo.InvariantCulture));
        Assert.True(first["Slaapkamers"].Number);
        Assert.Equal("1", first["Slaapkamers"].Text);
        Assert.True(first["Beschikbaar per"].Date, "beschikbaar per is a date cell");
        Assert.Equal(new DateOnly(2026, 4, 1), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(first["Beschikbaar per"].Text, CultureInfo.InvariantCulture))));
        Assert.False(first["Referentie"].Number);

        var csv = Encoding.UTF8.GetString(await DownloadAsync(page, "CSV"));
        Assert.StartsWith("\uFEFFReferentie;Gemeente;Kern;Postcode;Huisnummer;Woningtype;Slaapkamers;Maximale bezetting;Woonoppervlak;Kale huur;Servicekosten;", csv, StringComparison.Ordinal);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(27, lines.Length);
        Assert.Contains(";598,12;", lines[1], StringComparison.Ordinal);
        Assert.Contains(";2026-04-01;", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("ANDERS-", StringComparison.Ordinal));

        // Another corporation's export: its own (none), not these.
        var (other, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var stranger = await portal.CreatePersonAsync(other);
        await using var second = await portal.OpenAsync();
        await second.Page.SignInAsync(stranger, "/woningen");
        var theirs = await second.Page.Context.APIRequest.GetAsync($"/woningen/export?referentie={prefix}&format=csv", new() { Timeout = 30_000 });
        Assert.Equal(200, theirs.Status);
        var theirLines = Encoding.UTF8.GetString(await theirs.BodyAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(theirLines);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task MijnClientenExportsTheFilteredClientsWithTheReadyDateAsADateCellAndTheWaitingDaysAsANumber()
    {
        var (provider, key) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var prefix = Payloads.Reference("CX", 8);
        using (var api = portal.WithKey(key))
        {
            await api.RegisterCandidateAsync(Payloads.Candidate("GM0983", $"{prefix}-1"));
            await api.RegisterCandidateAsync(Payloads.Candidate("GM0983", $"{prefix}-2"));
            await api.RegisterCandidateAsync(Payloads.Candidate("GM0983", Payloads.Reference("ANDERS-", 14)));
        }
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, $"/clienten?reference={prefix}");
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(2);
        await session.AssertAccessibleAsync();

        var rows = Rows(await DownloadAsync(page, "Excel (.xlsx)"));
        Assert.Equal("Cliëntreferentie", rows.Header[0]);
        Assert.Contains("Uitstroom-gereed sinds", rows.Header);
        Assert.Contains("Herkomstgemeente", rows.Header);
        Assert.Contains("Begeleidingsbehoefte", rows.Header);
        Assert.Equal([$"{prefix}-1", $"{prefix}-2"], rows.Data.Select(r => r["Cliëntreferentie"].Text).Order());
        var first = rows.Data[0];
        Assert.True(first["Uitstroom-gereed sinds"].Date);
        Assert.Equal(new DateOnly(2026, 1, 15), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(first["Uitstroom-gereed sinds"].Text, CultureInfo.InvariantCulture))));
        Assert.True(first["Wachtdagen"].Number);

        var csv = Encoding.UTF8.GetString(await DownloadAsync(page, "CSV")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("Cliëntreferentie;", csv[0], StringComparison.Ordinal);
        Assert.Contains(";2026-01-15;", csv[1], StringComparison.Ordinal);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task VoordrachtenExportsItsHeadersAndARefusedFilterIsABadRequest()
    {
        var (corporation, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, "/voordrachten");

        var xlsx = await page.Context.APIRequest.GetAsync("/voordrachten/export?format=xlsx", new() { Timeout = 30_000 });
        Assert.Equal(200, xlsx.Status);
        var rows = Rows(await xlsx.BodyAsync());
        Assert.Equal(["Woning", "Gemeente", "Huishouden", "Score", "Reageren vóór", "Status", "Aangemaakt op"], rows.Header);
        Assert.Empty(rows.Data);

        var refused = await page.Context.APIRequest.GetAsync("/voordrachten/export?format=xlsx&status=Onbekend", new() { Timeout = 30_000 });
        Assert.Equal(400, refused.Status);
        session.AssertNoErrors();
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string linkName)
    {
        var href = await page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).GetAttributeAsync("href", new() { Timeout = 10_000 });
        Assert.NotNull(href);
        Assert.DoesNotContain("pagina=", href, StringComparison.Ordinal);
        var response = await page.Context.APIRequest.GetAsync(href, new() { Timeout = 30_000 });
        Assert.Equal(200, response.Status);
        return await response.BodyAsync();
    }

    private sealed record CellValue(string Text, bool Number, bool Date);

    private sealed record Sheet(IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, CellValue>> Data);

    /// <summary>The first sheet read with the Open XML SDK: the header row's texts and each data row's cells by header, with their types.</summary>
    private static Sheet Rows(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var dateFormats = workbook.WorkbookStylesPart?.Stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value?.Contains("yy", StringComparison.Ordinal) == true).Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var sheet = workbook.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var data = ((WorksheetPart)workbook.GetPartById(sheet.Id!.Value!)).Worksheet!.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        static int Column(Cell c) => c.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, ch) => (n * 26) + ch - 'A' + 1) - 1;
        CellValue Read(Cell c)
        {
            var text = c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty;
            var number = c.DataType is null || c.DataType.Value == CellValues.Number;
            var date = number && c.StyleIndex is { } style && (int)style.Value < formats.Count
                && formats[(int)style.Value].NumberFormatId?.Value is { } id && (dateFormats.Contains(id) || id is >= 14 and <= 22);
            return new CellValue(text, number, date);
        }
        var header = data[0].Elements<Cell>().OrderBy(Column).Select(c => Read(c).Text).ToList();
        var rows = data.Skip(1).Select(r => r.Elements<Cell>().ToDictionary(c => header[Column(c)], Read)).ToList();
        return new Sheet(header, rows);
    }
}
