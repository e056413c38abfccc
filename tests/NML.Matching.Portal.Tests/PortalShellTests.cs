using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests;

/// <summary>
/// The portal's shell in a real browser (Debian's Chromium through Playwright) against the real app on HTTPS with a real
/// PostgreSQL: every page is Dutch, passes axe-core's WCAG 2.1 A/AA rules, works by keyboard, and runs under the
/// portal's strict Content-Security-Policy; the API's paths keep their problem details.
/// </summary>
public sealed class PortalShellTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>The portal's policy as docs/decisions.md (D42, "Static server rendering for the portal") states it.</summary>
    private const string DocumentedPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private const string ServiceName = "NML Matching – Transfer- en Matchingspunt Noord- en Midden-Limburg";

    [Fact]
    public async Task ThePortalsStyleSheetClosesEveryRuleItOpens()
    {
        // A merge once dropped one closing brace: every rule after it became part of the one before, and the browser
        // showed what those rules hide. Count the braces of the sheet the app serves, outside comments and strings.
        using var client = portal.Https();
        var html = await client.GetStringAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(html, "href=\"/?(portal/portal[^\"]*\\.css)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "the start page links no portal.css");
        var css = await client.GetStringAsync("/" + href);
        var text = System.Text.RegularExpressions.Regex.Replace(css, @"/\*.*?\*/|""[^""]*""|'[^']*'", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        var depth = 0;
        var rules = 0;
        foreach (var c in text)
        {
            if (c == '{') { depth++; rules++; }
            else if (c == '}') Assert.True(--depth >= 0, "a closing brace without an opening one");
        }
        Assert.True(rules > 0, "the style sheet has no rules");
        Assert.Equal(0, depth);
    }

    [Theory]
    [InlineData("/", "Wonen na beschermd wonen en opvang", 200)]
    [InlineData("/niet-gevonden", "Pagina niet gevonden", 404)]
    [InlineData("/deze/pagina/bestaat/niet", "Pagina niet gevonden", 404)]
    [InlineData("/fout", "Pagina niet gevonden", 404)] // the error page, asked for without an error
    public async Task EveryPortalPageIsDutchAndHasNoWcagViolation(string path, string heading, int status)
    {
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        var response = await page.GotoAsync(path);

        Assert.Equal(status, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(ServiceName);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToBeVisibleAsync();
        await session.AssertAccessibleAsync();
        session.AssertNoErrors(documentStatus: status == 200 ? null : status);
    }

    [Fact]
    public async Task TheSkipLinkIsTheFirstTabStopAndMovesFocusToTheMainContent()
    {
        await using var session = await portal.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wonen na beschermd wonen en opvang");

        await page.Keyboard.PressAsync("Tab");

        var focused = page.Locator(":focus");
        await Assertions.Expect(focused).ToHaveTextAsync("Naar de inhoud");
        Assert.Equal("#inhoud", await focused.GetAttributeAsync("href"));
        // Visible when focused: on screen, with a focus outline.
        await Assertions.Expect(focused).ToBeInViewportAsync();
        Assert.NotEqual("none", await focused.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "inhoud");
        Assert.Equal("MAIN", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        // The next Tab stop is inside the main content, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('inhoud').contains(document.activeElement)"),
            "after the skip link, Tab should lead into the main content");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task ThePortalRunsUnderItsPolicyWithoutAViolationWhileNavigating()
    {
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        var response = await page.GotoAsync("/niet-gevonden");

        Assert.Equal(DocumentedPolicy, await response!.HeaderValueAsync("content-security-policy"));
        // blazor.web.js ran (enhanced navigation is on), and the NL Design System's CSS and font were applied.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        Assert.Contains("Noto Sans", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("async () => { await document.fonts.ready; return document.fonts.check('16px \"Noto Sans\"'); }"));

        // An enhanced navigation (fetch and patch, not a page load) to the start page and back to an unknown page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ga naar de startpagina" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wonen na beschermd wonen en opvang");
        await page.GetByRole(AriaRole.Link, new() { Name = ServiceName }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wonen na beschermd wonen en opvang");
        Assert.True(await page.EvaluateAsync<bool>("() => window.Blazor !== undefined"));

        session.AssertNoErrors(documentStatus: 404); // the first page, /niet-gevonden, is a 404 page

        // Positive control: the listener does see a violation when there is one (an inline script the policy refuses).
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.appendChild(s); }");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await WaitUntilAsync(() => session.Errors.Any(e => e.Contains("CSP violation: script-src", StringComparison.Ordinal)));
        Assert.False(await page.EvaluateAsync<bool>("() => window.inlineRan === true"));
    }

    [Fact]
    public async Task AnUnknownApiPathGetsProblemDetailsWhileAnUnknownPortalPathGetsTheDutchPage()
    {
        // Both asked for by the browser itself, as a person typing the address would.
        await using var session = await portal.OpenAsync();
        var page = session.Page;

        var api = await page.GotoAsync("/api/v1/nothing");

        Assert.Equal(404, api!.Status);
        Assert.StartsWith("application/problem+json", await api.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        var problem = JsonDocument.Parse(await api.TextAsync()).RootElement;
        Assert.Equal("not-found", problem.GetProperty("code").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("default-src 'none'", await api.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);

        var unknown = await page.GotoAsync("/nothing");

        Assert.Equal(404, unknown!.Status);
        Assert.StartsWith("text/html", await unknown.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        Assert.Equal(DocumentedPolicy, await unknown.HeaderValueAsync("content-security-policy"));
    }

    [Theory]
    [InlineData("/api/v1/regions", HttpStatusCode.Unauthorized, "application/problem+json")]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK, "application/json")]
    [InlineData("/health/live", HttpStatusCode.OK, null)]
    [InlineData("/swagger/index.html", HttpStatusCode.OK, "text/html")]
    public async Task TheApiAndItsCompanionsAnswerAsBeforeBesideThePortal(string path, HttpStatusCode status, string? mediaType)
    {
        using var http = portal.Https();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*");

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        if (mediaType is not null) Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.NotEqual(DocumentedPolicy, policy);
        Assert.DoesNotContain("Pagina niet gevonden", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), "the condition did not become true within 5 s");
    }
}
