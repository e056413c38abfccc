using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Dashboard;

/// <summary>
/// The API with the demo data on a real TCP port of 127.0.0.1 (Kestrel, so that a browser can reach it), and a
/// headless Chromium to open the dashboard with.
/// </summary>
public sealed class DashboardFixture : ApiFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public DashboardFixture() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    protected override bool SeedDemo => true;

    /// <summary>The address of the running API, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single().Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <summary>Closes the browser, then the API and its database (re-implements <see cref="IAsyncLifetime"/>: the base's is not virtual).</summary>
    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A client on the real port (not the in-memory handler), optionally with a key.</summary>
    public HttpClient Http(string? key = null, bool followRedirects = true)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects }) { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
