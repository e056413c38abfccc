namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>Size limits of a request (<c>RequestLimits:*</c> in configuration).</summary>
public sealed class RequestLimitsSettings
{
    public const string Section = "RequestLimits";

    /// <summary>The largest request body, in bytes (default 256 KiB: the largest legitimate body is a few KiB).</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The body of the portal's import pages (issue 14): a spreadsheet of up to 5 MiB and the form around it. Twice
    /// that, so that a file somewhat over 5 MiB still reaches the page and gets its Dutch refusal.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays (the API's bodies nest three levels at most).</summary>
    public int MaxJsonDepth { get; set; } = 16;
}
