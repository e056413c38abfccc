namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// Security headers on every response: no MIME sniffing, no referrer, no framing, and for the API's own answers a
/// Content-Security-Policy that allows nothing (JSON needs no scripts). The dashboard sets its own, stricter-for-a-page
/// policy and the Swagger UI (a page with the vendor's scripts and styles) gets one that allows only this origin.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string SwaggerPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Referrer-Policy")) headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.XFrameOptions)) headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
