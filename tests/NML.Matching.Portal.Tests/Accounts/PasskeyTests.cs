using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Accounts;

/// <summary>
/// Passkeys in a real browser (issue 13: "a passkey added and used (Playwright's virtual authenticator)"): Chromium's
/// WebAuthn virtual authenticator through the DevTools protocol (CTAP2, built in, keeps its credentials, verifies the
/// user), so that the page's script, the browser's ceremony and Identity's checks all run for real. A person adds a
/// passkey on /account/passkeys, names it, and signs in with it alone (no password, no code) into a session that counts
/// as multi-factor; a removed passkey signs nobody in; the audit trail has each step; axe on each page.
/// </summary>
public sealed class PasskeyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task APersonAddsAPasskeyAndThenSignsInWithItAloneIntoAMultiFactorSession()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        var authenticator = await AddVirtualAuthenticatorAsync(page);

        await page.SignInAsync(person);
        await page.GotoAsync("/account/passkeys");
        await Assertions.Expect(page.GetByText("U heeft nog geen passkeys.")).ToBeVisibleAsync();
        await session.AssertAccessibleAsync();
        await AddPasskeyAsync(session, "Laptop werk");
        await session.AssertAccessibleAsync();

        // Listed on the page, stored in person_passkeys, and held by the authenticator as a discoverable credential.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Laptop werk" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        // Added today, in Dutch time, written out in Dutch as everywhere in the portal ("7 december 2026").
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        string[] months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
        await Assertions.Expect(row).ToContainTextAsync($"{today.Day} {months[today.Month - 1]} {today.Year}");
        Assert.Equal(1, await PasskeyRowsAsync(person.Id));
        var credentialId = await ResidentCredentialIdAsync(authenticator);

        await SignOutAsync(page);
        await page.GotoAsync("/inloggen?returnUrl=" + Uri.EscapeDataString("/account/passkeys"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" })).ToBeVisibleAsync();
        await session.AssertAccessibleAsync();
        // By keyboard: the button is an ordinary submit button of its own form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Signed in without password or code, and sent to the return URL. /account/passkeys is closed to a session with
        // one factor where a second is required (Auth:RequireSecondFactor, on outside Development): reaching it shows
        // that the passkey's session counts as multi-factor (docs/security.md, "Factors").
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/passkeys");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Passkeys");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welkom, {person.DisplayName}");

        var actions = await ActionsOfAsync(person.Id);
        Assert.Equal(["person.signed-in", "person.passkey-added", "person.passkey-renamed", "person.signed-out", "person.signed-in"],
            actions.Select(a => a.Action));
        Assert.Equal("password+authenticator", MethodOf(actions[0]));
        Assert.Equal("passkey", MethodOf(actions[^1]));
        // The audit trail never holds the credential (docs/security.md): not its id, in either Base64 spelling.
        var audited = string.Join("\n", actions.Select(a => a.After));
        Assert.DoesNotContain(Convert.ToBase64String(credentialId).TrimEnd('='), audited, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(credentialId), audited, StringComparison.Ordinal);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ARemovedPasskeyNoLongerSignsAnybodyIn()
    {
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Zorgaanbieder);
        var person = await portal.CreatePersonAsync(organisation);
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await AddVirtualAuthenticatorAsync(page);
        await page.SignInAsync(person);
        await page.GotoAsync("/account/passkeys");
        await AddPasskeyAsync(session, "Telefoon");

        // Positive control: the passkey signs in while it is there.
        await SignOutAsync(page);
        await SignInWithPasskeyAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welkom, {person.DisplayName}");

        // Renamed from the list, then removed.
        await page.GotoAsync("/account/passkeys");
        await page.GetByRole(AriaRole.Link, new() { Name = "Naam wijzigen van Telefoon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Naam van de passkey wijzigen");
        await Assertions.Expect(page.GetByLabel("Naam van de passkey")).ToHaveValueAsync("Telefoon");
        await page.GetByLabel("Naam van de passkey").FillAsync("Telefoon werk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Telefoon werk" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verwijderen Telefoon werk" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De passkey is verwijderd");
        await Assertions.Expect(page.GetByText("U heeft nog geen passkeys.")).ToBeVisibleAsync();
        await session.AssertAccessibleAsync();
        Assert.Equal(0, await PasskeyRowsAsync(person.Id));

        // The authenticator still offers its credential; the portal no longer knows it.
        await SignOutAsync(page);
        await SignInWithPasskeyAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Met deze passkey kunt u niet inloggen");
        Assert.Equal("/inloggen", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wonen na beschermd wonen en opvang");

        var actions = (await ActionsOfAsync(person.Id)).Select(a => a.Action).ToList();
        Assert.Equal(["person.signed-in", "person.passkey-added", "person.passkey-renamed", "person.signed-out", "person.signed-in",
            "person.passkey-renamed", "person.passkey-removed", "person.signed-out"], actions);
        // The refusal is anonymous and, the credential being nobody's now, names no person (docs/security.md).
        Assert.Equal("passkey-refused", await LastFailureReasonAsync("onbekend"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task APasswordAloneIsOneFactorAndDoesNotReachThePasskeysPage()
    {
        // The control of the first test's proof: where a second factor is required, a session of a password alone may
        // only set up an authenticator, so a page that a passkey's session reaches is closed to it.
        var organisation = await portal.CreateOrganisationAsync(OrganisationType.Corporatie);
        var person = await portal.CreatePersonAsync(organisation, authenticator: false);
        await using var session = await portal.OpenAsync();
        await session.Page.SignInAsync(person);
        await session.Page.GotoAsync("/account/passkeys");
        Assert.Equal("/account/authenticator", new Uri(session.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task WithoutJavaScriptTheSignInPageSaysThatPasskeysCannotBeUsedHere()
    {
        await using var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            JavaScriptEnabled = false,
            Locale = "nl-NL",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await Assertions.Expect(page.GetByText("In deze browser kunt u niet met een passkey inloggen")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" })).ToHaveCountAsync(0);
        // The password form is untouched.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>A DevTools call has no timeout of its own: one that does not answer fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan CdpTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Chromium's virtual authenticator for this page: CTAP2, built in, resident keys, user verification that succeeds.</summary>
    private static async Task<(ICDPSession Cdp, string Id)> AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false }).WaitAsync(CdpTimeout);
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        }).WaitAsync(CdpTimeout);
        return (cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The one credential the authenticator holds, which must be discoverable (resident); its id as bytes.</summary>
    private static async Task<byte[]> ResidentCredentialIdAsync((ICDPSession Cdp, string Id) authenticator)
    {
        var result = await authenticator.Cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticator.Id }).WaitAsync(CdpTimeout);
        var credentials = result!.Value.GetProperty("credentials");
        Assert.Equal(1, credentials.GetArrayLength());
        Assert.True(credentials[0].GetProperty("isResidentCredential").GetBoolean());
        return Convert.FromBase64String(credentials[0].GetProperty("credentialId").GetString()!);
    }

    /// <summary>On /account/passkeys: the browser's ceremony, then the name on the next page, back to the list.</summary>
    private static async Task AddPasskeyAsync(PortalSession session, string name)
    {
        var page = session.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Passkey toevoegen" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/naam", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Geef de passkey een naam");
        await session.AssertAccessibleAsync();
        await page.GetByLabel("Naam van de passkey").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/passkeys");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De naam van de passkey is gewijzigd");
    }

    private static async Task SignInWithPasskeyAsync(IPage page)
    {
        await page.GotoAsync("/inloggen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met een passkey" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Persoonlijk menu" }).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("U bent uitgelogd");
    }

    private async Task<int> PasskeyRowsAsync(Guid personId)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.Database.SqlQuery<int>($"select count(*)::int as \"Value\" from person_passkeys where user_id = {personId}").SingleAsync();
    }

    private async Task<List<(string Action, string? After)>> ActionsOfAsync(Guid personId)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var rows = await db.AuditEvents.Where(e => e.EntityType == "person" && e.EntityId == personId.ToString() && e.ActorPersonId == personId)
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.After }).ToListAsync();
        return [.. rows.Select(r => (r.Action, r.After))];
    }

    private static string? MethodOf((string Action, string? After) line) =>
        JsonDocument.Parse(line.After!).RootElement.GetProperty("method").GetString();

    private async Task<string?> LastFailureReasonAsync(string entityId)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var after = await db.AuditEvents.Where(e => e.Action == "person.sign-in-failed" && e.EntityId == entityId && e.ActorPersonId == null)
            .OrderByDescending(e => e.Id).Select(e => e.After).FirstAsync();
        var json = JsonDocument.Parse(after!).RootElement;
        Assert.Equal("passkey", json.GetProperty("method").GetString());
        return json.GetProperty("reason").GetString();
    }
}
