using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Sso;

/// <summary>
/// The portal on HTTPS with two single sign-on providers configured, both at one real OpenID Connect provider that this
/// fixture starts first (<see cref="TestIdentityProvider"/>), each as its own client and each linked to its own
/// organisation: "gemeente-test" to a municipality, "broker-test" (an eHerkenning broker, say) to a care provider. The
/// organisations are made with the ids the configuration names, straight after the start.
/// <para>
/// The app runs on the real clock here, not the tests' fixed one: the browser keeps or drops the flow's cookies by
/// their expiry and the provider stamps its tokens with the real time, and both must agree with the app.
/// </para>
/// </summary>
public sealed class SsoPortalFixture : PortalFixture, IAsyncLifetime
{
    public const string GemeenteProvider = "gemeente-test";
    public const string GemeenteProviderName = "Gemeente Teststad";
    public const string BrokerProvider = "broker-test";
    public const string BrokerProviderName = "eHerkenning (testmakelaar)";

    public static readonly Guid GemeenteId = Guid.CreateVersion7();
    public static readonly Guid ZorgaanbiederId = Guid.CreateVersion7();

    private readonly Dictionary<string, (string ClientId, string Secret)> _clients = new()
    {
        [GemeenteProvider] = ("nml-portal-gemeente", "geheim-gemeente-" + Guid.NewGuid().ToString("N")),
        [BrokerProvider] = ("nml-portal-broker", "geheim-broker-" + Guid.NewGuid().ToString("N")),
    };

    public TestIdentityProvider Provider { get; } = new();

    public override async Task InitializeAsync()
    {
        await Provider.StartAsync();
        await base.InitializeAsync();
        foreach (var (id, client) in _clients)
            Provider.AddClient(client.ClientId, client.Secret, new Uri(BaseAddress, $"inloggen/sso/{id}/callback").ToString());

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.Organisations.Add(Organisation.Create(GemeenteId, "Gemeente Teststad", OrganisationType.Gemeente, "NML", "GM0983", null, null, now));
        db.Organisations.Add(Organisation.Create(ZorgaanbiederId, "Zorg Test", OrganisationType.Zorgaanbieder, "NML", null, null, ["GM0983"], now));
        await db.SaveChangesAsync();

        // The portal reads each provider's discovery document and keys on first use; read them now, so that a test's
        // first click does not also pay for starting the provider (on a busy CI machine that took longer than a click may).
        var oidc = Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>();
        foreach (var provider in new[] { GemeenteProvider, BrokerProvider })
        {
            await oidc.Get("sso-" + provider).ConfigurationManager!.GetConfigurationAsync(CancellationToken.None);
        }
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Configure(builder, GemeenteProvider, GemeenteProviderName, GemeenteId);
        Configure(builder, BrokerProvider, BrokerProviderName, ZorgaanbiederId);
        builder.UseSetting("RateLimiting:SignInPermitLimit", "1000000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(TimeProvider.System);
            // The back channel (discovery, keys, token) trusts the provider's certificate, and only it.
            services.ConfigureAll<OpenIdConnectOptions>(options => options.BackchannelHttpHandler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Provider.Thumbprint,
            });
        });
    }

    private void Configure(IWebHostBuilder builder, string id, string displayName, Guid organisationId)
    {
        var section = $"Auth:Sso:Providers:{id}:";
        builder.UseSetting(section + "DisplayName", displayName);
        builder.UseSetting(section + "Authority", Provider.Issuer.ToString());
        builder.UseSetting(section + "ClientId", _clients[id].ClientId);
        builder.UseSetting(section + "ClientSecret", _clients[id].Secret);
        builder.UseSetting(section + "OrganisationId", organisationId.ToString());
    }

    /// <summary>An invited person (no password) of <paramref name="organisationId"/> with this address.</summary>
    public async Task<Person> CreatePersonAsync(Guid organisationId, string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var person = new Person(Guid.CreateVersion7(), organisationId, email, "Test Medewerker", PortalRole.Medewerker, DateTimeOffset.UtcNow);
        var created = await people.CreateAsync(person);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return person;
    }
}
