using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using NML.Matching.Portal.Tests.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace NML.Matching.Portal.Tests.Sso;

/// <summary>The account a test wants the provider to sign in: its subject (the stable id), its address, and what it says of the address.</summary>
public sealed record ProviderUser(string Subject, string? Email, bool? EmailVerified = null, string Name = "Test Medewerker");

/// <summary>
/// A real OpenID Connect provider in the test process: OpenIddict's server on its own Kestrel over HTTPS
/// (<c>https://localhost:&lt;free port&gt;/</c>, a self-signed certificate), with discovery, keys, an authorization
/// endpoint and a token endpoint; the authorization code flow with PKCE required; ephemeral keys; no database
/// (OpenIddict's degraded mode, so the clients are checked here: their id, secret and redirect URIs). The authorization
/// endpoint approves at once (passthrough) and signs in the account the test chose with <see cref="SignInAs"/>, as a
/// person who is already signed in at their organisation would be.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly X509Certificate2 _certificate = PortalFixture.SelfSigned("localhost");
    private readonly ConcurrentDictionary<string, (string Secret, string RedirectUri)> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _authorizedClients = new();
    private WebApplication? _app;
    private volatile ProviderUser? _user;
    private volatile bool _refuse;

    /// <summary>The issuer, such as <c>https://localhost:40125/</c>.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The certificate's thumbprint, which the app under test's back channel trusts.</summary>
    public string Thumbprint => _certificate.Thumbprint;

    /// <summary>Every client id the authorization endpoint approved, in order.</summary>
    public IReadOnlyCollection<string> AuthorizedClients => _authorizedClients;

    /// <summary>Registers a confidential client (once the app's address is known, its redirect URI).</summary>
    public void AddClient(string clientId, string secret, string redirectUri) => _clients[clientId] = (secret, redirectUri);

    /// <summary>The account the next authorization request signs in.</summary>
    public void SignInAs(ProviderUser user)
    {
        _refuse = false;
        _user = user;
    }

    /// <summary>The next authorization requests are refused (<c>access_denied</c>), as when the person cancels at the provider.</summary>
    public void RefuseSignIn() => _refuse = true;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().EnableAuthorizationEndpointPassthrough();
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId is null || !_clients.TryGetValue(context.ClientId, out var client))
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (!string.Equals(context.RedirectUri, client.RedirectUri, StringComparison.Ordinal))
                    context.Reject(Errors.InvalidRequest, "This redirect_uri is not registered for the client.");
                return default;
            }));
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!context.Request.IsAuthorizationCodeGrantType())
                    context.Reject(Errors.UnsupportedGrantType, "Only the authorization code flow.");
                else if (context.Request.ClientId is not { } id || !_clients.TryGetValue(id, out var client)
                    || !string.Equals(context.Request.ClientSecret, client.Secret, StringComparison.Ordinal))
                    context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
                return default;
            }));
        });
        _app = builder.Build();
        _app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (_refuse)
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "De gebruiker heeft het inloggen afgebroken.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            var user = _user ?? throw new InvalidOperationException("The test did not say whom to sign in (SignInAs).");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            identity.AddClaim(new Claim(Claims.Name, user.Name));
            if (user.Email is not null) identity.AddClaim(new Claim(Claims.Email, user.Email));
            if (user.EmailVerified is { } verified) identity.AddClaim(new Claim(Claims.EmailVerified, verified ? "true" : "false", ClaimValueTypes.Boolean));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            _authorizedClients.Enqueue(request.ClientId!);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await _app.StartAsync();
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Issuer = new Uri($"https://localhost:{address.Port}/");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
