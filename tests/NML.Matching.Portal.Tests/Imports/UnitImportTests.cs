using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Imports;

/// <summary>
/// A corporation imports its units at /woningen/importeren (issue 14): the check names every refused row (row number,
/// column, a Dutch message), nothing is written before the confirmation, then the valid rows are, or none with "alles
/// of niets"; the same file again adds nothing (the own reference is the key); a formula, more than 5,000 rows, a Word
/// document renamed to .xlsx and a CSV that is not UTF-8 write nothing and say why. The rules the bad rows break are
/// those of docs/registers.md §2.1 (slaapkamers 0-8, a gemeente that exists, a wheelchair-accessible unit is on the
/// ground floor or has a lift, postcode §2.3, kale huur an amount).
/// </summary>
public sealed class UnitImportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Page = "/woningen/importeren";

    /// <summary>20 units (file rows 2-21): row 5 has 9 bedrooms, row 12 a gemeente that does not exist, row 15 a wheelchair-accessible unit without ground floor or lift.</summary>
    private static byte[] TwentyUnitsWithThreeBad(string prefix) => ImportFiles.Xlsx(Enumerable.Range(1, 20).Select(i =>
    {
        var row = ImportFiles.ValidUnit($"{prefix}-{i:00}");
        var fileRow = i + 1;
        if (fileRow == 5) row[4] = 9;
        if (fileRow == 12) row[1] = "GM9999";
        if (fileRow == 15) (row[10], row[11]) = ("nee", "ja");
        return row;
    }), ImportFiles.UnitHeader);

    [Fact]
    public async Task ACorporationFindsTheImportFromItsEmptyListSeesTheBadRowsNamedConfirmsAndReimportingCreatesNoDuplicates()
    {
        var (corporation, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, "/woningen");
        await Assertions.Expect(page.GetByText("Nog geen woningen aangeboden.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "importeer uw woningen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Woningen importeren");
        await session.AssertAccessibleAsync();
        var file = TwentyUnitsWithThreeBad("WON-A");

        await ImportPage.UploadAsync(page, "woningen.xlsx", ImportPage.XlsxType, file);

        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("20 rijen gelezen: 17 nieuw, 0 al in het register (worden overgeslagen), 3 afgekeurd.");
        var refused = await ImportPage.RefusedRowsAsync(page);
        Assert.Equal(3, refused.Length);
        Assert.Equal(["5", "WON-A-04", "Slaapkamers", "Vul een getal van 0 tot en met 8 in."], refused[0]);
        Assert.Equal(["12", "WON-A-11", "Gemeente", "Er is geen gemeente met code GM9999."], refused[1]);
        Assert.Equal("15", refused[2][0]);
        Assert.Equal("Gelijkvloers of lift", refused[2][2]);
        Assert.Contains("gelijkvloers", refused[2][3], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await UnitsOfAsync(corporation));
        await session.AssertAccessibleAsync();

        await ImportPage.ConfirmAsync(page);

        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("17 woningen geïmporteerd. 0 rijen overgeslagen");
        Assert.Equal(17, await UnitsOfAsync(corporation));
        Assert.Equal(0, await UnitsOfAsync(corporation, "WON-A-04"));
        // The row as the register holds it: the rent of a number cell, the date of a date cell.
        var stored = await UnitAsync(corporation, "WON-A-01");
        Assert.Equal(725.5m, stored.BasicRent);
        Assert.Equal(new DateOnly(2026, 4, 1), stored.AvailableFrom);
        Assert.Equal("5921 AB", stored.Postcode);

        await ImportPage.UploadAsync(page, "woningen.xlsx", ImportPage.XlsxType, file);
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("17 al in het register (worden overgeslagen), 3 afgekeurd.");
        await ImportPage.ConfirmAsync(page);
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("0 woningen geïmporteerd.");
        Assert.Equal(17, await UnitsOfAsync(corporation));

        // The start page leads here too.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Woningen importeren" })).ToHaveAttributeAsync("href", Page);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ADutchCsvWithABadRowIsCheckedAllesOfNietsWritesNoneAndTheGoodRowsAreWrittenWhenChosen()
    {
        var (corporation, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);
        var bad = ImportFiles.ValidUnit("WON-B-3");
        bad[2] = "0123 AB";
        bad[6] = "veel";
        var csv = ImportFiles.Utf8(ImportFiles.DutchCsv([ImportFiles.ValidUnit("WON-B-1"), ImportFiles.ValidUnit("WON-B-2"), bad], ImportFiles.UnitHeader));
        Assert.Contains("725,5;", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        await ImportPage.UploadAsync(page, "woningen.csv", "text/csv", csv);

        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("3 rijen gelezen: 2 nieuw, 0 al in het register (worden overgeslagen), 1 afgekeurd.");
        var refused = await ImportPage.RefusedRowsAsync(page);
        Assert.Equal(2, refused.Length);
        Assert.All(refused, r => Assert.Equal(["4", "WON-B-3"], r[..2]));
        Assert.Equal(["Postcode", "Kale huur"], refused.Select(r => r[2]).Order().Reverse());
        Assert.Contains(refused, r => r[3] == "'veel' is geen bedrag.");

        await ImportPage.ConfirmAsync(page, allOrNothing: true);
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("Er is niets geïmporteerd");
        Assert.Equal(0, await UnitsOfAsync(corporation));

        await ImportPage.UploadAsync(page, "woningen.csv", "text/csv", csv);
        await ImportPage.ConfirmAsync(page);
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("2 woningen geïmporteerd.");
        Assert.Equal(2, await UnitsOfAsync(corporation));
        Assert.Equal(725.5m, (await UnitAsync(corporation, "WON-B-2")).BasicRent);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AFormulaTooManyRowsAWordDocumentAndACsvThatIsNotUtf8EachSayWhyAndWriteNothing()
    {
        var (corporation, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);

        var withFormula = ImportFiles.ValidUnit("WON-C-1");
        withFormula[6] = new ImportFiles.Formula("700+25.5", "725.5");
        await ImportPage.UploadAsync(page, "formule.xlsx", ImportPage.XlsxType, ImportFiles.Xlsx([withFormula], ImportFiles.UnitHeader));
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("1 rij gelezen: 0 nieuw, 0 al in het register (worden overgeslagen), 1 afgekeurd.");
        await Assertions.Expect(page.Locator("#afgekeurde-rijen")).ToContainTextAsync("formule");
        await ImportPage.ConfirmAsync(page);
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("0 woningen geïmporteerd.");

        await ImportPage.UploadAsync(page, "groot.xlsx", ImportPage.XlsxType,
            ImportFiles.Xlsx(Enumerable.Range(1, 6000).Select(i => ImportFiles.ValidUnit($"WON-C-{i}")), ImportFiles.UnitHeader));
        await ImportPage.ExpectRefusalAsync(page, "meer dan 5.000 rijen");

        await ImportPage.UploadAsync(page, "woningen.xlsx", ImportPage.XlsxType, ImportFiles.WordDocument());
        await ImportPage.ExpectRefusalAsync(page, "geen Excel-werkmap (.xlsx) en geen CSV-bestand");

        var latin1 = ImportFiles.ValidUnit("WON-C-één");
        await ImportPage.UploadAsync(page, "woningen.csv", "text/csv", Encoding.Latin1.GetBytes(ImportFiles.DutchCsv([latin1], ImportFiles.UnitHeader)));
        await ImportPage.ExpectRefusalAsync(page, "niet in UTF-8 opgeslagen");
        await session.AssertAccessibleAsync();

        // Positive control: the same row as UTF-8 is read.
        await ImportPage.UploadAsync(page, "woningen.csv", "text/csv", ImportFiles.Utf8(ImportFiles.DutchCsv([latin1], ImportFiles.UnitHeader)));
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("1 rij gelezen: 1 nieuw");

        Assert.Equal(0, await UnitsOfAsync(corporation));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonOfAGemeenteIsNotOfferedTheUnitsImport()
    {
        var (gemeente, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Gemeente, "GM0983");
        var person = await portal.CreatePersonAsync(gemeente);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);

        var response = await page.Context.APIRequest.GetAsync(Page, new() { Timeout = 30_000 });

        Assert.Equal(403, response.Status);
        await Assertions.Expect(page.GetByText("Alleen medewerkers van een woningcorporatie importeren woningen.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
        session.AssertNoErrors(documentStatus: 403);
    }

    private async Task<int> UnitsOfAsync(Guid owner, string? reference = null)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.Units.CountAsync(u => u.OwnerOrganisationId == owner && (reference == null || u.Reference == reference));
    }

    private async Task<Domain.Units.HousingUnit> UnitAsync(Guid owner, string reference)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.Units.AsNoTracking().SingleAsync(u => u.OwnerOrganisationId == owner && u.Reference == reference);
    }
}
