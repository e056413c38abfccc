using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Accounts;

/// <summary>
/// People who manage people (issue 13, "Accounts" and "Tests that must exist"): a beheerder invites a colleague by
/// e-mail (a real SMTP server receives it), the colleague chooses a password through the single-use link, sets up the
/// authenticator (RFC 6238 codes computed by the test), signs in and out; a deactivated person is thrown out within a
/// minute; the last beheerder stays; a medewerker manages nobody.
/// </summary>
public sealed partial class InvitationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task AnInvitedColleagueChoosesAPasswordSetsUpTheAuthenticatorAndSignsInAndOut()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Zorgaanbieder);
        var beheerder = await portal.CreatePersonAsync(organisation, PortalRole.Beheerder);
        var email = $"collega-{Guid.NewGuid():N}@nml-matching.test";
        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(beheerder);
            await session.Page.GotoAsync("/mensen");
            await session.AssertAccessibleAsync();
            await session.Page.GetByLabel("Naam").FillAsync("Sanne de Vries");
            await session.Page.GetByLabel("E-mailadres").FillAsync(email);
            await session.Page.GetByLabel("Rol").SelectOptionAsync("Medewerker");
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging versturen" }).ClickAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sanne de Vries is uitgenodigd");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Row, new() { Name = "Sanne de Vries" })).ToContainTextAsync("uitgenodigd");
            await session.AssertAccessibleAsync();
            session.AssertNoErrors();
        }

        var mails = await portal.DeliverMailAsync(email);
        var mail = Assert.Single(mails);
        Assert.Equal("Uitnodiging voor NML Matching", mail.Message.Subject);
        var text = mail.Message.TextBody ?? "";
        Assert.Contains("Beste Sanne de Vries", text, StringComparison.Ordinal);
        Assert.Contains("7 dagen", text, StringComparison.Ordinal);
        var link = new Uri(LinkIn().Match(text).Value);
        Assert.Equal(portal.BaseAddress.Authority, link.Authority);
        Assert.Equal("/uitnodiging", link.AbsolutePath);

        await using (var session = await portal.OpenAsync())
        {
            var page = session.Page;
            await page.GotoAsync(link.PathAndQuery);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom, Sanne de Vries");
            await session.AssertAccessibleAsync();
            // A refused choice first: too short (docs/security.md: at least 12 characters), next to its field.
            await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync("kort");
            await page.GetByLabel("Wachtwoord nog een keer").FillAsync("kort");
            await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord kiezen" }).ClickAsync();
            await Assertions.Expect(page.Locator("#veld-Password-fout")).ToContainTextAsync("minstens 12 tekens");
            await session.AssertAccessibleAsync();
            const string password = "drie woorden als wachtwoord";
            await page.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(password);
            await page.GetByLabel("Wachtwoord nog een keer").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord kiezen" }).ClickAsync();

            // A second factor is required (outside Development): the authenticator comes first, and nothing else opens.
            await page.WaitForURLAsync(url => url.EndsWith("/account/authenticator", StringComparison.Ordinal));
            await session.AssertAccessibleAsync();
            await page.GotoAsync("/account");
            Assert.EndsWith("/account/authenticator", page.Url, StringComparison.Ordinal);
            var key = (await page.Locator(".portal-key").InnerTextAsync()).Trim();
            await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Instellen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De authenticator-app is ingesteld");
            await Assertions.Expect(page.Locator(".portal-codes li")).ToHaveCountAsync(10);
            await session.AssertAccessibleAsync();

            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom, Sanne de Vries");
            await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U bent uitgelogd");

            // Signing in again takes the password and the code; the invitation link works no more.
            await page.SignInAsync(new TestPerson(Guid.Empty, organisation, email, password, "Sanne de Vries", key));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom, Sanne de Vries");
            await page.GotoAsync(link.PathAndQuery);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deze link werkt niet meer");
            session.AssertNoErrors();
        }
    }

    [Fact]
    public async Task ADeactivatedPersonIsThrownOutAtTheNextCheckWithinAMinute()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var beheerder = await portal.CreatePersonAsync(organisation, PortalRole.Beheerder);
        var colleague = await portal.CreatePersonAsync(organisation);
        await using var colleagueSession = await portal.OpenAsync();
        await colleagueSession.Page.SignInAsync(colleague);
        await colleagueSession.Page.GotoAsync("/account");
        await Assertions.Expect(colleagueSession.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn account");

        await using (var session = await portal.OpenAsync())
        {
            await session.Page.SignInAsync(beheerder);
            await session.Page.GotoAsync("/mensen");
            await session.Page.GetByRole(AriaRole.Button, new() { Name = $"Deactiveren: {colleague.DisplayName}" }).ClickAsync();
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("is gedeactiveerd");
            await Assertions.Expect(session.Page.GetByRole(AriaRole.Row, new() { Name = colleague.DisplayName })).ToContainTextAsync("gedeactiveerd");
        }

        // The session re-reads its person once a minute (docs/security.md, "Sessions").
        portal.Clock.Advance(TimeSpan.FromSeconds(61));
        await colleagueSession.Page.GotoAsync("/account");
        Assert.Equal("/inloggen", new Uri(colleagueSession.Page.Url).AbsolutePath);
        // And the password no longer opens the door.
        await colleagueSession.Page.GetByLabel("E-mailadres").FillAsync(colleague.Email);
        await colleagueSession.Page.GetByLabel("Wachtwoord").FillAsync(colleague.Password);
        await colleagueSession.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(colleagueSession.Page.Locator(".utrecht-form-field-error-message")).ToContainTextAsync("klopt niet");
    }

    [Fact]
    public async Task TheLastBeheerderCannotDeactivateThemselvesButCanOnceThereIsAnother()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Gemeente, "GM0893");
        var beheerder = await portal.CreatePersonAsync(organisation, PortalRole.Beheerder);
        var colleague = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.SignInAsync(beheerder);
        await page.GotoAsync("/mensen");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Maak medewerker: {beheerder.DisplayName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("laatste beheerder");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Maak beheerder: {colleague.DisplayName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{colleague.DisplayName} is nu beheerder");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Maak medewerker: {beheerder.DisplayName}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{beheerder.DisplayName} is nu medewerker");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task AMedewerkerFindsNoPeoplePageAndAnotherOrganisationsPeopleAreNotFoundForAdminOnly()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var medewerker = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(medewerker);

        var people = await session.Page.GotoAsync("/mensen");
        Assert.Equal(404, people!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        // The Admin pages are not for an organisation's person at all.
        var admin = await session.Page.GotoAsync($"/beheer/organisaties/{organisation}");
        Assert.Equal("/geen-toegang", new Uri(session.Page.Url).AbsolutePath);
        Assert.Equal(200, admin!.Status);
    }

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheMailedLinkAndAnUnknownAddressGetsTheSameAnswerWithoutMail()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Matchingspunt);
        var person = await portal.CreatePersonAsync(organisation);
        var unknown = $"onbekend-{Guid.NewGuid():N}@nml-matching.test";
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        var answers = new List<string>();
        foreach (var address in new[] { unknown, person.Email })
        {
            await page.GotoAsync("/inloggen");
            await page.GetByRole(AriaRole.Link, new() { Name = "Wachtwoord vergeten?" }).ClickAsync();
            await page.WaitForURLAsync(url => url.EndsWith("/wachtwoord-vergeten", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wachtwoord vergeten");
            await session.AssertAccessibleAsync();
            await page.GetByLabel("E-mailadres").FillAsync(address);
            await page.GetByRole(AriaRole.Button, new() { Name = "Link aanvragen" }).ClickAsync();
            answers.Add((await page.GetByRole(AriaRole.Status).InnerTextAsync()).Trim());
        }
        Assert.Equal(answers[0], answers[1]);
        Assert.Empty(await portal.DeliverMailAsync(unknown));
        var mail = Assert.Single(await portal.DeliverMailAsync(person.Email));
        Assert.Equal("Nieuw wachtwoord voor NML Matching", mail.Message.Subject);
        var link = new Uri(LinkIn().Match(mail.Message.TextBody ?? "").Value);

        await page.GotoAsync(link.PathAndQuery);
        await session.AssertAccessibleAsync();
        const string password = "een nieuw en lang wachtwoord";
        await page.GetByLabel("Nieuw wachtwoord", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Nieuw wachtwoord nog een keer").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw wachtwoord is gewijzigd");

        await page.SignInAsync(person with { Password = password });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welkom, {person.DisplayName}");
        session.AssertNoErrors();
    }

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex LinkIn();
}
