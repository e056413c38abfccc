namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>Size limits of a request (<c>RequestLimits:*</c> in configuration).</summary>
public sealed class RequestLimitsSettings
{
    public const string Section = "RequestLimits";

    /// <summary>The largest request body, in bytes (default 256 KiB: the largest legitimate body is a few KiB).</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The deepest nesting of JSON objects and arrays (the API's bodies nest three levels at most).</summary>
    public int MaxJsonDepth { get; set; } = 16;
}
