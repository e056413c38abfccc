using Microsoft.Playwright;

namespace NML.Matching.Api.Tests.Dashboard;

/// <summary>
/// A fresh browser context and page (Dutch locale, Amsterdam time, the browser's clock set to the API's fake clock)
/// that records every console error, uncaught exception, failed request and Content Security Policy violation.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"console error: {message.Text}");
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        page.RequestFailed += (_, request) => Record($"request failed: {request.Method} {request.Url}: {request.Failure}");
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(DashboardFixture api)
    {
        var context = await api.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        // Reported as console errors, so that the list above catches them even if the browser stays silent.
        await context.AddInitScriptAsync(
            """
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
            """);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        // The page's default period ends "today": let that be the API's today.
        await page.Clock.SetFixedTimeAsync(api.Clock.GetUtcNow().UtcDateTime);
        return new BrowserSession(context, page);
    }

    private void Record(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    /// <summary>Fails on any recorded error, except those containing <paramref name="allowed"/>.</summary>
    public void AssertNoErrors(string? allowed = null)
    {
        List<string> errors;
        lock (_errors) errors = [.. _errors.Where(e => allowed is null || !e.Contains(allowed, StringComparison.Ordinal))];
        Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
