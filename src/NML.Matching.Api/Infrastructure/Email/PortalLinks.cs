namespace NML.Matching.Api.Infrastructure.Email;

/// <summary>
/// The portal's address in a mail's links: <c>Portal:PublicUrl</c> (such as <c>https://matching.nml.example/</c>).
/// Without it, the address of the request that caused the mail; that follows the request's Host header, so a
/// deployment behind a proxy must set it (docs/operations.md, "E-mail"), and start-up warns outside Development.
/// </summary>
public sealed class PortalLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public const string Setting = "Portal:PublicUrl";

    public string Absolute(string pathAndQuery)
    {
        var configured = configuration[Setting];
        var origin = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : http.HttpContext is { } context ? $"{context.Request.Scheme}://{context.Request.Host}" : throw new InvalidOperationException($"{Setting} is not set.");
        return origin + "/" + pathAndQuery.TrimStart('/');
    }
}
