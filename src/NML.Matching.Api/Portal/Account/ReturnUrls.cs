namespace NML.Matching.Api.Portal.Account;

/// <summary>
/// Where to go after signing in: only a path of this portal (no open redirect). A local URL starts with one <c>/</c>
/// followed by anything but <c>/</c> or <c>\</c> (which a browser would read as another host), holds no control
/// character, and is no API path (an API request never takes the person's cookie).
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl)
        && PortalPaths.IsPortal(new PathString(url.Split('?', '#')[0]));

    public static string LocalOrHome(string? url) => IsLocal(url) ? url! : Home;
}
