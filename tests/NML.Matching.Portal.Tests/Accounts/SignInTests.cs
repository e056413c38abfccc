using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Accounts;

/// <summary>
/// Signing in and out in a real browser (issue 13, "Sign-in" and "Tests that must exist"): password and the
/// authenticator's code (RFC 6238, computed by the test), one answer for every refusal, lockout after five wrong codes
/// (docs/security.md), the audit trail of each step, axe on each page.
/// </summary>
public sealed class SignInTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task APersonSignsInWithPasswordAndAuthenticatorCodeAndSignsOutAgain()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/inloggen");
        await session.AssertAccessibleAsync();
        await page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal));
        await session.AssertAccessibleAsync();
        await page.GetByLabel("Code uit de app").FillAsync(Totp.Code(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welkom, {person.DisplayName}");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Persoonlijk menu" })).ToContainTextAsync(person.DisplayName);
        await session.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U bent uitgelogd");
        await session.AssertAccessibleAsync();
        // Signed out: the start page is the public one again, and there is nobody to sign out.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wonen na beschermd wonen en opvang");
        await page.GotoAsync("/uitloggen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U bent niet ingelogd");

        Assert.Equal(["person.signed-in", "person.signed-out"], await ActionsOfAsync(person.Id));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ASessionThatPassedTheCodeStaysStrongAfterItsMinutelyCheck()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);
        await session.Page.GotoAsync("/account");
        Assert.Equal("/account", new Uri(session.Page.Url).AbsolutePath);

        // The session re-reads its person once a minute (docs/security.md); the second factor it passed stays with it,
        // so the person is not sent to set up an authenticator they already have.
        portal.Clock.Advance(TimeSpan.FromSeconds(61));
        await session.Page.GotoAsync("/account");
        Assert.Equal("/account", new Uri(session.Page.Url).AbsolutePath);
        portal.Clock.Advance(TimeSpan.FromSeconds(61));
        await session.Page.GotoAsync("/mensen");
        await session.Page.GotoAsync("/account");
        Assert.Equal("/account", new Uri(session.Page.Url).AbsolutePath);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mijn account");
    }

    [Fact]
    public async Task AnUnknownAddressAndAWrongPasswordGetTheSameAnswer()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();

        var unknown = await RefusalAsync(session.Page, $"niemand-{Guid.NewGuid():N}@nml-matching.test", PortalPeople.Password);
        var wrong = await RefusalAsync(session.Page, person.Email, "niet-het-goede-wachtwoord");

        Assert.False(string.IsNullOrWhiteSpace(unknown));
        Assert.Equal(unknown, wrong);
        // The field's message is linked to the password field, and the summary on top links to it.
        var field = session.Page.GetByLabel("Wachtwoord");
        Assert.Equal("true", await field.GetAttributeAsync("aria-invalid"));
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/inloggen#veld-Password");
        await session.AssertAccessibleAsync();
        // Positive control: the right password goes on to the code.
        await session.Page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await session.Page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await session.Page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal));

        var failures = await FailureReasonsAsync(person.Id);
        Assert.Equal(["wrong-password"], failures);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task FiveWrongCodesLockThePersonOutSoThatEvenTheRightPasswordIsRefused()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Gemeente, "GM0889");
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(person.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal));

        // docs/security.md: five failures in a row lock the person out for 15 minutes.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await page.GetByLabel("Code uit de app").FillAsync(Totp.WrongCode(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze code klopt niet");
        }
        await session.AssertAccessibleAsync();
        await page.GetByLabel("Code uit de app").FillAsync(Totp.WrongCode(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("15 minuten geblokkeerd");

        // Locked out: the right password and then the right code do not get in.
        var answer = await RefusalAsync(page, person.Email, person.Password);
        Assert.Contains("klopt niet", answer, StringComparison.Ordinal);
        Assert.Equal(["wrong-code", "wrong-code", "wrong-code", "wrong-code", "locked-out", "locked-out"], await FailureReasonsAsync(person.Id));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonSignsInWithTheKeyboardAlone()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Gemeente);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/inloggen");

        // From the top of the page, Tab reaches the e-mail field, then the password; Enter sends the form.
        await page.TabToAsync(page.GetByLabel("E-mailadres"));
        await page.Keyboard.TypeAsync(person.Email);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Wachtwoord")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(person.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("/inloggen/code", StringComparison.Ordinal));
        await page.TabToAsync(page.GetByLabel("Code uit de app"));
        await page.Keyboard.TypeAsync(Totp.Code(person.AuthenticatorKey!, DateTimeOffset.UtcNow));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welkom, {person.DisplayName}");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APersonSeesTheirOpenSessionsAndSignsOutAnotherBrowser()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(organisation);
        await using var here = await portal.OpenAsync();
        await here.Page.SignInAsync(person);
        // A second browser, with the User-Agent of Firefox on Windows (MDN's example of Firefox's header).
        await using var elsewhereContext = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "nl-NL",
            UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        });
        var elsewhere = await elsewhereContext.NewPageAsync();
        elsewhere.SetDefaultTimeout(15_000);
        await elsewhere.SignInAsync(person);

        await here.Page.GotoAsync("/account");
        var rows = here.Page.GetByRole(AriaRole.Table, new() { Name = "Uw sessies" }).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Filter(new() { HasText = "(deze browser)" })).ToHaveCountAsync(1);
        var other = rows.Filter(new() { HasText = "Firefox op Windows" });
        await Assertions.Expect(other).ToHaveCountAsync(1);
        await Assertions.Expect(other).ToContainTextAsync("twee factoren");
        await here.AssertAccessibleAsync();

        await other.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(here.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("De sessie is uitgelogd");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await here.AssertAccessibleAsync();

        // Within the minute the other browser still works (the control); at its next check it is signed out, this one is not.
        await elsewhere.GotoAsync("/account");
        Assert.Equal("/account", new Uri(elsewhere.Url).AbsolutePath);
        portal.Clock.Advance(TimeSpan.FromSeconds(61));
        await elsewhere.GotoAsync("/account");
        Assert.Equal("/inloggen", new Uri(elsewhere.Url).AbsolutePath);
        await here.Page.GotoAsync("/account");
        Assert.Equal("/account", new Uri(here.Page.Url).AbsolutePath);

        var actions = await ActionsOfAsync(person.Id);
        Assert.Equal(["person.signed-in", "person.signed-in", "person.session-ended"], actions);
        here.AssertNoErrors();
    }

    private static async Task<string> RefusalAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();
        var message = page.Locator(".utrecht-form-field-error-message");
        await Assertions.Expect(message).ToHaveCountAsync(1);
        Assert.EndsWith("/inloggen", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        return (await message.InnerTextAsync()).Trim();
    }

    private async Task<List<string>> ActionsOfAsync(Guid personId)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.AuditEvents.Where(e => e.EntityType == "person" && e.EntityId == personId.ToString() && e.ActorPersonId == personId)
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    private async Task<List<string>> FailureReasonsAsync(Guid personId)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var rows = await db.AuditEvents.Where(e => e.Action == "person.sign-in-failed" && e.EntityId == personId.ToString())
            .OrderBy(e => e.Id).Select(e => e.After!).ToListAsync();
        return [.. rows.Select(json => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("reason").GetString()!)];
    }
}
