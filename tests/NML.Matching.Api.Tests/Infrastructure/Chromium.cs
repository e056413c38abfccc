using System.Diagnostics;
using Microsoft.Playwright;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright (no browser download: that cannot work here). The binary is
/// <c>/usr/bin/chromium</c> unless <c>NML_CHROMIUM</c> names another. When it is missing: a failure under CI
/// (CI=true; .ci/run installs it), otherwise it is installed once with apt-get when running as root, else the test
/// fails naming the package.
/// </summary>
public static class Chromium
{
    public const string DebianPackage = "chromium";
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _executable;

    /// <summary>Starts Playwright and a headless Chromium; dispose both.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = await EnsureInstalledAsync();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>The path of the Chromium binary, installing Debian's package first where the house rules allow it.</summary>
    public static async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_executable is not null) return _executable;
            var path = Environment.GetEnvironmentVariable("NML_CHROMIUM") is { Length: > 0 } configured ? configured : DefaultPath;
            if (File.Exists(path)) return _executable = path;

            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"Chromium is missing at {path}. CI must install the Debian package '{DebianPackage}' (.ci/run does so in Prerequisites).");
            if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
                throw new InvalidOperationException(
                    $"Chromium is missing at {path}. Install the Debian package '{DebianPackage}' (sudo apt-get install {DebianPackage}), or set NML_CHROMIUM to a Chromium binary.");

            await RunAsync("apt-get", "update -qq");
            await RunAsync("apt-get", $"install -y -qq --no-install-recommends {DebianPackage}");
            if (!File.Exists(path))
                throw new InvalidOperationException($"apt-get installed '{DebianPackage}' but {path} is still missing; set NML_CHROMIUM.");
            return _executable = path;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task RunAsync(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {arguments}' failed with exit code {process.ExitCode} while installing Debian's '{DebianPackage}':\n{await output}\n{await error}");
    }
}
