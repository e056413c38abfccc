using Microsoft.AspNetCore.Diagnostics;
using NML.Matching.Api.Portal.Account;
using NML.Matching.Api.Portal.Pages;
using NML.Matching.Api.Portal.Pages.Agreements;
using NML.Matching.Api.Portal.Pages.Imports;
using NML.Matching.Api.Portal.Pages.Candidates;
using NML.Matching.Api.Portal.Pages.Monitoring;
using NML.Matching.Api.Portal.Pages.Nominations;
using NML.Matching.Api.Portal.Pages.Proposals;
using NML.Matching.Api.Portal.Pages.Units;
using NML.Matching.Api.Portal.Pages.Placements;
using NML.Matching.Api.Portal.Pages.Residents;

namespace NML.Matching.Api.Portal;

/// <summary>
/// The portal: Razor components rendered on the server only (static SSR, with blazor.web.js's enhanced navigation and
/// forms); no WebAssembly and no interactive circuits, so that a replica keeps no state per person (docs/decisions.md,
/// "Static server rendering for the portal"). Its pages send the same Mediator requests as the API's endpoints.
/// </summary>
public static class PortalSetup
{
    public static WebApplicationBuilder AddMatchingPortal(this WebApplicationBuilder builder)
    {
        // The static web assets (blazor.web.js of the framework's package, the compressed and fingerprinted files) where
        // a build lays them out, in every environment (tests run as "Testing"); a no-op for a published app, which
        // has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<NML.Matching.Api.Features.Imports.ImportToken>();
        // Antiforgery refuses to work over plain HTTP with a Secure-only cookie, and deploy/run-local.sh serves
        // http://localhost: in Development only, its cookie is "nml-af" and follows the request's scheme. Everywhere
        // else it is "__Host-nml-af", Secure (docs/decisions.md, D45). The session cookies stay __Host- and Secure:
        // browsers accept those from http://localhost, which they treat as a secure origin.
        var plainHttpLocally = builder.Environment.IsDevelopment();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = plainHttpLocally ? "nml-af" : "__Host-nml-af";
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = plainHttpLocally ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return builder;
    }

    /// <summary>
    /// The portal's Dutch status pages, for portal paths only: an unknown address renders <see cref="NotFound"/> with
    /// 404, another status without a body and a server fault render <see cref="Fout"/>. API paths keep their problem
    /// details (<see cref="PortalPaths"/>). Call it right after the API's own status-code pages and before the request
    /// limits, authentication and the rate limiter, so that their refusals of a portal request (a 429 of the sign-in
    /// limit) get the Dutch page too.
    /// </summary>
    public static WebApplication UseMatchingPortalStatusPages(this WebApplication app)
    {
        // Not in a UseWhen branch: a branch has no global router, so a re-executed request would find no endpoint.
        // The exception handler answers for every path, but the API's exceptions are handled by its problem-details
        // handler first; only a portal path's fall through to the Dutch page (ProblemDetailsExceptionHandler).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/fout",
            CreateScopeForErrors = true,
            // A request the server could not read (too large, malformed) is the client's, not a fault: its own 4xx.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/fout/{0}", createScopeForStatusCodePages: true);
        // The Dutch status pages are the portal's: on the API's paths they step aside, and the outer status-code pages
        // write problem details as before.
        app.Use((context, next) =>
        {
            if (!PortalPaths.IsPortal(context.Request.Path) && context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            // A re-executed request only renders the status page: as a GET, so that a refused form post is not taken
            // for a post of the status page's (no form handler, no antiforgery token to check).
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>Maps the static files (fingerprinted) and the portal's pages, behind antiforgery.</summary>
    public static WebApplication MapMatchingPortal(this WebApplication app)
    {
        app.UseAntiforgery();
        // Static files count against no rate-limit bucket: a page pulls several of them, they are cheap and cached, and
        // the staff of one municipality often share one public address (docs/security.md, Abuse limits).
        app.MapStaticAssets().DisableRateLimiting();
        app.MapSsoSignIn();
        app.MapMonitoringPortal();
        app.MapAgreementPortal();
        app.MapPlacementPortal();
        app.MapResidentPortal();
        app.MapImportTemplates();
        app.MapUnitExport();
        app.MapNominationExport();
        app.MapCandidateExport();
        app.MapProviderExports();
        app.MapPasskeyEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}
