using Microsoft.Extensions.Options;
using NML.Matching.Api.Portal;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// Where a second factor is required, a person whose session is not strong (<see cref="SecondFactor.IsStrong"/>: signed
/// in with a password, no authenticator yet) reaches only the page that sets one up, signing out, the status pages and
/// the static files; every other portal page redirects there. The API is not concerned: it never takes the cookie.
/// </summary>
public sealed class SecondFactorEnrolmentMiddleware(RequestDelegate next, IOptions<SignInSettings> settings)
{
    public const string EnrolPath = "/account/authenticator";

    private static readonly PathString[] Allowed = [EnrolPath, "/uitloggen", "/fout", "/niet-gevonden", "/_framework", "/portal"];

    public Task InvokeAsync(HttpContext context)
    {
        if (settings.Value.RequireSecondFactor
            && context.User.HasClaim(c => c.Type == CallerClaims.PersonId)
            && PortalPaths.IsPortal(context.Request.Path)
            && !SecondFactor.IsStrong(context.User)
            && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(EnrolPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
