using System.Globalization;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Infrastructure.Http;

/// <summary>
/// Strong ETags from the PostgreSQL row version (<c>xmin</c>): <c>"123456"</c>. <c>If-Match</c> carries it
/// back on writes; a stale one gives 412, a missing one 428 where it is required.
/// </summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Parses an If-Match value: null when absent, an error when malformed.</summary>
    public static Result<uint?> ParseIfMatch(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return (uint?)null;
        var value = ifMatch.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        return uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Error.Invalid("If-Match", "invalid-if-match", "If-Match must be an ETag returned by this API, such as \"123456\".");
    }

    public static Error Stale(uint current) =>
        new(ErrorKind.PreconditionFailed, "precondition-failed", $"The resource has changed (its version is now {current}). Read it again and retry.");

    public static Error Required() =>
        new(ErrorKind.PreconditionRequired, "precondition-required", "Send the resource's ETag in an If-Match header.");
}
