using System.Security.Claims;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// The rule of the second factor (<c>Auth:RequireSecondFactor</c>, docs/security.md "Factors"): a person's session
/// counts as strong when Identity marked it multi-factor (<c>amr</c> = <c>mfa</c>: password and authenticator code or
/// recovery code, or a passkey) or when it came from the organisation's own identity provider (single sign-on, which
/// carries the provider as <see cref="ClaimTypes.AuthenticationMethod"/>; that provider answers for its factors). A
/// session that is not strong may only set up an authenticator (<see cref="SecondFactorEnrolmentMiddleware"/>).
/// </summary>
public static class SecondFactor
{
    public const string AmrClaim = "amr";
    public const string MultiFactor = "mfa";

    public static bool IsStrong(ClaimsPrincipal person) =>
        person.HasClaim(AmrClaim, MultiFactor) || person.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod);
}

public sealed class SignInSettings
{
    public const string Section = "Auth";

    /// <summary>Whether a person must use a second factor; true unless configured off (Development's demo people).</summary>
    public bool RequireSecondFactor { get; set; } = true;
}
