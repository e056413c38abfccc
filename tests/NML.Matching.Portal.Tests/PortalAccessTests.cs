using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests;

/// <summary>
/// Who opens which portal page (docs/security.md, "Who may see what"; issue 13, "Tests that must exist"): a page needs
/// a signed-in person unless it is one of the public ones; Admin's pages refuse an organisation's person; another
/// organisation's resource is "niet gevonden", as the API answers 404; every page passes axe.
/// </summary>
public sealed class PortalAccessTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>The public pages and their headings (issue 13, "Pages").</summary>
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "Wonen na beschermd wonen en opvang" },
        { "/inloggen", "Inloggen" },
        { "/wachtwoord-vergeten", "Wachtwoord vergeten" },
        { "/wachtwoord-herstellen", "Nieuw wachtwoord kiezen" },
        { "/uitnodiging", "Deze link werkt niet meer" },
        { "/uitloggen", "U bent niet ingelogd" },
        { "/geen-toegang", "Geen toegang" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task APublicPageOpensWithoutSigningInAndHasNoWcagViolation(string path, string heading)
    {
        await using var session = await portal.OpenAsync();
        var response = await session.Page.GotoAsync(path);

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/account/wachtwoord")]
    [InlineData("/account/authenticator")]
    [InlineData("/mensen")]
    [InlineData("/beheer/organisaties")]
    [InlineData("/beheer/beheerders")]
    [InlineData("/woningen/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/woningen")]
    [InlineData("/woningen/aanbieden")]
    [InlineData("/woningen/importeren")]
    [InlineData("/clienten/importeren")]
    [InlineData("/woningen/0190a000-0000-7000-8000-000000000001/wijzigen")]
    [InlineData("/voordrachten")]
    [InlineData("/voordrachten/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/clienten")]
    [InlineData("/clienten/aanmelden")]
    [InlineData("/clienten/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/clienten/0190a000-0000-7000-8000-000000000001/wijzigen")]
    [InlineData("/voorstellen")]
    [InlineData("/voorstellen/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/nazorg")]
    [InlineData("/nazorg/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/prestatieafspraken")]
    [InlineData("/prestatieafspraken/nieuw")]
    [InlineData("/prestatieafspraken/0190a000-0000-7000-8000-000000000001")]
    [InlineData("/prestatieafspraken/0190a000-0000-7000-8000-000000000001/wijzigen")]
    [InlineData("/plaatsingen")]
    [InlineData("/inwoners")]
    public async Task AProtectedPageSendsSomeoneWhoIsNotSignedInToSignInAndBack(string path)
    {
        using var client = portal.Https();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen", response.Headers.Location!.AbsolutePath);
        Assert.Equal("?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location.Query);
    }

    [Fact]
    public async Task SigningInFromAProtectedPageReturnsToItButNeverToAnotherSite()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();

        await session.Page.GotoAsync("/account/wachtwoord");
        Assert.Equal("/inloggen", new Uri(session.Page.Url).AbsolutePath);
        // Signing in on the page the redirect led to brings the person back where they were going.
        var page = session.Page;
        await page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal));
        await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/inloggen", StringComparison.Ordinal));
        Assert.Equal("/account/wachtwoord", new Uri(session.Page.Url).AbsolutePath);
        await session.AssertAccessibleAsync();

        await session.Page.GotoAsync("/uitloggen");
        await session.Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen", Exact = true }).ClickAsync();
        await session.Page.SignInAsync(person, returnUrl: "https://example.org/account");
        Assert.Equal(portal.BaseAddress.Authority, new Uri(session.Page.Url).Authority);
        Assert.Equal("/", new Uri(session.Page.Url).AbsolutePath);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonOfOneCorporationWhoTypesAnotherCorporationsUnitUrlGetsNietGevonden()
    {
        var (own, ownKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var (other, otherKey) = await portal.CreateOrganisationAndKeyAsync(OrganisationType.Corporatie);
        var ownUnit = await PostUnitAsync(ownKey, "EIGEN-1");
        var otherUnit = await PostUnitAsync(otherKey, "ANDER-1");
        var person = await portal.CreatePersonAsync(own);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);

        // Positive control: the person's own corporation's unit opens.
        var mine = await session.Page.GotoAsync($"/woningen/{ownUnit}");
        Assert.Equal(200, mine!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Woning EIGEN-1");
        await session.AssertAccessibleAsync();

        var theirs = await session.Page.GotoAsync($"/woningen/{otherUnit}");
        Assert.Equal(404, theirs!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("ANDER-1");
        session.AssertNoErrors(documentStatus: 404);
        Assert.NotEqual(own, other);
    }

    [Fact]
    public async Task AdminsPagesOpenForAServiceAdministratorAndNotForAnOrganisationsBeheerder()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Zorgaanbieder);
        var beheerder = await portal.CreatePersonAsync(organisation, PortalRole.Beheerder);
        var admin = await portal.CreateServiceAdminAsync();
        string[] pages = ["/beheer/organisaties", $"/beheer/organisaties/{organisation}", "/beheer/beheerders"];

        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(beheerder);
            foreach (var path in pages)
            {
                await session.Page.GotoAsync(path);
                Assert.Equal("/geen-toegang", new Uri(session.Page.Url).AbsolutePath);
            }
        }

        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(admin);
            foreach (var path in pages)
            {
                var response = await session.Page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                Assert.Equal(path, new Uri(session.Page.Url).AbsolutePath);
                await session.AssertAccessibleAsync();
            }
            // The organisation's page lists its people (the beheerder) and lets Admin invite.
            await session.Page.GotoAsync($"/beheer/organisaties/{organisation}");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Row, new() { Name = beheerder.DisplayName })).ToContainTextAsync("beheerder");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging versturen" })).ToBeVisibleAsync();
            var unknown = await session.Page.GotoAsync($"/beheer/organisaties/{Guid.NewGuid()}");
            Assert.Equal(404, unknown!.Status);
            session.AssertNoErrors(documentStatus: 404);
        }
    }

    [Fact]
    public async Task TheAccountPagesOfASignedInPersonHaveNoWcagViolation()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Gemeente, "GM0907");
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);

        foreach (var (path, heading) in new[] { ("/account", "Mijn account"), ("/account/wachtwoord", "Wachtwoord wijzigen"), ("/account/authenticator", "Authenticator-app"), ("/uitloggen", "Uitloggen") })
        {
            var response = await session.Page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
            await session.AssertAccessibleAsync();
        }
        // A refused change shows its message next to the field, and the summary links to it.
        await session.Page.GotoAsync("/account/wachtwoord");
        await session.Page.GetByLabel("Huidig wachtwoord").FillAsync("niet het goede wachtwoord");
        await session.Page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync("een ander lang wachtwoord");
        await session.Page.GetByLabel("Nieuw wachtwoord nog een keer").FillAsync("een ander lang wachtwoord");
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord wijzigen" }).ClickAsync();
        await Assertions.Expect(session.Page.Locator("#veld-Current-fout")).ToContainTextAsync("Het wachtwoord klopt niet");
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    private async Task<Guid> PostUnitAsync(string key, string reference)
    {
        using var client = portal.Https();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        var response = await client.PostAsJsonAsync("/api/v1/units", new
        {
            reference, gemeenteCode = "GM0983", postcode = "5911 AA", unitType = "Appartement", bedrooms = 1, maxOccupants = 1,
            basicRent = 550.00m, supportOnSite = "Nearby", contractForm = "Regulier", availableFrom = "2026-04-01",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private sealed record IdOnly(Guid Id);
}
