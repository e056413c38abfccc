using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header. Organisation keys are found by their prefix and checked by
/// hash in constant time, then kept for <c>Auth:KeyCacheSeconds</c> in <see cref="VerifiedKeyCache"/>; the admin
/// key comes from configuration only. A missing or unknown key gives 401, a known key without the right role 403,
/// both as problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MatchingDbContext db,
    TimeProvider clock,
    ApiKeyUsageTracker usage,
    VerifiedKeyCache verified,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>Response header on calls with a key that expires within <see cref="ExpiryNotice"/>.</summary>
    public const string ExpiresHeaderName = "X-Api-Key-Expires";

    public static readonly TimeSpan ExpiryNotice = TimeSpan.FromDays(14);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values)) return AuthenticateResult.NoResult();
        var presented = values.ToString().Trim();
        if (presented.Length == 0) return AuthenticateResult.NoResult();

        if (Options.AdminApiKey is { Length: > 0 } admin && ConstantTimeEquals(presented, admin))
        {
            return Success(new Claim(ClaimTypes.Role, Roles.Admin), new Claim(CallerClaims.Name, "admin"));
        }

        if (!ApiKeySecret.TryGetPrefix(presented, out var prefix)) return AuthenticateResult.Fail("Unknown API key.");

        var now = clock.GetUtcNow();
        var presentedHash = ApiKeySecret.HashOf(presented);
        if (!verified.TryGet(presentedHash, out var known))
        {
            var generation = verified.Generation;
            var candidate = await db.ApiKeys.AsNoTracking()
                .Where(k => k.Prefix == prefix)
                .Join(db.Organisations, k => k.OrganisationId, o => o.Id, (k, o) => new VerifiedKey(k, o.Type, o.Active, o.Name, o.RegionCode, o.GemeenteCode))
                .FirstOrDefaultAsync(Context.RequestAborted);

            // Hash and compare even when nothing was found, so that timing tells nothing about prefixes.
            var matches = candidate is not null ? candidate.Key.Matches(presented) : CryptographicOperations.FixedTimeEquals(presentedHash, new byte[32]);
            if (candidate is null || !matches) return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
            verified.Store(presentedHash, candidate, generation);
            known = candidate;
        }
        // Checked on every request, cached or not: the organisation is active and the key neither revoked nor expired.
        if (!known.Active || !known.Key.IsUsableAt(now)) return AuthenticateResult.Fail("Unknown, revoked or expired API key.");

        await usage.RecordAsync(db, known.Key.Id, now, Context.RequestAborted);
        // A key that expires within two weeks says so on every answer, so that an integration can rotate in time.
        if (known.Key.ExpiresAt is { } expiresAt && expiresAt - now < ExpiryNotice)
            Response.Headers[ExpiresHeaderName] = expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        List<Claim> claims =
        [
            new(ClaimTypes.Role, Roles.For(known.Type)),
            new(CallerClaims.OrganisationId, known.Key.OrganisationId.ToString()),
            new(CallerClaims.KeyId, known.Key.Id.ToString()),
            new(CallerClaims.Name, known.Name),
            new(CallerClaims.Region, known.RegionCode),
        ];
        if (known.GemeenteCode is not null) claims.Add(new Claim(CallerClaims.Gemeente, known.GemeenteCode));
        return Success([.. claims]);
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    private static bool ConstantTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "unauthenticated", $"Send a valid API key in the {HeaderName} header.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "forbidden", "Your organisation's role does not allow this operation.");

    private async Task WriteProblem(int status, string code, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = $"{HeaderName}";
        await problemDetails.WriteProblemAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = ProblemTypes.Create(status, code, detail) });
    }
}
