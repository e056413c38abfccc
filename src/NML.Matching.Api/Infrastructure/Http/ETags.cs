using System.Globalization;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Infrastructure.Http;

/// <summary>
/// Strong ETags from the PostgreSQL row version (<c>xmin</c>): <c>"123456"</c>. <c>If-Match</c> carries it
/// back on writes. As RFC 9110 §13.1.1 says: a header that is not <c>*</c> or a list of entity tags is 400;
/// a syntactically valid one that does not match the current version (strong comparison, so a weak tag
/// <c>W/"…"</c> never matches, nor a tag this API did not make, such as <c>"abc"</c>) is 412; <c>*</c> matches any
/// current version; a missing one is 428 where it is required.
/// </summary>
public static class ETags
{
    public static string Format(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Parses an If-Match value: null when absent, an error when it is not <c>*</c> or a list of entity tags.</summary>
    public static Result<IfMatchCondition?> ParseIfMatch(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch)) return (IfMatchCondition?)null;
        var value = ifMatch.Trim(' ', '\t');
        if (value == "*") return new IfMatchCondition(Any: true, []);
        var strong = new List<string>();
        var position = 0;
        var tags = 0;
        while (position < value.Length)
        {
            // #entity-tag: elements separated by commas with optional white space; empty elements are allowed.
            if (value[position] is ',' or ' ' or '\t')
            {
                position++;
                continue;
            }
            var weak = string.CompareOrdinal(value, position, "W/", 0, 2) == 0;
            if (weak) position += 2;
            if (position >= value.Length || value[position] != '"') return Malformed();
            var end = position + 1;
            while (end < value.Length && IsETagChar(value[end])) end++;
            if (end >= value.Length || value[end] != '"') return Malformed();
            if (!weak) strong.Add(value[(position + 1)..end]);
            tags++;
            position = end + 1;
            // After a tag only white space and then a comma or the end may follow.
            while (position < value.Length && value[position] is ' ' or '\t') position++;
            if (position < value.Length && value[position] != ',') return Malformed();
        }
        return tags == 0 ? Malformed() : new IfMatchCondition(Any: false, strong);
    }

    /// <summary>etagc = %x21 / %x23-7E / obs-text: any visible character but the double quote.</summary>
    private static bool IsETagChar(char c) => c == '!' || (c >= '#' && c <= '~') || (c >= '\u0080' && c <= '\u00ff');

    private static Error Malformed() =>
        Error.Invalid("If-Match", "invalid-if-match", "If-Match must be * or entity tags such as \"123456\" (an ETag returned by this API).");

    /// <summary>
    /// Checks an If-Match header against the current version: null when the write may go on, otherwise
    /// 428 (missing but required), 400 (malformed) or 412 (no tag matches).
    /// </summary>
    public static Error? Check(string? ifMatch, uint current, bool required)
    {
        var parsed = ParseIfMatch(ifMatch);
        if (!parsed.IsSuccess) return parsed.Error;
        if (parsed.Value is null) return required ? Required() : null;
        return parsed.Value.Matches(current) ? null : Stale(current);
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

/// <summary>A parsed If-Match header: <c>*</c>, or the opaque values of its strong entity tags.</summary>
public sealed record IfMatchCondition(bool Any, IReadOnlyList<string> StrongTags)
{
    /// <summary>The strong comparison of RFC 9110 §8.8.3.2 with the current version's tag.</summary>
    public bool Matches(uint current) =>
        Any || StrongTags.Contains(current.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
