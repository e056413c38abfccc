namespace NML.Matching.Domain.Common;

/// <summary>
/// Thrown by a domain object when a caller asks it to break one of its invariants.
/// The domain's rules are stated once, in the domain objects, and a handler does not check them again beforehand:
/// a transition from the wrong state, a date the object refuses, a reason that is not the party's. The API maps
/// the exception to a 409 (a state conflict) or a 400 naming <see cref="Field"/> (bad input), depending on
/// <see cref="Kind"/>, with its stable code.
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
