namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// A short Dutch name of the browser and system of a User-Agent header, such as "Edge op Windows" or "Safari op
/// iPhone", for a person to recognise their own sessions. A guess from the header's well-known tokens, never shown as
/// a fact: an unknown header is "Onbekende browser". The full header is not stored.
/// </summary>
public static class DeviceName
{
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux, iOS says Mac OS X.
    private static readonly (string Token, string Name)[] Browsers =
        [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"), ("Safari/", "Safari")];

    private static readonly (string Token, string Name)[] Systems =
        [("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux")];

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "Onbekende browser";
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "Onbekende browser",
            (null, _) => $"Browser op {system}",
            (_, null) => browser,
            _ => $"{browser} op {system}",
        };
    }
}
