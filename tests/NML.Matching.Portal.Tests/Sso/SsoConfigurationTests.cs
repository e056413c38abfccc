using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NML.Matching.Api.Infrastructure.Auth.Sso;
using NML.Matching.Api.Infrastructure.Security;
using NML.Matching.Api.Portal;
using NML.Matching.Api.Portal.Account;

namespace NML.Matching.Portal.Tests.Sso;

/// <summary>
/// The deployment's single sign-on configuration (docs/security.md, "Single sign-on"): <c>Auth:Sso:Providers:&lt;id&gt;</c>
/// with DisplayName, Authority, ClientId, ClientSecret and OrganisationId, checked at start-up; the local-only return
/// URLs; the sign-in buttons; and the portal policy's <c>form-action</c> for the providers' origins.
/// </summary>
public sealed class SsoConfigurationTests
{
    private static readonly Guid Organisation = Guid.Parse("0198f3a0-0000-7000-8000-000000000001");

    private static Dictionary<string, string?> Valid(string id = "gemeente-venlo") => new()
    {
        [$"Auth:Sso:Providers:{id}:DisplayName"] = "Gemeente Venlo",
        [$"Auth:Sso:Providers:{id}:Authority"] = "https://login.venlo.example/realms/medewerkers",
        [$"Auth:Sso:Providers:{id}:ClientId"] = "nml-matching",
        [$"Auth:Sso:Providers:{id}:ClientSecret"] = "geheim",
        [$"Auth:Sso:Providers:{id}:OrganisationId"] = Organisation.ToString(),
    };

    private static SsoProviders Read(Dictionary<string, string?> settings) =>
        SsoProviders.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void AValidProviderBecomesTheSchemeAndPathsOfTheContract()
    {
        var provider = Assert.Single(Read(Valid()).All);

        Assert.Equal("sso-gemeente-venlo", provider.Scheme);
        Assert.Equal("/inloggen/sso/gemeente-venlo", provider.SignInPath);
        Assert.Equal("/inloggen/sso/gemeente-venlo/callback", provider.CallbackPath);
        Assert.Equal("https://login.venlo.example", provider.Origin);
        Assert.Equal(Organisation, provider.OrganisationId);
    }

    [Fact]
    public void NoProvidersIsValidAndEmpty() => Assert.Empty(Read([]).All);

    [Theory]
    [InlineData("Gemeente", "the id must be")]              // upper case
    [InlineData("gemeente_venlo", "the id must be")]        // underscore
    [InlineData("-venlo", "the id must be")]                // leading dash
    [InlineData("mislukt", "reserved")]                     // the refusal page
    public void ABadIdStopsTheStartNamingTheEntry(string id, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(Valid(id)));

        Assert.Contains($"Auth:Sso:Providers:{id}", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DisplayName", "")]
    [InlineData("Authority", "http://login.venlo.example/")]       // not https
    [InlineData("Authority", "login.venlo.example")]               // not absolute
    [InlineData("Authority", "https://login.venlo.example/?x=1")]  // a query
    [InlineData("ClientId", " ")]
    [InlineData("ClientSecret", "")]
    [InlineData("OrganisationId", "venlo")]
    [InlineData("OrganisationId", "00000000-0000-0000-0000-000000000000")]
    public void ABadSettingStopsTheStartNamingTheSetting(string setting, string value)
    {
        var settings = Valid();
        settings[$"Auth:Sso:Providers:gemeente-venlo:{setting}"] = value;

        var error = Assert.Throws<InvalidOperationException>(() => Read(settings));

        Assert.Contains($"Auth:Sso:Providers:gemeente-venlo:{setting}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingSettingStopsTheStartToo()
    {
        var settings = Valid();
        settings.Remove("Auth:Sso:Providers:gemeente-venlo:OrganisationId");

        var error = Assert.Throws<InvalidOperationException>(() => Read(settings));

        Assert.Contains("Auth:Sso:Providers:gemeente-venlo:OrganisationId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/kandidaten?pagina=2", "/kandidaten?pagina=2")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]   // browsers drop the tab and read //evil.example
    [InlineData("kandidaten", "/")]         // relative: not a path of this site's root
    [InlineData("javascript:alert(1)", "/")]
    public void OnlyALocalReturnUrlIsKept(string? returnUrl, string expected) => Assert.Equal(expected, ReturnUrls.LocalOrHome(returnUrl));

    [Fact]
    public void TheFormActionAllowsEachProvidersOriginOnce()
    {
        var policy = SecurityHeadersMiddleware.PortalPolicyWith(["https://login.venlo.example", "https://broker.example:8443", "https://login.venlo.example"]);

        Assert.Contains("; form-action 'self' https://broker.example:8443 https://login.venlo.example; ", policy, StringComparison.Ordinal);
        Assert.Equal(SecurityHeadersMiddleware.PortalPolicy, SecurityHeadersMiddleware.PortalPolicyWith([]));
    }

    [Fact]
    public async Task TheSignInButtonsAreOneFormPerProviderAndNothingWithoutProviders()
    {
        var two = Valid();
        foreach (var (key, value) in Valid("broker")) two[key] = value;
        two["Auth:Sso:Providers:broker:DisplayName"] = "eHerkenning";

        var html = await RenderSignInAsync(Read(two), returnUrl: "https://evil.example/");
        var none = await RenderSignInAsync(Read([]), returnUrl: "/");

        var forms = html.QuerySelectorAll("form");
        Assert.Equal(["/inloggen/sso/broker", "/inloggen/sso/gemeente-venlo"], forms.Select(f => f.GetAttribute("action")));
        Assert.All(forms, f => Assert.Equal("post", f.GetAttribute("method")));
        Assert.Equal(["Inloggen met eHerkenning", "Inloggen met Gemeente Venlo"], forms.Select(f => f.QuerySelector("button[type=submit]")!.TextContent.Trim()));
        Assert.All(forms, f => Assert.Equal("/", f.QuerySelector("input[type=hidden][name=returnUrl]")!.GetAttribute("value")));
        Assert.Equal("", none.Body!.InnerHtml.Trim());
    }

    private static async Task<AngleSharp.Dom.IDocument> RenderSignInAsync(SsoProviders providers, string returnUrl)
    {
        await using var services = new ServiceCollection().AddLogging().AddSingleton(providers)
            .AddSingleton<AntiforgeryStateProvider, NoAntiforgery>().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<SsoSignIn>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(SsoSignIn.ReturnUrl)] = returnUrl }))).ToHtmlString());
        return await new HtmlParser().ParseDocumentAsync(html);
    }

    /// <summary>Outside a request there is no antiforgery token to render (the browser tests post the real one).</summary>
    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}
