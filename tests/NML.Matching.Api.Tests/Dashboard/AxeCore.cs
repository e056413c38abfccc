using System.Diagnostics;

namespace NML.Matching.Api.Tests.Dashboard;

/// <summary>
/// axe-core from npm, pinned by web/package-lock.json and installed into web/node_modules by <c>npm ci</c> (which
/// web/vendor.sh and .ci/run do). When it is missing the test runs <c>npm ci</c> in web/ once itself.
/// </summary>
public static class AxeCore
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> PathAsync()
    {
        var root = DashboardTests.RepositoryRoot()
            ?? throw new InvalidOperationException("The repository (NML.Matching.sln) was not found above the test output; axe-core lives in its web/node_modules.");
        var web = Path.Combine(root, "web");
        var axe = Path.Combine(web, "node_modules", "axe-core", "axe.min.js");
        await Gate.WaitAsync();
        try
        {
            if (File.Exists(axe)) return axe;
            var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException($"axe-core is missing ({axe}) and npm could not be run to install it: install Node.js and npm (apt-get install nodejs npm), then run web/vendor.sh.", e);
            }
            using (process)
            {
                process.StandardInput.Close();
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0 || !File.Exists(axe))
                    throw new InvalidOperationException($"'npm ci' in {web} failed (exit {process.ExitCode}); axe-core is needed for the accessibility check:\n{await output}\n{await error}");
            }
            return axe;
        }
        finally
        {
            Gate.Release();
        }
    }
}
