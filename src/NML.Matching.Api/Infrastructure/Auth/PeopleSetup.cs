using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;

namespace NML.Matching.Api.Infrastructure.Auth;

public static class PeopleSetup
{
    /// <summary>How often an open session re-reads its person (and is ended when deactivated or its stamp changed).</summary>
    public static readonly TimeSpan SessionCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>How long a person is locked out after <see cref="MaxFailedAttempts"/> failures in a row (passwords and codes).</summary>
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public const int MaxFailedAttempts = 5;

    public const int MinimumPasswordLength = 12;

    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// People: ASP.NET Core Identity with its EF Core stores in <see cref="MatchingDbContext"/> (schema version 3, with
    /// passkeys), no Identity roles; passwords of at least 12 characters without composition rules, lockout after 5
    /// failures, one person per e-mail address (docs/security.md, "Accounts"); the sign-in rule of
    /// <see cref="PersonSignInManager"/> and the claims of <see cref="PersonClaimsFactory"/>. The cookies are set up in
    /// <see cref="AuthSetup.AddMatchingAuth"/>.
    /// </summary>
    public static WebApplicationBuilder AddMatchingPeople(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<Person>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Password.RequiredLength = MinimumPasswordLength;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<MatchingDbContext>()
            .AddSignInManager<PersonSignInManager>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PersonClaimsFactory>()
            .AddErrorDescriber<DutchIdentityErrors>()
            .AddTokenProvider<InvitationTokens>(InvitationTokens.ProviderName);
        // A reset link works for two hours (Identity's default provider; it also signs other one-off links).
        builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = PasswordResetLifetime);
        builder.Services.AddScoped<Infrastructure.Email.PortalLinks>();
        builder.Services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = SessionCheckInterval;
            // The check rebuilds the principal from the person; how the session was signed in (amr: mfa, or the single
            // sign-on provider) and the session's id are the session's, not the person's, and must survive it
            // (SecondFactor.IsStrong, PersonSession).
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.Identity is not System.Security.Claims.ClaimsIdentity current
                    || context.NewPrincipal?.Identity is not System.Security.Claims.ClaimsIdentity renewed) return Task.CompletedTask;
                foreach (var claim in current.FindAll(c => c.Type is SecondFactor.AmrClaim or System.Security.Claims.ClaimTypes.AuthenticationMethod or PersonSession.Claim).ToList())
                {
                    if (!renewed.HasClaim(claim.Type, claim.Value)) renewed.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
                }
                return Task.CompletedTask;
            };
        });
        builder.Services.Configure<SignInSettings>(builder.Configuration.GetSection(SignInSettings.Section));
        builder.Services.AddScoped<PortalSignIn>();
        builder.Services.AddScoped<PersonAccount>();
        // Passkeys (docs/decisions.md, "Passkeys"): the authenticator must verify the person (PIN, fingerprint, face), which
        // makes a passkey two factors in one (PersonSignInManager marks its session multi-factor), and must keep the
        // credential itself (discoverable), so that signing in needs no e-mail address first. The browser's signed
        // client data must name this site's own origin, as this request sees it (scheme and host, behind a proxy after
        // the forwarded headers), and no frame of another site: Identity's default compares it with the request's Origin
        // header instead, which a form post carries as "null" under the portal's Referrer-Policy: no-referrer.
        builder.Services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
            options.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && IsOwnOrigin(context.Origin, context.HttpContext.Request));
        });
        builder.Services.TryAddScoped<IPasskeyHandler<Person>, PasskeyHandler<Person>>();
        builder.Services.AddScoped<PersonPasskeys>();
        return builder;
    }

    /// <summary>Whether <paramref name="origin"/> (of WebAuthn's client data) is this request's own: <c>https://host[:port]</c>.</summary>
    public static bool IsOwnOrigin(string? origin, HttpRequest request) =>
        origin is not null && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
}
