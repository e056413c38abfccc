using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using NML.Matching.Api.Infrastructure.Security;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Portal.Account;

namespace NML.Matching.Api.Infrastructure.Auth.Sso;

public static class SsoSetup
{
    /// <summary>The prefix of the short-lived cookies of one sign-in at a provider (correlation and nonce).</summary>
    public const string CorrelationCookiePrefix = "__Host-nml-sso-c.";

    public const string NonceCookiePrefix = "__Host-nml-sso-n.";

    /// <summary>
    /// Single sign-on per organisation (docs/decisions.md, "Single sign-on per organisation"): one OpenID Connect scheme
    /// <c>sso-&lt;id&gt;</c> per configured provider (<see cref="SsoProviders"/>, checked here, at start-up), with the
    /// authorization code flow and PKCE, the response in the query (so that every cookie of the flow can stay
    /// SameSite=Lax), scopes <c>openid profile email</c>, and Identity's external cookie as the place the provider's
    /// answer waits until <c>CompleteSsoSignIn</c> links it to a person. A failure at the provider or in the protocol
    /// (refused, cancelled, a stale, forged or replayed answer) counts against the sign-in rate limit
    /// (<see cref="SignInCallbackLimiter"/>), is audited and ends on the refusal page.
    /// </summary>
    public static WebApplicationBuilder AddMatchingSso(this WebApplicationBuilder builder)
    {
        var providers = SsoProviders.From(builder.Configuration);
        builder.Services.AddSingleton(providers);
        builder.Services.AddScoped<CompleteSsoSignIn>();
        var authentication = builder.Services.AddAuthentication();
        foreach (var provider in providers.All)
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, options => Configure(options, provider));
        return builder;
    }

    private static void Configure(OpenIdConnectOptions options, SsoProvider provider)
    {
        options.Authority = provider.Authority.ToString();
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add(OpenIdConnectScope.OpenId);
        options.Scope.Add(OpenIdConnectScope.OpenIdProfile);
        options.Scope.Add(OpenIdConnectScope.Email);
        options.CallbackPath = provider.CallbackPath;
        // Each scheme answers on its own paths only (the defaults are shared by every scheme).
        options.SignedOutCallbackPath = provider.SignInPath + "/uitgelogd";
        options.RemoteSignOutPath = provider.SignInPath + "/uitloggen";
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.SaveTokens = false;
        options.RequireHttpsMetadata = true;
        options.CorrelationCookie.Name = CorrelationCookiePrefix;
        options.NonceCookie.Name = NonceCookiePrefix;
        foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
        {
            // __Host-: Secure, path /, no domain. Lax is enough: the provider sends the browser back with a top-level GET.
            cookie.Path = "/";
            cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.SameSite = SameSiteMode.Lax;
            cookie.HttpOnly = true;
        }
        options.Events.OnRemoteFailure = async context =>
        {
            var services = context.HttpContext.RequestServices;
            // A failed answer counts against the sign-in limit before it is audited (the limiter middleware runs after
            // this handler). A good answer needs the state and correlation cookie of a form POST, which was counted.
            if (!services.GetRequiredService<SignInCallbackLimiter>().TryAcquire(context.HttpContext))
            {
                context.HandleResponse();
                return;
            }
            var db = services.GetRequiredService<MatchingDbContext>();
            db.RecordFailure(services.GetRequiredService<TimeProvider>().GetUtcNow(), null, SignInAudit.Sso(provider.Id), SignInAudit.ProviderError);
            await db.SaveChangesAsync(context.HttpContext.RequestAborted);
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SsoSetup))
                .LogWarning("Single sign-on with {Provider} failed at the provider or in the protocol: {Reason}", provider.Id, context.Failure?.Message);
            context.Response.Redirect(SsoProviders.FailedPath);
            context.HandleResponse();
        };
    }
}
