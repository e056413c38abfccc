using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Domain.Common;
using Npgsql;

namespace NML.Matching.Api.Infrastructure.Errors;

/// <summary>
/// The one handler for exceptions. Input problems (bad JSON, wrong types, unknown enum values, failed
/// validation) become a 400 naming the field; races become 409; a database that is away becomes 503;
/// anything else a 500 without internals. Nothing about the server's code leaves the process. On a portal path it
/// leaves the answer to the portal's Dutch error page (<see cref="Portal.PortalSetup.MapMatchingPortal"/>).
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }
        // The request's own path: the portal's exception handler has already set Request.Path to its error page.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (Portal.PortalPaths.IsPortal(new PathString(path))) return false;

        var problem = Map(exception);
        // A database that is away is an operational state (readiness says so too), not a bug: one warning line, no stack.
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            logger.LogWarning("Database unavailable on {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        else if (problem.Status >= 500) logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        else logger.LogInformation("Request failed with {Status} {Code}: {Message}", problem.Status, problem.Extensions["code"], exception.Message);

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable) httpContext.Response.Headers.RetryAfter = "5";
        await problemDetails.WriteProblemAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
        return true;
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException validation => ProblemTypes.Validation(validation.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException bad => FromBadRequest(bad),
        // System.Text.Json refuses a string that is not valid Unicode (a lone surrogate escape such as "\ud800") with
        // InvalidOperationException, which the binder does not turn into a 400 of its own.
        InvalidOperationException { Source: "System.Text.Json" } => ProblemTypes.Validation(
            new Dictionary<string, string[]> { ["body"] = ["The body holds a string that is not valid Unicode."] }, "invalid-json", "The body is not valid JSON."),
        // The binder cannot decode a body whose Content-Type names an unknown charset (charset=klingon).
        InvalidOperationException { InnerException: ArgumentException } charset when charset.Message.Contains("charset", StringComparison.Ordinal) =>
            ProblemTypes.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The charset of the Content-Type is not supported; send UTF-8 JSON."),
        _ when IsUnstorableText(exception) => ProblemTypes.Create(400, "invalid-character",
            "A text value holds a character that cannot be stored (for example NUL, \\u0000)."),
        DomainRuleViolation { Kind: DomainRuleKind.StateConflict } rule => ProblemTypes.Create(409, rule.Code, rule.Message),
        DomainRuleViolation rule => ProblemTypes.Validation(
            new Dictionary<string, string[]> { [rule.Field ?? string.Empty] = [rule.Message] }, rule.Code, rule.Message),
        DbUpdateConcurrencyException => ProblemTypes.Create(409, "concurrent-update", "Someone else changed this resource at the same moment. Read it again and retry."),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg } =>
            WithConstraint(ProblemTypes.Create(409, "duplicate", "A resource with the same unique values exists already."), pg.ConstraintName),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pg } =>
            WithConstraint(ProblemTypes.Create(409, "reference-conflict", "The change refers to something that does not exist, or something still refers to it."), pg.ConstraintName),
        DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.CheckViolation } pg } =>
            WithConstraint(ProblemTypes.Create(400, "constraint-violation", "A value is outside what the register allows."), pg.ConstraintName),
        _ when IsDatabaseUnavailable(exception) => ProblemTypes.Create(503, "database-unavailable", "The database cannot be reached right now. Try again shortly."),
        _ => ProblemTypes.Create(500, "internal-error", "An unexpected error occurred. It has been logged."),
    };

    private static ProblemDetails WithConstraint(ProblemDetails problem, string? constraint)
    {
        if (constraint is not null) problem.Extensions["constraint"] = constraint;
        return problem;
    }

    private static ProblemDetails FromJson(JsonException json)
    {
        var field = FieldFromJsonPath(json.Path);
        string message;
        var unmapped = UnmappedProperty().Match(json.Message);
        if (unmapped.Success)
        {
            // System.Text.Json reports an unknown property at its own path, or at its parent's for some readers.
            var name = unmapped.Groups[1].Value;
            if (field != name && !field.EndsWith("." + name, StringComparison.Ordinal)) field = string.IsNullOrEmpty(field) ? name : $"{field}.{name}";
            message = $"Unknown property '{name}'.";
            return ProblemTypes.Validation(new Dictionary<string, string[]> { [field] = [message] }, "unknown-property", message);
        }
        message = string.IsNullOrEmpty(field)
            ? "The body is not valid JSON."
            : $"The value of '{field}' is not valid for its type (check the spelling of enum values, numbers and dates).";
        return ProblemTypes.Validation(new Dictionary<string, string[]> { [string.IsNullOrEmpty(field) ? "body" : field] = [message] }, "invalid-json", message);
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var parameter = FailedParameter().Match(bad.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            var message = $"The value of '{name}' is not valid.";
            return ProblemTypes.Validation(new Dictionary<string, string[]> { [name] = [message] }, "invalid-parameter", message);
        }
        var required = RequiredParameter().Match(bad.Message);
        if (required.Success)
        {
            var name = required.Groups["name"].Value;
            return ProblemTypes.Validation(new Dictionary<string, string[]> { [name] = [$"'{name}' is required."] }, "missing-parameter");
        }
        if (bad.StatusCode == StatusCodes.Status400BadRequest && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ProblemTypes.Validation(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] }, "missing-body");
        }
        return ProblemTypes.Create(bad.StatusCode, ProblemTypes.CodeFor(bad.StatusCode), ProblemTypes.TitleFor(bad.StatusCode));
    }

    /// <summary><c>$.household.adults</c> → <c>household.adults</c>; <c>$.werkgebied[2]</c> → <c>werkgebied[2]</c>.</summary>
    internal static string FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return string.Empty;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal).TrimStart('.');
    }

    /// <summary>PostgreSQL refuses NUL in text (22021) and characters it cannot encode (22P05), in a filter or a value.</summary>
    private static bool IsUnstorableText(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter }) return true;
        }
        return false;
    }

    private static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or TimeoutException) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.CrashShutdown }) return true;
            if (e is InvalidOperationException && e.InnerException is NpgsqlException) return true;
        }
        return exception is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException;
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^ ]+) (?<name>[^\"]+)\" from")]
    private static partial Regex FailedParameter();

    [GeneratedRegex("Required parameter \"(?<type>[^ ]+) (?<name>[^\"]+)\" was not provided")]
    private static partial Regex RequiredParameter();
}
