using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Auditing;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Sso;

/// <summary>
/// Single sign-on per organisation (issue 13; docs/decisions.md, "Single sign-on per organisation"; docs/security.md,
/// "Single sign-on") end to end: Debian's Chromium clicks "Inloggen met ..." on the portal (HTTPS, real PostgreSQL), goes
/// to a real OpenID Connect provider (OpenIddict, started by the fixture, code flow with PKCE) and comes back. A first
/// sign-in links an invited person of the provider's organisation by e-mail address; nobody is ever created, and
/// nobody of another organisation is linked. Whether a person is signed in is read from the session cookie the browser
/// holds, authenticated by the app itself, and from the audit trail.
/// </summary>
public sealed class SsoSignInTests(SsoPortalFixture portal) : IClassFixture<SsoPortalFixture>
{
    private const string Gemeente = SsoPortalFixture.GemeenteProvider;
    private const string Broker = SsoPortalFixture.BrokerProvider;

    /// <summary>The portal's policy (docs/decisions.md, D42) with the provider's origin added to form-action (D46).</summary>
    private string PolicyWithTheProvider =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        $"form-action 'self' https://localhost:{portal.Provider.Issuer.Port}; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    [Fact]
    public async Task AnInvitedPersonSignsInWithTheirOrganisationsProviderAndIsLinkedOnce()
    {
        var person = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        var subject = Subject();
        portal.Provider.SignInAs(new ProviderUser(subject, person.Email, EmailVerified: true));
        await using var session = await portal.OpenAsync();

        await SignInAsync(session, Gemeente, returnUrl: "/?van=intranet");

        Assert.Equal(new Uri(portal.BaseAddress, "/?van=intranet").ToString(), session.Page.Url);
        Assert.Equal(person.Id, await SignedInPersonAsync(session));
        var cookie = (await session.Page.Context.CookiesAsync([portal.BaseAddress.ToString()])).Single(c => c.Name == AuthSetup.AuthCookieName);
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.Equal("/", cookie.Path);
        // The provider's answer does not outlive the sign-in: no external cookie, no correlation or nonce cookie.
        Assert.Equal(["__Host-nml-af", AuthSetup.AuthCookieName], (await session.Page.Context.CookiesAsync([portal.BaseAddress.ToString()])).Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal([("sso-" + Gemeente, subject)], await LoginsOfAsync(person.Id));
        var audit = await AuditOfAsync(person.Id.ToString());
        Assert.Equal(["person.login-linked", "person.signed-in"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(person.Id, a.ActorPersonId));
        Assert.All(audit, a => Assert.Equal(SsoPortalFixture.GemeenteId, a.ActorOrganisationId));
        Assert.All(audit, a => Assert.Equal("sso:" + Gemeente, MethodOf(a)));
        Assert.Equal(["nml-portal-gemeente"], portal.Provider.AuthorizedClients.TakeLast(1));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheNextSignInFindsThePersonByTheStoredLinkEvenWhenTheProviderSendsAnotherAddress()
    {
        var person = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        var subject = Subject();
        portal.Provider.SignInAs(new ProviderUser(subject, person.Email, EmailVerified: true));
        await using (var first = await portal.OpenAsync()) await SignInAsync(first, Gemeente);

        // The same account at the provider (same subject), whose address changed there.
        portal.Provider.SignInAs(new ProviderUser(subject, Address(), EmailVerified: true));
        await using var second = await portal.OpenAsync();
        await SignInAsync(second, Gemeente);

        Assert.Equal(person.Id, await SignedInPersonAsync(second));
        Assert.Equal([("sso-" + Gemeente, subject)], await LoginsOfAsync(person.Id));
        Assert.Equal(["person.login-linked", "person.signed-in", "person.signed-in"], (await AuditOfAsync(person.Id.ToString())).Select(a => a.Action));
        second.AssertNoErrors();
    }

    [Fact]
    public async Task APersonOfAnotherOrganisationIsRefusedAndNotLinkedButSignsInWithTheirOwnOrganisationsProvider()
    {
        // A person of the care provider; the municipality's provider vouches for the same address.
        var person = await portal.CreatePersonAsync(SsoPortalFixture.ZorgaanbiederId, Address());
        portal.Provider.SignInAs(new ProviderUser(Subject(), person.Email, EmailVerified: true));
        await using var refused = await portal.OpenAsync();

        await SignInAsync(refused, Gemeente);

        await AssertRefusedAsync(refused);
        Assert.Empty(await LoginsOfAsync(person.Id));
        var failure = Assert.Single(await AuditOfAsync(person.Id.ToString()));
        Assert.Equal(("person.sign-in-failed", SignInAudit.AnonymousRole, (Guid?)null), (failure.Action, failure.ActorRole, failure.ActorPersonId));
        Assert.Equal(("sso:" + Gemeente, "other-organisation"), (MethodOf(failure), ReasonOf(failure)));

        // Positive control: the same person, through the provider of their own organisation.
        var subject = Subject();
        portal.Provider.SignInAs(new ProviderUser(subject, person.Email, EmailVerified: true));
        await using var accepted = await portal.OpenAsync();
        await SignInAsync(accepted, Broker);

        Assert.Equal(person.Id, await SignedInPersonAsync(accepted));
        Assert.Equal([("sso-" + Broker, subject)], await LoginsOfAsync(person.Id));
        Assert.Equal(["nml-portal-gemeente", "nml-portal-broker"], portal.Provider.AuthorizedClients.TakeLast(2));
        accepted.AssertNoErrors();
    }

    [Fact]
    public async Task AnUnknownAddressIsRefusedAndNobodyIsCreated()
    {
        var address = Address();
        var before = await CountPeopleAsync();
        portal.Provider.SignInAs(new ProviderUser(Subject(), address, EmailVerified: true));
        await using var session = await portal.OpenAsync();

        await SignInAsync(session, Gemeente);

        await AssertRefusedAsync(session);
        Assert.Equal(before, await CountPeopleAsync());
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Person>>().FindByEmailAsync(address));
        var failure = (await AuditOfAsync(SignInAudit.UnknownPerson)).Last();
        Assert.Equal(("sso:" + Gemeente, "no-account"), (MethodOf(failure), ReasonOf(failure)));
        // The typed-in address is never in the audit trail (SignInAudit).
        Assert.DoesNotContain(address, failure.After, StringComparison.OrdinalIgnoreCase);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task EveryRefusalShowsTheSameTextWhetherOrNotAnAccountExists()
    {
        var otherOrganisation = await portal.CreatePersonAsync(SsoPortalFixture.ZorgaanbiederId, Address());
        var unverified = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        var deactivated = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var stored = (await people.FindByIdAsync(deactivated.Id.ToString()))!;
            stored.Deactivate(DateTimeOffset.UtcNow);
            await people.UpdateSecurityStampAsync(stored);
        }
        ProviderUser[] refusals =
        [
            new(Subject(), Address(), EmailVerified: true),              // nobody has this address
            new(Subject(), otherOrganisation.Email, EmailVerified: true), // a person of another organisation
            new(Subject(), unverified.Email, EmailVerified: false),      // the provider has not verified the address
            new(Subject(), deactivated.Email, EmailVerified: true),      // a deactivated person
            new(Subject(), Email: null),                                  // no address at all
        ];

        var texts = new List<string>();
        foreach (var user in refusals)
        {
            portal.Provider.SignInAs(user);
            await using var session = await portal.OpenAsync();
            await SignInAsync(session, Gemeente);
            await AssertRefusedAsync(session);
            texts.Add(await session.Page.GetByRole(AriaRole.Main).InnerTextAsync());
            session.AssertNoErrors();
        }

        Assert.Single(texts.Distinct(StringComparer.Ordinal));
        Assert.Empty(await LoginsOfAsync(unverified.Id));
        Assert.Empty(await LoginsOfAsync(deactivated.Id));
        Assert.Equal("email-not-verified", ReasonOf(Assert.Single(await AuditOfAsync(unverified.Id.ToString()))));
        Assert.Equal("not-allowed", ReasonOf(Assert.Single(await AuditOfAsync(deactivated.Id.ToString()))));
    }

    [Fact]
    public async Task ARefusalAtTheProviderEndsOnTheRefusalPageAndIsAudited()
    {
        var before = (await AuditOfAsync(SignInAudit.UnknownPerson)).Count;
        portal.Provider.RefuseSignIn();
        await using var session = await portal.OpenAsync();

        await SignInAsync(session, Broker);

        await AssertRefusedAsync(session);
        var failure = Assert.Single((await AuditOfAsync(SignInAudit.UnknownPerson)).Skip(before));
        Assert.Equal(("sso:" + Broker, "provider-error"), (MethodOf(failure), ReasonOf(failure)));
        session.AssertNoErrors();
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task AReturnUrlToAnotherSiteEndsOnTheStartPage(string returnUrl)
    {
        var person = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        portal.Provider.SignInAs(new ProviderUser(Subject(), person.Email, EmailVerified: true));

        // As a link would carry it: in the page's query.
        await using (var fromLink = await portal.OpenAsync())
        {
            await SignInAsync(fromLink, Gemeente, returnUrl);
            Assert.Equal(portal.BaseAddress.ToString(), fromLink.Page.Url);
            Assert.Equal(person.Id, await SignedInPersonAsync(fromLink));
            fromLink.AssertNoErrors();
        }

        // As a forged form would post it: the field changed in the page before the click.
        await using var forged = await portal.OpenAsync();
        await forged.Page.GotoAsync($"/inloggen/sso/{Gemeente}");
        await forged.Page.EvalOnSelectorAsync("input[name=returnUrl]", "(e, url) => e.value = url", returnUrl);
        await ClickAndWaitForThePortalAsync(forged, SsoPortalFixture.GemeenteProviderName);
        Assert.Equal(portal.BaseAddress.ToString(), forged.Page.Url);
        Assert.Equal(person.Id, await SignedInPersonAsync(forged));
    }

    [Theory]
    [InlineData("/inloggen/sso/" + Gemeente, "Inloggen met " + SsoPortalFixture.GemeenteProviderName)]
    [InlineData("/inloggen/sso/" + Broker, "Inloggen met " + SsoPortalFixture.BrokerProviderName)]
    [InlineData("/inloggen/sso/mislukt", "Inloggen is niet gelukt")]
    public async Task TheSignInPagesAreDutchUnderThePolicyWithTheProvidersAndHaveNoWcagViolation(string path, string heading)
    {
        await using var session = await portal.OpenAsync();

        var response = await session.Page.GotoAsync(path);

        Assert.Equal(200, response!.Status);
        Assert.Equal(PolicyWithTheProvider, await response.HeaderValueAsync("content-security-policy"));
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        Assert.Equal("nl", await session.Page.GetAttributeAsync("html", "lang"));
        await session.AssertAccessibleAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task TheDeepLinkHasOneButtonThatWorksByKeyboard()
    {
        var person = await portal.CreatePersonAsync(SsoPortalFixture.GemeenteId, Address());
        portal.Provider.SignInAs(new ProviderUser(Subject(), person.Email));
        await using var session = await portal.OpenAsync();
        await session.Page.GotoAsync($"/inloggen/sso/{Gemeente}");

        var button = session.Page.GetByRole(AriaRole.Button);
        await Assertions.Expect(button).ToHaveCountAsync(1);
        await button.FocusAsync();
        await session.Page.Keyboard.PressAsync("Enter");
        await session.Page.WaitForURLAsync(portal.BaseAddress.ToString());

        Assert.Equal(person.Id, await SignedInPersonAsync(session));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ASignInPostWithoutTheAntiforgeryTokenGoesBackToThePageNotToTheProvider()
    {
        // As a page on another site would post it: the return URL, but no token (the browser tests post the real one).
        using var client = portal.Https();
        var before = portal.Provider.AuthorizedClients.Count;

        var response = await client.PostAsync($"/inloggen/sso/{Gemeente}", new FormUrlEncodedContent([new("returnUrl", "/")]));

        // Back to the page with its button (a GET), not on to the provider.
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/inloggen/sso/{Gemeente}", response.Headers.Location?.ToString());
        Assert.Equal(before, portal.Provider.AuthorizedClients.Count);
    }

    [Fact]
    public async Task AnUnknownProviderIsThePortalsNotFoundPage()
    {
        await using var session = await portal.OpenAsync();

        var response = await session.Page.GotoAsync("/inloggen/sso/onbekend");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        session.AssertNoErrors(documentStatus: 404);
    }

    // ---- helpers ----

    private static string Address() => $"p{Guid.NewGuid():N}@teststad.example";

    private static string Subject() => "sub-" + Guid.NewGuid().ToString("N");

    /// <summary>Opens the provider's deep link (with the return URL in its query), clicks its button and waits until the browser is back on the portal.</summary>
    private async Task SignInAsync(PortalSession session, string provider, string? returnUrl = null)
    {
        var path = $"/inloggen/sso/{provider}" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await session.Page.GotoAsync(path);
        var name = provider == Gemeente ? SsoPortalFixture.GemeenteProviderName : SsoPortalFixture.BrokerProviderName;
        await ClickAndWaitForThePortalAsync(session, name);
    }

    private async Task ClickAndWaitForThePortalAsync(PortalSession session, string providerName)
    {
        var page = session.Page;
        var portalOrigin = portal.BaseAddress.GetLeftPart(UriPartial.Authority);
        // The click starts five redirects through the provider and back (each a request of the portal or of the provider
        // in this test process): on a busy two-core CI machine that may take longer than one page's default timeout.
        var journey = new LocatorClickOptions { Timeout = 45_000 };
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met " + providerName }).ClickAsync(journey);
        // Through the provider and back: done when the browser is on the portal again, off the sign-in page.
        await page.WaitForURLAsync(url => url.StartsWith(portalOrigin + "/", StringComparison.Ordinal)
            && !url.Contains("/inloggen/sso/" + Gemeente, StringComparison.Ordinal) && !url.Contains("/inloggen/sso/" + Broker, StringComparison.Ordinal),
            new() { Timeout = 45_000 });
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task AssertRefusedAsync(PortalSession session)
    {
        Assert.Equal(new Uri(portal.BaseAddress, "/inloggen/sso/mislukt").ToString(), session.Page.Url);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggen is niet gelukt");
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Terug naar inloggen" })).ToHaveAttributeAsync("href", "/inloggen");
        Assert.Null(await SignedInPersonAsync(session));
    }

    /// <summary>The person whose session the browser holds: its <c>__Host-nml-auth</c> cookie, authenticated by the app on a portal path; null without one.</summary>
    private async Task<Guid?> SignedInPersonAsync(PortalSession session)
    {
        var cookies = await session.Page.Context.CookiesAsync([portal.BaseAddress.ToString()]);
        if (cookies.SingleOrDefault(c => c.Name == AuthSetup.AuthCookieName) is not { } cookie) return null;
        await using var scope = portal.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost", portal.BaseAddress.Port);
        context.Request.Path = "/";
        context.Request.Headers.Cookie = $"{cookie.Name}={cookie.Value}";
        var result = await context.AuthenticateAsync();
        Assert.True(result.Succeeded, "the browser holds a session cookie that the app does not accept");
        return Guid.Parse(result.Principal!.FindFirstValue(CallerClaims.PersonId)!);
    }

    private async Task<List<(string, string)>> LoginsOfAsync(Guid personId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return (await db.UserLogins.Where(l => l.UserId == personId).OrderBy(l => l.LoginProvider).ToListAsync())
            .Select(l => (l.LoginProvider, l.ProviderKey)).ToList();
    }

    private async Task<int> CountPeopleAsync()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MatchingDbContext>().Users.CountAsync();
    }

    private async Task<List<AuditEvent>> AuditOfAsync(string entityId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == SignInAudit.EntityType && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    private static string? MethodOf(AuditEvent audit) => JsonDocument.Parse(audit.After!).RootElement.GetProperty("method").GetString();

    private static string? ReasonOf(AuditEvent audit) => JsonDocument.Parse(audit.After!).RootElement.GetProperty("reason").GetString();
}
