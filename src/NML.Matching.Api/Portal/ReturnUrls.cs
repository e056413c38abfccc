namespace NML.Matching.Api.Portal;

/// <summary>
/// Where the portal may send a person back to after signing in: only a page of this portal, never another site (no
/// open redirect, docs/security.md). A local URL starts with one <c>/</c>, and its second character is neither
/// <c>/</c> nor <c>\</c> (browsers read <c>//host</c> and <c>/\host</c> as another host); it holds no control character
/// (browsers drop tabs and line breaks, so <c>/&lt;tab&gt;/host</c> would become <c>//host</c>) and no backslash at
/// all; and it is no API path (an API request never takes the person's cookie). Anything else becomes <c>/</c>.
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.IsControl(c) || c == '\\')
        && PortalPaths.IsPortal(new PathString(url.Split('?', '#')[0]));

    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : Home;
}
