using NML.Matching.Api.Infrastructure.Auth.Sso;
using NML.Matching.Api.Portal;

namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// Security headers on every response: no MIME sniffing, no referrer, no framing, and a Content-Security-Policy chosen
/// by path. The API's own answers (<c>/api</c>, <c>/openapi</c>, <c>/health</c>) get one that allows nothing (JSON
/// needs no scripts); the Swagger UI (a page with the vendor's scripts and styles) one that allows only this origin;
/// every other path is the portal's (the monitoring page and <c>/dashboard</c>, which redirects to it, among them),
/// with <see cref="PortalPolicy"/>, its <c>form-action</c> widened by the origins of the configured single sign-on
/// providers (computed once). A policy already set is kept.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, SsoProviders sso)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string SwaggerPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// The portal's policy (docs/decisions.md, "Static server rendering for the portal"): only this origin's scripts,
    /// styles, fonts and fetches (blazor.web.js's enhanced navigation and forms), no inline code; images from this
    /// origin and <c>data:</c> (the Utrecht CSS draws its checkbox and select arrows as data: SVGs); forms post here only;
    /// <c>base-uri 'self'</c> for the layout's <c>&lt;base href="/"&gt;</c>; no plugins; no framing.
    /// </summary>
    public const string PortalPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    private readonly string _portalPolicy = PortalPolicyWith(sso.All.Select(p => p.Origin));

    /// <summary>
    /// <see cref="PortalPolicy"/> with <paramref name="formOrigins"/> added to <c>form-action</c>: the "Inloggen met ..."
    /// forms post here, and the answer redirects to the provider, which Chromium checks against <c>form-action</c> too
    /// (docs/decisions.md, "Single sign-on per organisation"). Without providers it is <see cref="PortalPolicy"/> itself.
    /// </summary>
    public static string PortalPolicyWith(IEnumerable<string> formOrigins)
    {
        var origins = formOrigins.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        return origins.Count == 0 ? PortalPolicy : PortalPolicy.Replace("form-action 'self'", "form-action 'self' " + string.Join(' ', origins), StringComparison.Ordinal);
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.XFrameOptions)) headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
            {
                var path = context.Request.Path;
                headers.ContentSecurityPolicy = path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase) ? SwaggerPolicy
                    : PortalPaths.IsPortal(path) ? _portalPolicy
                    : ApiPolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
