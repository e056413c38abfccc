using System.Text.RegularExpressions;
using FluentValidation.Results;

namespace NML.Matching.Api.Portal.Forms;

/// <summary>
/// The messages a form shows, per field, in the order they were added: what the server refused. A page fills it from
/// the <see cref="FluentValidation.ValidationException"/> that the mediator's validation behaviour throws (the same
/// validators and messages as the API), or adds a message of a handler's refusal; <see cref="FormFieldTextbox"/> shows a
/// field's messages next to it and <see cref="ErrorSummary"/> lists them all at the top, each linked to its field.
/// A field is named by a key (the validator's property name, such as <c>Email</c> or <c>Household.Adults</c>); its
/// input's id comes from <see cref="IdOf"/>, so that the summary's links and the fields agree.
/// </summary>
public sealed partial class FormErrors
{
    private readonly List<(string Field, string Message)> _entries = [];

    /// <summary>Every message with its field, in the order added.</summary>
    public IReadOnlyList<(string Field, string Message)> Entries => _entries;

    public bool Any => _entries.Count > 0;

    public void Add(string field, string message) => _entries.Add((field, message));

    /// <summary>The messages of one field.</summary>
    public IReadOnlyList<string> For(string field) =>
        [.. _entries.Where(e => string.Equals(e.Field, field, StringComparison.Ordinal)).Select(e => e.Message)];

    /// <summary>
    /// The failures of a validator, each under the field <paramref name="fieldOf"/> names for its property name (by
    /// default the property name itself); a failure whose field the form does not show goes under <paramref name="fallbackField"/>.
    /// </summary>
    public static FormErrors From(IEnumerable<ValidationFailure> failures, string fallbackField, Func<string, string?>? fieldOf = null)
    {
        var errors = new FormErrors();
        foreach (var failure in failures)
            errors.Add((fieldOf is null ? failure.PropertyName : fieldOf(failure.PropertyName)) ?? fallbackField, failure.ErrorMessage);
        return errors;
    }

    /// <summary>The id of the input of <paramref name="field"/>: <c>veld-</c> and the key, with anything but letters, digits, <c>-</c> and <c>_</c> as <c>-</c>.</summary>
    public static string IdOf(string field) => "veld-" + NotInId().Replace(field, "-");

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotInId();
}
