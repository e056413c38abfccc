using System.Text.RegularExpressions;

namespace NML.Matching.Api.Infrastructure.Auth.Sso;

/// <summary>
/// One organisation's OpenID Connect provider (<c>Auth:Sso:Providers:&lt;id&gt;</c>): its own identity provider or an
/// eHerkenning broker. Whoever signs in through it can only become a person of <see cref="OrganisationId"/>
/// (docs/decisions.md, "Single sign-on per organisation").
/// </summary>
public sealed record SsoProvider(string Id, string DisplayName, Uri Authority, string ClientId, string ClientSecret, Guid OrganisationId)
{
    /// <summary>The authentication scheme, <c>sso-&lt;id&gt;</c>; also the <c>login_provider</c> of its links in <c>person_logins</c>.</summary>
    public string Scheme => SsoProviders.SchemePrefix + Id;

    /// <summary>The portal page with the one button (a deep link an organisation can put on its intranet); a POST to it starts the sign-in.</summary>
    public string SignInPath => $"{SsoProviders.BasePath}/{Id}";

    /// <summary>Where the provider sends the browser back with the code (register this redirect URI at the provider).</summary>
    public string CallbackPath => $"{SignInPath}/callback";

    /// <summary>Where the sign-in ends: the external login is linked to a person, or refused.</summary>
    public string CompletePath => $"{SignInPath}/klaar";

    /// <summary>The provider's origin (scheme, host, port), which the portal's <c>form-action</c> must allow.</summary>
    public string Origin => Authority.GetLeftPart(UriPartial.Authority);
}

/// <summary>
/// The single sign-on providers of this deployment, read and checked once at start-up: a bad entry stops the start
/// with a message that names it and says what is wrong, rather than failing at the first person's sign-in.
/// </summary>
public sealed partial class SsoProviders
{
    public const string Section = "Auth:Sso:Providers";
    public const string SchemePrefix = "sso-";
    public const string BasePath = "/inloggen/sso";

    /// <summary>The page every refusal ends on (so no provider may be called <c>mislukt</c>).</summary>
    public const string FailedPath = BasePath + "/mislukt";

    public const int MaxIdLength = 40;
    public const int MaxDisplayNameLength = 100;

    private static readonly string[] Reserved = ["mislukt"];

    private readonly Dictionary<string, SsoProvider> _byId;

    public SsoProviders(IEnumerable<SsoProvider> providers)
    {
        All = [.. providers.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)];
        _byId = All.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>Every provider, by display name (case ignored).</summary>
    public IReadOnlyList<SsoProvider> All { get; }

    /// <summary>The provider with this id (exactly as configured: lowercase), or null.</summary>
    public SsoProvider? Find(string? id) => id is not null && _byId.TryGetValue(id, out var provider) ? provider : null;

    /// <summary>Reads <see cref="Section"/>; throws <see cref="InvalidOperationException"/> naming every bad entry.</summary>
    public static SsoProviders From(IConfiguration configuration)
    {
        var problems = new List<string>();
        var providers = new List<SsoProvider>();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var id = entry.Key;
            var name = $"{Section}:{id}";
            var before = problems.Count;
            if (!IdPattern().IsMatch(id) || id.Length > MaxIdLength)
                problems.Add($"{name}: the id must be 1 to {MaxIdLength} lowercase letters, digits and dashes, starting with a letter or digit.");
            else if (Reserved.Contains(id, StringComparer.Ordinal))
                problems.Add($"{name}: the id '{id}' is reserved ({FailedPath} is the page of a refused sign-in).");

            var displayName = entry["DisplayName"]?.Trim();
            if (string.IsNullOrEmpty(displayName) || displayName.Length > MaxDisplayNameLength)
                problems.Add($"{name}:DisplayName: required, at most {MaxDisplayNameLength} characters (the button says \"Inloggen met <DisplayName>\").");

            var authorityText = entry["Authority"]?.Trim();
            Uri? authority = null;
            if (!Uri.TryCreate(authorityText, UriKind.Absolute, out authority) || authority.Scheme != Uri.UriSchemeHttps
                || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment) || !string.IsNullOrEmpty(authority.UserInfo))
                problems.Add($"{name}:Authority: required, an absolute https URL without query or fragment (the issuer; its /.well-known/openid-configuration is read).");

            var clientId = entry["ClientId"]?.Trim();
            if (string.IsNullOrEmpty(clientId)) problems.Add($"{name}:ClientId: required.");

            var clientSecret = entry["ClientSecret"];
            if (string.IsNullOrWhiteSpace(clientSecret)) problems.Add($"{name}:ClientSecret: required (the portal is a confidential client; put the secret in an environment variable or a secret store, not in appsettings).");

            if (!Guid.TryParse(entry["OrganisationId"], out var organisationId) || organisationId == Guid.Empty)
                problems.Add($"{name}:OrganisationId: required, the id (a GUID) of the one organisation whose people sign in with this provider.");

            if (problems.Count == before)
                providers.Add(new SsoProvider(id, displayName!, authority!, clientId!, clientSecret!, organisationId));
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Single sign-on is configured wrongly (docs/security.md, \"Single sign-on\"):\n" + string.Join("\n", problems));
        return new SsoProviders(providers);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
