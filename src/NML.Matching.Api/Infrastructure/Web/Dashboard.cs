using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace NML.Matching.Api.Infrastructure.Web;

/// <summary>
/// The monitoring dashboard: the static page under <c>wwwroot/dashboard/</c>, served at <c>/dashboard/</c>
/// (<c>/dashboard</c> redirects there, so that the page's relative addresses resolve). Anonymous: the page holds
/// no data; it asks the API with the key the user types in. Every response carries a strict Content Security
/// Policy: only this origin's scripts, styles and API, no inline code, no framing.
/// </summary>
public static partial class Dashboard
{
    public const string Path = "/dashboard";

    /// <summary>The policy on every dashboard response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Folder = "dashboard";
    private const string IndexFile = "index.html";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".md"] = "text/plain; charset=utf-8",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
    });

    /// <summary>Maps <c>GET /dashboard</c> and the page's files below it.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.MapMethods(Path + "/{**file}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string? file) => Serve(context, files, file))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, IFileProvider files, string? file)
    {
        AddSecurityHeaders(context.Response.Headers);

        // "/dashboard" without the slash: the page's relative links would resolve against "/".
        if (string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/'))
            return TypedResults.Redirect($"{context.Request.PathBase}{Path}/{context.Request.QueryString}");

        var name = string.IsNullOrEmpty(file) ? IndexFile : file;
        if (!SafeName().IsMatch(name) || name.Contains("..", StringComparison.Ordinal)
            || !ContentTypes.TryGetContentType(name, out var contentType))
            return TypedResults.NotFound();
        var info = files.GetFileInfo($"{Folder}/{name}");
        if (!info.Exists || info.IsDirectory) return TypedResults.NotFound();

        context.Response.Headers.CacheControl = "no-cache";
        var tag = new EntityTagHeaderValue($"\"{info.LastModified.UtcTicks:x}-{info.Length:x}\"");
        return TypedResults.Stream(info.CreateReadStream(), contentType, lastModified: info.LastModified, entityTag: tag);
    }

    /// <summary>
    /// The dashboard's own headers: its page policy and opener isolation. nosniff, no-referrer and DENY come from
    /// <see cref="Security.SecurityHeadersMiddleware"/>, which keeps a policy that is already set.
    /// </summary>
    public static void AddSecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }

    /// <summary>Plain relative file names: letters, digits, dot, dash, underscore and slashes between them.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")]
    private static partial Regex SafeName();
}
