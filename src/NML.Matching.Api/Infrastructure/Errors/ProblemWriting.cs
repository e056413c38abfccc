using Microsoft.Extensions.Options;

namespace NML.Matching.Api.Infrastructure.Errors;

public static class ProblemWriting
{
    /// <summary>
    /// Writes a problem through the problem details service. When the request's Accept header rules out JSON (a CSV
    /// download sends <c>Accept: text/csv</c>), the service has no writer for it; then the problem is written as
    /// <c>application/problem+json</c> all the same, with the same customisation (code, traceId), instead of failing.
    /// </summary>
    public static async ValueTask WriteProblemAsync(this IProblemDetailsService service, ProblemDetailsContext context)
    {
        if (await service.TryWriteAsync(context)) return;

        var http = context.HttpContext;
        http.RequestServices.GetService<IOptions<ProblemDetailsOptions>>()?.Value.CustomizeProblemDetails?.Invoke(context);
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await http.Response.WriteAsJsonAsync(problem, problem.GetType(), json, "application/problem+json", http.RequestAborted);
    }
}
