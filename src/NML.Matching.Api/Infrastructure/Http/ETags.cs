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

    /// <summary>
    /// Checks an If-Match header against the current version: null when the write may go on, otherwise
    /// 428 (missing but required), 400 (malformed) or 412 (stale).
    /// </summary>
    public static Error? Check(string? ifMatch, uint current, bool required)
    {
        var parsed = ParseIfMatch(ifMatch);
        if (!parsed.IsSuccess) return parsed.Error;
        if (parsed.Value is null) return required ? Required() : null;
        return parsed.Value == current ? null : Stale(current);
    }

    /// <summary>200 with the body and its ETag.</summary>
    public static IResult OkWithETag<T>(this HttpContext http, T body, uint version)
    {
        http.Response.Headers.ETag = Format(version);
        return TypedResults.Ok(body);
    }

    /// <summary>201 with the body, its Location and its ETag.</summary>
    public static IResult CreatedWithETag<T>(this HttpContext http, string location, T body, uint version)
    {
        http.Response.Headers.ETag = Format(version);
        return TypedResults.Created(location, body);
    }

    public static Error Stale(uint current) =>
        new(ErrorKind.PreconditionFailed, "precondition-failed", $"The resource has changed (its version is now {current}). Read it again and retry.");

    public static Error Required() =>
        new(ErrorKind.PreconditionRequired, "precondition-required", "Send the resource's ETag in an If-Match header.");
}
