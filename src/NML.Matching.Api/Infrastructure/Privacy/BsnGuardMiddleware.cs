using System.Text.Json;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Infrastructure.Privacy;

/// <summary>
/// Refuses any JSON body with a string value that holds a BSN (nine digits passing the eleven-test), with a
/// 400 <c>bsn-not-allowed</c> naming the field, before anything binds or stores it. The service stores no BSN,
/// not even by accident. Bodies that are not valid JSON pass through to the normal JSON error.
/// </summary>
public sealed class BsnGuardMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null || !HasJsonBody(context.Request))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        string? field = null;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 32 }, context.RequestAborted);
            field = FindBsn(document.RootElement, string.Empty);
        }
        catch (JsonException)
        {
            // Not valid JSON: model binding answers with the precise error.
        }
        finally
        {
            context.Request.Body.Position = 0;
        }

        if (field is null)
        {
            await next(context);
            return;
        }

        var message = "This value looks like a BSN (citizen service number). Do not send BSNs; use the provider's own pseudonymous reference.";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemTypes.Validation(new Dictionary<string, string[]> { [field.Length == 0 ? "body" : field] = [message] }, "bsn-not-allowed", message),
        });
    }

    private static bool HasJsonBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && request.ContentType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of the first string holding a likely BSN (<c>household.note</c>, <c>list[2]</c>), or null.</summary>
    internal static string? FindBsn(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                // Identifiers (UUIDs) are ours, not personal data; hex digits can form nine-digit runs by chance.
                var text = element.GetString();
                return !Guid.TryParseExact(text, "D", out _) && Bsn.ContainsLikelyBsn(text) ? path : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var found = FindBsn(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}");
                    if (found is not null) return found;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var found = FindBsn(item, $"{path}[{index++}]");
                    if (found is not null) return found;
                }
                return null;
            default:
                return null;
        }
    }
}
