using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Portal.Forms;

namespace NML.Matching.Api.Portal.Account;

/// <summary>
/// What the portal asks of a new password before Identity checks it (PeopleSetup: at least 12 characters, 4 different
/// ones, no composition rules, as NIST SP 800-63B advises): both fields filled and the same. Used wherever a person
/// chooses a password (accepting an invitation, a reset, a change).
/// </summary>
public static class NewPasswordRule
{
    public static readonly string Description = $"Minstens {PeopleSetup.MinimumPasswordLength} tekens. Een zin van een paar woorden is sterk en goed te onthouden.";

    public static FormErrors Check(string? password, string? repeat, string passwordField, string repeatField)
    {
        var errors = new FormErrors();
        if (string.IsNullOrEmpty(password)) errors.Add(passwordField, "Kies een nieuw wachtwoord.");
        else if (password != repeat) errors.Add(repeatField, "De twee wachtwoorden zijn niet gelijk.");
        return errors;
    }
}
