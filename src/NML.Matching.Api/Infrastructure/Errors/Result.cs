namespace NML.Matching.Api.Infrastructure.Errors;

/// <summary>What kind of expected failure an <see cref="Error"/> is; decides its HTTP status in one place.</summary>
public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
}

/// <summary>An expected failure, returned as a value by a handler. <see cref="Code"/> is stable and documented.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Detail, string? Field = null)
{
    public static Error NotFound(string resource) => new(ErrorKind.NotFound, "not-found", $"{resource} was not found.");

    public static Error Invalid(string field, string code, string detail) => new(ErrorKind.Validation, code, detail, field);

    public static Error Conflict(string code, string detail) => new(ErrorKind.Conflict, code, detail);
}

/// <summary>Either a value or an <see cref="Error"/>.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public Error? Error { get; }
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>A result without a value.</summary>
public readonly record struct Success;
