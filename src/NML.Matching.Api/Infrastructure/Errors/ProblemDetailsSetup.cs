using System.Diagnostics;

namespace NML.Matching.Api.Infrastructure.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// RFC 9457 problem details everywhere: a problem without a <c>code</c> gets the one of its status
    /// (<see cref="ProblemTypes"/>), every problem a <c>traceId</c>; exceptions go through
    /// <see cref="ProblemDetailsExceptionHandler"/>.
    /// </summary>
    public static WebApplicationBuilder AddMatchingProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.ContainsKey("code"))
            {
                var code = ProblemTypes.CodeFor(status);
                problem.Extensions["code"] = code;
                problem.Type = ProblemTypes.TypeFor(code);
                problem.Title = ProblemTypes.TitleFor(status);
            }
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return builder;
    }
}
