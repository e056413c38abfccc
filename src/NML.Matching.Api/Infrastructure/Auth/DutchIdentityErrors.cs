using Microsoft.AspNetCore.Identity;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>Identity's messages in Dutch, as the portal shows them next to a field (the ones a person can meet).</summary>
public sealed class DutchIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Dat is niet gelukt. Probeer het opnieuw." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Het wachtwoord klopt niet." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Deze link is verlopen of al gebruikt." };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Kies een wachtwoord van minstens {length} tekens." };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Gebruik minstens {uniqueChars} verschillende tekens in uw wachtwoord." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = "Er is al een account met dit e-mailadres." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = "Er is al een account met dit e-mailadres." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "Vul een geldig e-mailadres in." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "Vul een geldig e-mailadres in." };
    public override IdentityError UserAlreadyHasPassword() => new() { Code = nameof(UserAlreadyHasPassword), Description = "Dit account heeft al een wachtwoord." };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "Blokkeren is voor dit account niet mogelijk." };
    public override IdentityError RecoveryCodeRedemptionFailed() => new() { Code = nameof(RecoveryCodeRedemptionFailed), Description = "Deze herstelcode klopt niet of is al gebruikt." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Iemand anders wijzigde dit account tegelijk. Probeer het opnieuw." };
    public override IdentityError LoginAlreadyAssociated() => new() { Code = nameof(LoginAlreadyAssociated), Description = "Dit account van uw organisatie is al aan een ander account gekoppeld." };
}
