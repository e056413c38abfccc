using System.Text.Json;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Infrastructure.Privacy;

/// <summary>
/// Refuses any JSON body with a string value that holds a BSN (nine digits passing the eleven-test), with a
/// 400 <c>bsn-not-allowed</c> naming the field, before anything binds or stores it. The service stores no BSN,
/// not even by accident. Bodies that are not valid JSON (or not valid Unicode) pass through to the normal JSON error.
/// It also refuses a NUL character (U+0000) in a query value or a body string, with a 400 <c>invalid-character</c>
/// naming the parameter or field: PostgreSQL cannot store or compare it, so it would otherwise fail in the database.
/// </summary>
public sealed class BsnGuardMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    private const string NulMessage = "This value holds a NUL character (\\u0000), which cannot be stored.";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (values.Any(v => v is not null && v.Contains('\0')))
            {
                await Refuse(context, name, NulMessage, "invalid-character");
                return;
            }
        }

        if (!HasJsonBody(context.Request))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        string? bsnField = null, nulField = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 32 }, context.RequestAborted);
            bsnField = FindBsn(document.RootElement, string.Empty);
            nulField = bsnField is null ? FindString(document.RootElement, string.Empty, text => text.Contains('\0')) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not valid JSON, or a string that is not valid Unicode (a lone surrogate escape such as "\ud800", which
            // JsonElement.GetString refuses with InvalidOperationException): model binding answers with the JSON error.
        }
        finally
        {
            context.Request.Body.Position = 0;
        }

        if (bsnField is not null)
        {
            await Refuse(context, bsnField, "This value looks like a BSN (citizen service number). Do not send BSNs; use the provider's own pseudonymous reference.", "bsn-not-allowed");
        }
        else if (nulField is not null)
        {
            await Refuse(context, nulField, NulMessage, "invalid-character");
        }
        else
        {
            await next(context);
        }
    }

    private async Task Refuse(HttpContext context, string field, string message, string code)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problemDetails.WriteProblemAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemTypes.Validation(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] }, code, message),
        });
    }

    private static bool HasJsonBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of the first string holding a likely BSN (<c>household.note</c>, <c>list[2]</c>), or null.</summary>
    internal static string? FindBsn(JsonElement element, string path) =>
        // Identifiers (UUIDs) are ours, not personal data; hex digits can form nine-digit runs by chance.
        FindString(element, path, text => !Guid.TryParseExact(text, "D", out _) && Bsn.ContainsLikelyBsn(text));

    /// <summary>The path of the first string that matches, or null.</summary>
    private static string? FindString(JsonElement element, string path, Func<string, bool> match)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return match(element.GetString()!) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var found = FindString(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", match);
                    if (found is not null) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var found = FindString(item, $"{path}[{index++}]", match);
                    if (found is not null) return found;
                }
                return null;
            default:
                return null;
        }
    }
}
