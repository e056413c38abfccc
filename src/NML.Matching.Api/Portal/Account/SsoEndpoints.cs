using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NML.Matching.Api.Infrastructure.Auth.Sso;
using NML.Matching.Api.Infrastructure.Security;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Portal.Account;

/// <summary>
/// The two plain endpoints of single sign-on around the provider (the pages are <see cref="SsoProviderPage"/> and
/// <see cref="SsoFailedPage"/>): the form POST of "Inloggen met ..." (antiforgery, the sign-in rate limit) challenges the
/// provider's scheme; the provider's answer, once the OpenID Connect handler has checked it, ends on
/// <c>/inloggen/sso/&lt;id&gt;/klaar</c>, which links and signs in (<see cref="CompleteSsoSignIn"/>) and sends the person to
/// the local return URL, or to the refusal page. Not part of the API's description.
/// </summary>
public static class SsoEndpoints
{
    public static IEndpointRouteBuilder MapSsoSignIn(this IEndpointRouteBuilder app)
    {
        // The Razor page has the same route for GET (and, as every page, would take a POST): this endpoint goes first.
        app.MapPost(SsoProviders.BasePath + "/{id}", ChallengeAsync)
            .WithOrder(-1)
            .RequireRateLimiting(RateLimiting.SignInPolicy)
            .ExcludeFromDescription();
        app.MapGet(SsoProviders.BasePath + "/{id}/klaar", CompleteAsync)
            .RequireRateLimiting(RateLimiting.SignInPolicy)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The form field that carries the return URL.</summary>
    public const string ReturnUrlField = "returnUrl";

    /// <summary>
    /// Challenges the provider's scheme when the form carries a valid antiforgery token. A POST that cannot start a
    /// sign-in (no or a bad token, an unknown provider) is sent back to the page (a redirect, which the browser follows
    /// with a GET), not answered with a bare status: the portal's status pages would re-execute the POST against a
    /// page, and the page itself shows the not-found page for an unknown provider. The antiforgery check is made here
    /// rather than by form binding for the same reason (a failed binding throws, and the error page fails on the POST).
    /// </summary>
    private static async Task<IResult> ChallengeAsync(string id, HttpContext context, SsoProviders providers, SignInManager<Person> signIn, IAntiforgery antiforgery)
    {
        var provider = providers.Find(id);
        if (provider is null || !await antiforgery.IsRequestValidAsync(context))
            return TypedResults.Redirect($"{SsoProviders.BasePath}/{Uri.EscapeDataString(id)}");
        var returnUrl = context.Request.Form[ReturnUrlField].ToString();
        var completion = $"{provider.CompletePath}?{ReturnUrlField}={Uri.EscapeDataString(ReturnUrls.LocalOrHome(returnUrl))}";
        var properties = signIn.ConfigureExternalAuthenticationProperties(provider.Scheme, completion);
        return TypedResults.Challenge(properties, [provider.Scheme]);
    }

    private static async Task<IResult> CompleteAsync(string id, [FromQuery(Name = ReturnUrlField)] string? returnUrl, SsoProviders providers,
        CompleteSsoSignIn complete, CancellationToken cancellationToken)
    {
        if (providers.Find(id) is not { } provider) return TypedResults.NotFound();
        return await complete.RunAsync(provider, cancellationToken)
            ? TypedResults.Redirect(ReturnUrls.LocalOrHome(returnUrl))
            : TypedResults.Redirect(SsoProviders.FailedPath);
    }
}
