using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Tests.Email;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>
/// The real app (API and portal in one host) on its own real PostgreSQL database, served by Kestrel over HTTPS on
/// <c>https://localhost:&lt;free port&gt;/</c> with a self-signed certificate made here, and a headless Debian Chromium to
/// open it with. HTTPS because the antiforgery cookie (<c>__Host-</c>, Secure) refuses plain HTTP; <c>localhost</c>, not
/// 127.0.0.1, because WebAuthn (passkeys, later) refuses an IP address.
/// </summary>
public class PortalFixture : ApiFactory, IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = SelfSigned("localhost");
    private IPlaywright? _playwright;

    public PortalFixture() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));

    /// <summary>The portal's address, such as <c>https://localhost:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The SMTP server the app sends its mail to (a real one, in this process).</summary>
    public SmtpTestServer Smtp { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        await base.InitializeAsync();
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal(Uri.UriSchemeHttps, address.Scheme);
        BaseAddress = new Uri($"https://localhost:{address.Port}/");
        (_playwright, Browser) = await Chromium.LaunchAsync();
        // Expect(...) waits 5 s by default, as page actions wait 15 s here (PortalSession): a loaded CI machine can take
        // longer than 5 s for a round trip and the next page's render, and then a correct page fails its assertion.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>Closes the browser, then the app and its database (re-implements <see cref="IAsyncLifetime"/>: the base's is not virtual).</summary>
    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        _certificate.Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The sender's own timer runs on the test's fake clock and never fires: DeliverMailAsync runs its passes.
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:Smtp:From", "matchingspunt@nml-matching.test");
    }

    /// <summary>Sends every mail that is due now (the outbox's sender, as its timer would) and returns the mails the SMTP server received for <paramref name="to"/>.</summary>
    public async Task<List<ReceivedMail>> DeliverMailAsync(string to)
    {
        var sender = Services.GetRequiredService<NML.Matching.Api.Infrastructure.Email.EmailSender>();
        for (var pass = 0; pass < 20 && await sender.RunOnceAsync(CancellationToken.None) > 0; pass++)
        {
        }
        return [.. Smtp.Received.Where(m => m.EnvelopeTo.Contains(to, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>A client on the real port that trusts this fixture's certificate (and only it), without following redirects.</summary>
    public HttpClient Https()
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>The API's clients (<see cref="ApiFactory.WithKey"/>) go to the real port too.</summary>
    protected override HttpClient CreateApiClient() => Https();

    /// <summary>A fresh browser context (Dutch, the fixture's address as base, its certificate accepted) with one page.</summary>
    public Task<PortalSession> OpenAsync() => PortalSession.OpenAsync(Browser, BaseAddress);

    /// <summary>A self-signed server certificate for <paramref name="host"/>, valid for a week.</summary>
    internal static X509Certificate2 SelfSigned(string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false)); // server authentication
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        // Kestrel needs the private key in a form it can use on Linux: through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
