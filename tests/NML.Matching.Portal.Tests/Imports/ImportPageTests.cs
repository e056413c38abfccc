using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Imports;

/// <summary>
/// A care provider imports its waiting list at /clienten/importeren (issue 14, "Import from a spreadsheet"): the preview
/// names every refused row (row number, column, a Dutch message), nothing is written before the confirmation, then the
/// valid rows are, or none with "alles of niets"; the same file again adds nothing (the cliëntreferentie is the key);
/// a formula, a file over 5,000 rows, a Word document renamed to .xlsx and a CSV that is not UTF-8 write nothing and
/// say why. The rules the rows break are those of docs/registers.md §1.1 (volwassenen 1-2, an existing gemeente, a
/// maximale huur as an amount).
/// </summary>
public sealed class ImportPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Page = "/clienten/importeren";
    private const string XlsxType = ImportPage.XlsxType;

    /// <summary>50 rows (file rows 2-51), of which row 11 has 3 adults, row 26 a gemeente that does not exist and row 41 a rent that is not an amount.</summary>
    private static byte[] FiftyRowsWithThreeBad(string prefix) => ImportFiles.Xlsx(Enumerable.Range(1, 50).Select(i =>
    {
        var row = ImportFiles.ValidRow($"{prefix}-{i:00}");
        var fileRow = i + 1;
        if (fileRow == 11) row[4] = 3;
        if (fileRow == 26) row[1] = "GM9999";
        if (fileRow == 41) row[5] = "veel";
        return row;
    }));

    [Fact]
    public async Task AProviderSeesTheThreeBadRowsNamedConfirmsAndTheFortySevenAreWrittenOnceEvenWhenImportedTwice()
    {
        var (provider, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wachtlijst importeren");
        var file = FiftyRowsWithThreeBad("IMP-A");

        await ImportPage.UploadAsync(page, "wachtlijst.xlsx", XlsxType, file);

        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("50 rijen gelezen: 47 nieuw, 0 al in het register (worden overgeslagen), 3 afgekeurd.");
        var refused = await ImportPage.RefusedRowsAsync(page);
        Assert.Equal(3, refused.Length);
        Assert.Equal(["11", "IMP-A-10", "Volwassenen", "Vul een getal van 1 tot en met 2 in."], refused[0]);
        Assert.Equal(["26", "IMP-A-25", "Herkomstgemeente", "Er is geen gemeente met code GM9999."], refused[1]);
        Assert.Equal(["41", "IMP-A-40", "Maximale huur", "'veel' is geen bedrag."], refused[2]);
        // Nothing is written before the confirmation.
        Assert.Equal(0, await CandidatesOfAsync(provider));
        await session.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("47 cliënten geïmporteerd. 0 rijen overgeslagen");
        Assert.Equal(47, await CandidatesOfAsync(provider));
        Assert.Equal(0, await CandidatesOfAsync(provider, "IMP-A-10"));

        // The same file again: every valid row is there already and is skipped.
        await ImportPage.UploadAsync(page, "wachtlijst.xlsx", XlsxType, file);
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("47 al in het register (worden overgeslagen), 3 afgekeurd.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("0 cliënten geïmporteerd.");
        Assert.Equal(47, await CandidatesOfAsync(provider));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AllesOfNietsWritesNoneWhenARowIsRefusedAndAllOfAFileWithoutFaults()
    {
        var (provider, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);

        await ImportPage.UploadAsync(page, "wachtlijst.xlsx", XlsxType, FiftyRowsWithThreeBad("IMP-B"));
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("47 nieuw");
        await page.GetByLabel("Alles of niets").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("Er is niets geïmporteerd");
        Assert.Equal(0, await CandidatesOfAsync(provider));

        // Positive control, and the Dutch CSV: two good rows, alles of niets, both written.
        var csv = ImportFiles.DutchCsv([ImportFiles.ValidRow("IMP-B-CSV-1"), ImportFiles.ValidRow("IMP-B-CSV-2")]);
        await ImportPage.UploadAsync(page, "wachtlijst.csv", "text/csv", ImportFiles.Utf8(csv));
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("2 rijen gelezen: 2 nieuw");
        await page.GetByLabel("Alles of niets").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("2 cliënten geïmporteerd.");
        Assert.Equal(2, await CandidatesOfAsync(provider));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AFormulaTooManyRowsAWordDocumentAndACsvThatIsNotUtf8EachSayWhyAndWriteNothing()
    {
        var (provider, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(provider);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);

        // A formula is never taken: its row is refused, and the message says so.
        var withFormula = ImportFiles.ValidRow("IMP-C-1");
        withFormula[5] = new ImportFiles.Formula("600+50", "650");
        await ImportPage.UploadAsync(page, "formule.xlsx", XlsxType, ImportFiles.Xlsx([withFormula]));
        await Assertions.Expect(page.Locator("#controle-samenvatting")).ToContainTextAsync("1 rij gelezen: 0 nieuw, 0 al in het register (worden overgeslagen), 1 afgekeurd.");
        await Assertions.Expect(page.Locator("#afgekeurde-rijen")).ToContainTextAsync("formule");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import bevestigen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#importresultaat")).ToContainTextAsync("0 cliënten geïmporteerd.");

        await ImportPage.UploadAsync(page, "groot.xlsx", XlsxType, ImportFiles.Xlsx(Enumerable.Range(1, 6000).Select(i => ImportFiles.ValidRow($"IMP-C-{i}"))));
        await ImportPage.ExpectRefusalAsync(page, "meer dan 5.000 rijen");

        await ImportPage.UploadAsync(page, "brief.xlsx", XlsxType, ImportFiles.WordDocument());
        await ImportPage.ExpectRefusalAsync(page, "geen Excel-werkmap (.xlsx) en geen CSV-bestand");

        var csv = ImportFiles.DutchCsv([ImportFiles.ValidRow("IMP-C-cliënt")]);
        await ImportPage.UploadAsync(page, "latin1.csv", "text/csv", Encoding.Latin1.GetBytes(csv));
        await ImportPage.ExpectRefusalAsync(page, "niet in UTF-8 opgeslagen");
        await session.AssertAccessibleAsync();

        // Over 5 MiB: refused before a row is read.
        var large = ImportFiles.DutchCsv(Enumerable.Range(1, 4000).Select(i => ImportFiles.ValidRow($"IMP-C-{i}-{new string('x', 40)}")));
        var padded = Encoding.UTF8.GetBytes(large + new string(' ', (int)(5.5 * 1024 * 1024) - large.Length));
        await ImportPage.UploadAsync(page, "groot.csv", "text/csv", padded);
        await ImportPage.ExpectRefusalAsync(page, "groter dan 5 MiB");

        Assert.Equal(0, await CandidatesOfAsync(provider));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonOfACorporationIsNotOfferedTheWaitingListImport()
    {
        var (corporation, _) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(corporation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(person, Page);

        // The status without a second page load (the browser reports each refused page once).
        var response = await page.Context.APIRequest.GetAsync(Page, new() { Timeout = 30_000 });

        Assert.Equal(403, response.Status);
        await Assertions.Expect(page.GetByText("Alleen medewerkers van een zorgaanbieder importeren een wachtlijst.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[type=file]")).ToHaveCountAsync(0);
        session.AssertNoErrors(documentStatus: 403);
    }

    private async Task<int> CandidatesOfAsync(Guid provider, string? reference = null)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.Candidates.CountAsync(c => c.ProviderOrganisationId == provider && (reference == null || c.ExternalReference == reference));
    }
}
