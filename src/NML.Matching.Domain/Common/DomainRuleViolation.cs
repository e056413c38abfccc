namespace NML.Matching.Domain.Common;

/// <summary>
/// Thrown by a domain object when a caller asks it to break one of its invariants.
/// Handlers validate input first, so reaching this means a bug or a race; the API maps it to a 409
/// (a state conflict) or a 400 (bad input), depending on <see cref="Kind"/>, with its stable code.
/// </summary>
public sealed class DomainRuleViolation(string code, string message, string? field = null, DomainRuleKind kind = DomainRuleKind.InvalidInput)
    : Exception(message)
{
    public string Code { get; } = code;
    public string? Field { get; } = field;
    public DomainRuleKind Kind { get; } = kind;
}

public enum DomainRuleKind
{
    InvalidInput,
    StateConflict,
}
