using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Organisations;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Local;

/// <summary>
/// The app as deploy/run-local.sh runs it: the Development environment (its appsettings, no second factor for people)
/// on plain <c>http://localhost</c>, so that a newcomer signs in without a certificate (D45, "Locally over plain HTTP").
/// </summary>
public sealed class LocalDevelopmentFixture : ApiFactory, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public LocalDevelopmentFixture() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Assert.Equal(Uri.UriSchemeHttp, address.Scheme);
        BaseAddress = new Uri($"http://localhost:{address.Port}/");
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
    }
}

public sealed class LocalDevelopmentTests(LocalDevelopmentFixture local) : IClassFixture<LocalDevelopmentFixture>
{
    [Fact]
    public async Task APersonSignsInOverPlainHttpInDevelopmentWithPasswordAlone()
    {
        var organisationId = Guid.NewGuid();
        using (var scope = local.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NML.Matching.Api.Persistence.MatchingDbContext>();
            db.Organisations.Add(Organisation.Create(organisationId, "Lokale corporatie", OrganisationType.Corporatie, "NML", null, null, ["GM0983"], local.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
            var people = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Person>>();
            var created = await people.CreateAsync(new Person(Guid.NewGuid(), organisationId, "lokaal@nml-matching.test", "Lokale Medewerker", PortalRole.Beheerder, local.Clock.GetUtcNow()), PortalPeople.Password);
            Assert.True(created.Succeeded);
        }
        await using var session = await PortalSession.OpenAsync(local.Browser, local.BaseAddress);
        var page = session.Page;

        var form = await page.GotoAsync("/inloggen");
        Assert.Equal(200, form!.Status);
        await page.GetByLabel("E-mailadres").FillAsync("lokaal@nml-matching.test");
        await page.GetByLabel("Wachtwoord").FillAsync(PortalPeople.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }).ClickAsync();

        // No second factor in Development: straight to the start page of the role, signed in.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welkom, Lokale Medewerker");
        await page.GotoAsync("/mensen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mensen van Lokale corporatie");
        session.AssertNoErrors();
    }
}
