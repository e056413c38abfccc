using Microsoft.AspNetCore.Http.Features;
using NML.Matching.Api.Infrastructure.Errors;

namespace NML.Matching.Api.Infrastructure.Security;

/// <summary>
/// Refuses a body over <see cref="RequestLimitsSettings.MaxBodyBytes"/> (<see cref="RequestLimitsSettings.MaxUploadBytes"/> on an
/// endpoint marked <see cref="ImportUploadAttribute"/>: the portal's import pages) with 413 problem details: at once when the
/// Content-Length says so, and while reading when the body is chunked (the server's own limit does that).
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestLimitsSettings> settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var max = IsUpload(context) ? settings.Value.MaxUploadBytes : settings.Value.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        if (context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteProblemAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ProblemTypes.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
                    $"The request body is larger than {max} bytes."),
            });
            return;
        }
        await next(context);
    }

    /// <summary>
    /// The portal's spreadsheet imports take files of up to 5 MiB; their own check refuses a larger file in Dutch. The
    /// endpoint says so by its metadata (routing has chosen it before this middleware runs).
    /// </summary>
    public static bool IsUpload(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<ImportUploadAttribute>() is not null;
}
