using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>
/// A fresh browser context and page on the portal that records every console error, uncaught exception, failed
/// request and Content-Security-Policy violation (the <c>securitypolicyviolation</c> event, reported to the console by
/// a script the browser context adds to every document).
/// </summary>
public sealed class PortalSession : IAsyncDisposable
{
    /// <summary>The rule sets of WCAG 2.1 A and AA, the portal's accessibility rule.</summary>
    public static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private PortalSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"console error: {message.Text}");
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            if (!IsSupersededNavigation(request)) Record($"request failed: {request.Method} {request.Url}: {request.Failure}");
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// A link or form inside the portal is followed by blazor.web.js's enhanced navigation: a <c>fetch</c> of the next
    /// page. The next navigation aborts the one before it, as a browser abandons a page load when one clicks on, and
    /// Chromium may report that fetch as aborted even after its page was shown (and Playwright may never report it as
    /// finished, so waiting for its end can hang a test). An aborted fetch is the browser's own doing, not an error of
    /// the portal; any other failed request (a script, a style sheet, a refused connection) still counts.
    /// </summary>
    private static bool IsSupersededNavigation(IRequest request) =>
        request.ResourceType == "fetch" && request.Failure == "net::ERR_ABORTED";

    public static async Task<PortalSession> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            IgnoreHTTPSErrors = true,
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        await context.AddInitScriptAsync(
            """
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // A page load may wait for a busy machine (two cores, the app's first requests after start): twice an action's time.
        page.SetDefaultNavigationTimeout(30_000);
        return new PortalSession(context, page);
    }

    /// <summary>Every error recorded so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    private void Record(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    /// <summary>
    /// Fails on any recorded error. A page that is itself an error page (a 404) is reported once by the browser as a
    /// resource that failed to load: <paramref name="documentStatus"/> allows that one line.
    /// </summary>
    public void AssertNoErrors(int? documentStatus = null)
    {
        var errors = Errors.ToList();
        if (documentStatus is { } status)
        {
            var line = $"console error: Failed to load resource: the server responded with a status of {status} ";
            var index = errors.FindIndex(e => e.StartsWith(line, StringComparison.Ordinal));
            Assert.True(index >= 0, $"the browser did not report the page's own status {status}: {string.Join("\n", errors)}");
            errors.RemoveAt(index);
        }
        Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));
    }

    /// <summary>Runs axe-core on the page with the WCAG 2.1 A/AA rules and fails on any violation, naming each.</summary>
    public async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        // axe ran its rules: a page on which nothing passed was not checked at all.
        Assert.NotEmpty(result.Passes);
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()).Take(5))}").ToList();
        Assert.True(violations.Count == 0, $"axe-core found WCAG 2.1 A/AA violations on {Page.Url}:\n" + string.Join("\n", violations));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
