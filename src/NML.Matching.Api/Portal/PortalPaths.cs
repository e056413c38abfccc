namespace NML.Matching.Api.Portal;

/// <summary>
/// Which requests belong to the portal: every path except those of the API and its companions
/// (<c>/api</c>, <c>/openapi</c>, <c>/swagger</c>, <c>/health</c>). Those keep answering as they always did (problem
/// details, never the portal's HTML pages or a redirect); a portal path gets the portal's Content-Security-Policy and
/// its Dutch status pages. <c>/dashboard</c> is the portal's: it redirects to the monitoring page.
/// </summary>
public static class PortalPaths
{
    private static readonly PathString[] NotPortal = ["/api", "/openapi", "/swagger", "/health"];

    public static bool IsPortal(PathString path)
    {
        foreach (var prefix in NotPortal)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }
}
