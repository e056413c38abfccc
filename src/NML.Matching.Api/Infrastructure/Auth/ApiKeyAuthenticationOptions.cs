using Microsoft.AspNetCore.Authentication;

namespace NML.Matching.Api.Infrastructure.Auth;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The admin key (<c>Auth:AdminApiKey</c>, or the environment variable <c>NML_ADMIN_KEY</c>).</summary>
    public string? AdminApiKey { get; set; }
}
