using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Tests;

/// <summary>
/// Checks a refused step the way the API shows it (docs/api.md, "Errors"): the stable <c>code</c>, the status class
/// (<see cref="DomainRuleKind.InvalidInput"/> is a 400, <see cref="DomainRuleKind.StateConflict"/> a 409), for a 400 the
/// field that <c>errors</c> is keyed by, and a <c>detail</c> a person can read (the exception's message becomes the
/// problem's <c>detail</c>, so a blank message would give a problem that explains nothing).
/// </summary>
internal static class RuleViolations
{
    /// <summary>A 400: <paramref name="field"/> is the camelCase field path of docs/registers.md and docs/api.md.</summary>
    public static DomainRuleViolation AssertInvalidInput(Action action, string code, string field)
    {
        var violation = AssertRefused(action, code, DomainRuleKind.InvalidInput);
        Assert.Equal(field, violation.Field);
        return violation;
    }

    /// <summary>A 409: a conflict with the state of the resource, which names no field.</summary>
    public static DomainRuleViolation AssertStateConflict(Action action, string code)
    {
        var violation = AssertRefused(action, code, DomainRuleKind.StateConflict);
        Assert.Null(violation.Field);
        return violation;
    }

    public static DomainRuleViolation AssertRefused(Action action, string code, DomainRuleKind kind)
    {
        var violation = Assert.Throws<DomainRuleViolation>(action);
        Assert.Equal(code, violation.Code);
        Assert.Equal(kind, violation.Kind);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message), $"{code} has no detail");
        return violation;
    }
}
