using Microsoft.AspNetCore.Mvc;

namespace NML.Matching.Api.Infrastructure.Errors;

/// <summary>
/// The one place where failures become RFC 9457 problem details. Every problem carries a stable
/// <c>type</c> (<c>urn:nml-matching:problem:&lt;code&gt;</c>) and the same <c>code</c> as an extension.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:nml-matching:problem:";

    public static string TypeFor(string code) => Prefix + code;

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PreconditionRequired => StatusCodes.Status428PreconditionRequired,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "An API key is required.",
        403 => "This key may not do this.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "The request conflicts with the current state.",
        412 => "The resource has changed since you read it.",
        413 => "The request is too large.",
        415 => "Unsupported media type.",
        428 => "This request must be conditional.",
        429 => "Too many requests.",
        503 => "The service is temporarily unavailable.",
        _ => "An unexpected error occurred.",
    };

    /// <summary>Default codes for statuses that the framework produces without an explicit error.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "bad-request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        409 => "conflict",
        412 => "precondition-failed",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        428 => "precondition-required",
        429 => "too-many-requests",
        503 => "service-unavailable",
        _ => "internal-error",
    };

    public static ProblemDetails Create(int status, string code, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeFor(code), Title = TitleFor(status), Detail = detail };
        problem.Extensions["code"] = code;
        AddTraceId(problem);
        return problem;
    }

    /// <summary>
    /// The trace id, set where the problem is made: the problem details service sets it again when it writes, but a
    /// problem result writes without that service when the request does not accept JSON (<c>Accept: text/csv</c>).
    /// </summary>
    private static void AddTraceId(ProblemDetails problem)
    {
        if (System.Diagnostics.Activity.Current is { } activity) problem.Extensions["traceId"] = activity.TraceId.ToString();
    }

    public static ValidationProblemDetails Validation(IDictionary<string, string[]> errors, string code = "validation-failed", string? detail = null)
    {
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = TypeFor(code),
            Title = TitleFor(400),
            Detail = detail ?? "See errors for the fields that need attention.",
        };
        problem.Extensions["code"] = code;
        AddTraceId(problem);
        return problem;
    }

    /// <summary>Maps an expected failure to its HTTP result.</summary>
    public static IResult ToProblem(this Error error)
    {
        var status = StatusFor(error.Kind);
        if (error.Kind == ErrorKind.Validation && error.Field is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [error.Field] = [error.Detail] },
                detail: error.Detail, type: TypeFor(error.Code), title: TitleFor(status),
                extensions: new Dictionary<string, object?> { ["code"] = error.Code, ["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() });
        }
        var problem = Create(status, error.Code, error.Detail);
        if (error.Field is not null) problem.Extensions["field"] = error.Field;
        return TypedResults.Problem(problem);
    }

    /// <summary>Returns the success result, or the mapped problem.</summary>
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : result.Error!.ToProblem();
}
