using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using NML.Matching.Api.Infrastructure.Auth;

namespace NML.Matching.Api.Portal.Account;

/// <summary>
/// The two JSON answers the portal's passkey script (wwwroot/portal/passkeys.js) asks for before it calls the browser's
/// WebAuthn API: the options to create a passkey (for the signed-in person, on the account page) and the options to
/// sign in with one (for anybody, on /inloggen). Portal paths, not the API's: they take the person's cookie. Both are
/// POSTs with the antiforgery token in a header (a JSON request binds no form, so the antiforgery middleware would not
/// check it by itself), and both start a ceremony that Identity remembers in its short-lived two-factor cookie. The
/// credential itself comes back in an ordinary form post to the page (<see cref="PasskeySignIn"/>, the Passkeys page).
/// </summary>
public static class PasskeyEndpoints
{
    public const string CreationOptionsPath = "/account/passkeys/opties";
    public const string RequestOptionsPath = "/inloggen/passkey/opties";

    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(CreationOptionsPath, async Task<Results<ContentHttpResult, BadRequest>> (HttpContext context, IAntiforgery antiforgery, PersonPasskeys passkeys) =>
                await antiforgery.IsRequestValidAsync(context)
                    ? TypedResults.Content(await passkeys.CreationOptionsAsync(), "application/json")
                    : TypedResults.BadRequest())
            .RequireAuthorization()
            .ExcludeFromDescription();
        app.MapPost(RequestOptionsPath, async Task<Results<ContentHttpResult, BadRequest>> (HttpContext context, IAntiforgery antiforgery, PortalSignIn accounts) =>
                await antiforgery.IsRequestValidAsync(context)
                    ? TypedResults.Content(await accounts.PasskeyRequestOptionsAsync(), "application/json")
                    : TypedResults.BadRequest())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
