using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Portal;

namespace NML.Matching.Api.Infrastructure.Auth;

public static class AuthSetup
{
    /// <summary>The policy scheme that picks the key handler or the person's cookie per request; it has no display name.</summary>
    public const string SchemeName = "nml";

    public const string AuthCookieName = "__Host-nml-auth";

    /// <summary>The item of the cookie's properties that holds when the person signed in (for the absolute lifetime).</summary>
    public const string AuthTimeItem = "nml:auth-time";

    public static readonly TimeSpan SlidingLifetime = TimeSpan.FromHours(8);
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Authentication by <c>X-Api-Key</c> (the admin key from <c>Auth:AdminApiKey</c>, or from the documented
    /// environment variable <c>NML_ADMIN_KEY</c>) for systems, and by Identity's cookie for people, chosen per request
    /// by the policy scheme <see cref="SchemeName"/>: a request with the header, or to a path that is not the portal's
    /// (<c>/api</c>, <c>/openapi</c>, ...: <see cref="PortalPaths"/>), goes to the key handler, so the API never takes a
    /// cookie and never answers with a login redirect; everything else to the cookie. The caller of the request, the
    /// throttled last-use writes, the Data Protection key ring in the database, and the authorization policies: roles
    /// follow the organisation type.
    /// </summary>
    public static WebApplicationBuilder AddMatchingAuth(this WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable("NML_ADMIN_KEY") is { Length: > 0 } adminKey) builder.Configuration["Auth:AdminApiKey"] = adminKey;

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ICallerAccessor, HttpCallerAccessor>();
        builder.Services.AddSingleton<ApiKeyUsageTracker>();
        // One key ring for every instance, kept across restarts: cookies, antiforgery tokens and Identity's tokens.
        builder.Services.AddDataProtection().SetApplicationName("nml-matching").PersistKeysToDbContext<MatchingDbContext>();
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = SchemeName;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(SchemeName, displayName: null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) || !PortalPaths.IsPortal(context.Request.Path)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                options => options.AdminApiKey = builder.Configuration["Auth:AdminApiKey"])
            .AddIdentityCookies(cookies =>
            {
                cookies.ApplicationCookie!.Configure(ConfigureAuthCookie);
                cookies.ExternalCookie!.Configure(options => HostCookie(options, "__Host-nml-ext"));
                cookies.TwoFactorUserIdCookie!.Configure(options => HostCookie(options, "__Host-nml-2fa"));
                cookies.TwoFactorRememberMeCookie!.Configure(options => HostCookie(options, "__Host-nml-2fa-rm"));
            });
        var authorization = builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.AnyCaller, policy => policy.RequireAuthenticatedUser());
        foreach (var (name, roles) in Policies.RolesOf.Where(p => p.Key != Policies.AnyCaller))
            authorization.AddPolicy(name, policy => policy.RequireRole(roles));
        return builder;
    }

    /// <summary>
    /// The person's session: <c>__Host-</c>, Secure, HttpOnly, SameSite=Lax; 8 hours sliding, 12 hours at most since
    /// the sign-in (an item of the ticket that survives renewal, unlike <c>IssuedUtc</c>), and Identity's
    /// security-stamp check (once a minute: <c>PeopleSetup</c>), which ends the sessions of a deactivated person.
    /// </summary>
    private static void ConfigureAuthCookie(CookieAuthenticationOptions options)
    {
        HostCookie(options, AuthCookieName);
        options.Cookie.HttpOnly = true;
        options.ExpireTimeSpan = SlidingLifetime;
        options.SlidingExpiration = true;
        options.LoginPath = "/inloggen";
        options.LogoutPath = "/uitloggen";
        options.AccessDeniedPath = "/geen-toegang";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnSigningIn = context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.Properties.Items.TryAdd(AuthTimeItem, now.ToString("O", CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!SignedInWithin(context.Properties, now, AbsoluteLifetime))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
    }

    /// <summary>Whether the ticket says when its person signed in, and that was less than <paramref name="lifetime"/> ago.</summary>
    public static bool SignedInWithin(AuthenticationProperties properties, DateTimeOffset now, TimeSpan lifetime) =>
        properties.Items.TryGetValue(AuthTimeItem, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt)
        && now - signedInAt < lifetime;

    private static void HostCookie(CookieAuthenticationOptions options, string name)
    {
        options.Cookie.Name = name;
        options.Cookie.Path = "/";
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Lax;
    }
}
