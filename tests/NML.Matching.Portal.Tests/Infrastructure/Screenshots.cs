using Microsoft.Playwright;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>
/// The screenshots of docs/portal.md, taken by the browser tests (issue 14, "Docs"). Every run takes them and keeps them
/// in artifacts/screenshots; with <c>UPDATE_PORTAL_SCREENSHOTS=1</c> it also writes them to docs/portal/, to be
/// committed. Without it a screenshot that docs/portal.md does not show, or that is not in docs/portal/, fails the test:
/// the page's documentation cannot silently lose its picture.
/// </summary>
public static class Screenshots
{
    public const string RefreshCommand = "UPDATE_PORTAL_SCREENSHOTS=1 dotnet test tests/NML.Matching.Portal.Tests --filter FullyQualifiedName~PortalScreenshotTests";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Takes the whole page as <c>docs/portal/&lt;name&gt;.png</c>, after the page has settled (fonts loaded, no network).</summary>
    public static async Task CaptureAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 30_000 });
        var png = await page.ScreenshotAsync(new() { FullPage = true, Type = ScreenshotType.Png, Animations = ScreenshotAnimations.Disabled, Timeout = 30_000 });
        Assert.True(png.AsSpan().StartsWith(PngSignature), $"{name}: the screenshot is not a PNG");
        Assert.True(png.Length > 10_000, $"{name}: the screenshot has only {png.Length} bytes: an empty page?");

        var root = NML.Matching.Api.Tests.OpenApiContractTests.RepositoryRoot();
        var artifacts = Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, $"{name}.png"), png);

        var relative = $"portal/{name}.png";
        var committed = Path.Combine(root, "docs", "portal", $"{name}.png");
        if (Environment.GetEnvironmentVariable("UPDATE_PORTAL_SCREENSHOTS") == "1")
            await File.WriteAllBytesAsync(committed, png);
        else
            Assert.True(File.Exists(committed), $"docs/{relative} is missing: run {RefreshCommand} and commit it");
        Assert.True(File.ReadAllText(Path.Combine(root, "docs", "portal.md")).Contains($"]({relative})", StringComparison.Ordinal),
            $"docs/portal.md does not show docs/{relative}: add ![...]({relative}) to the page's section");
    }
}
