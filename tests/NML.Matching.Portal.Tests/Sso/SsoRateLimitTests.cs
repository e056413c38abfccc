using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Sso;

/// <summary>The app with a sign-in limit of 2 per window per client address, behind a trusted proxy (the test client).</summary>
public sealed class SignInLimitedFactory : ApiFactory
{
    public const int Limit = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:SignInPermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:WindowSeconds", "3600");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("ForwardedHeaders:KnownProxies:1", "::1");
        // A provider that is never reached: forged answers at its callback fail before anything asks it.
        builder.UseSetting("Auth:Sso:Providers:limiet:DisplayName", "Limiet");
        builder.UseSetting("Auth:Sso:Providers:limiet:Authority", "https://idp.invalid/");
        builder.UseSetting("Auth:Sso:Providers:limiet:ClientId", "nml");
        builder.UseSetting("Auth:Sso:Providers:limiet:ClientSecret", "geheim");
        builder.UseSetting("Auth:Sso:Providers:limiet:OrganisationId", Guid.NewGuid().ToString());
    }
}

/// <summary>
/// Sign-in attempts are rate limited (issue 13; docs/security.md, "Abuse limits"): the single sign-on POST and its
/// completion count against the sign-in limit of the client's address, before anything else looks at the request; a
/// failed answer at a provider's callback counts too, before it is audited.
/// </summary>
public sealed class SsoRateLimitTests(SignInLimitedFactory app) : IClassFixture<SignInLimitedFactory>
{
    [Fact]
    public async Task AnAddressOverTheSignInLimitGets429WhileAnotherAddressAndOtherPagesGoOn()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        foreach (var path in new[] { "/inloggen/sso/gemeente", "/inloggen/sso/gemeente/klaar", "/inloggen/sso/gemeente" })
        {
            last = await client.SendAsync(From("203.0.113.7", path.EndsWith("/klaar", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, path));
            statuses.Add(last.StatusCode);
        }
        var otherAddress = await client.SendAsync(From("203.0.113.8", HttpMethod.Post, "/inloggen/sso/gemeente"));
        var otherPage = await client.SendAsync(From("203.0.113.7", HttpMethod.Get, "/"));

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(SignInLimitedFactory.Limit));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(int.Parse(last.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherPage.StatusCode);
    }

    [Fact]
    public async Task ForgedAnswersAtTheCallbackAreAuditedOnlyWithinTheSignInLimit()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        const string Callback = "/inloggen/sso/limiet/callback?code=gestolen&state=verzonnen";

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < SignInLimitedFactory.Limit + 2; i++) answers.Add(await client.SendAsync(From("198.51.100.20", HttpMethod.Get, Callback)));

        Assert.All(answers.Take(SignInLimitedFactory.Limit), a => Assert.Equal("/inloggen/sso/mislukt", a.Headers.Location?.ToString()));
        Assert.All(answers.Skip(SignInLimitedFactory.Limit), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.True(answers[^1].Headers.RetryAfter is not null);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var failures = await db.AuditEvents.Where(a => a.Action == SignInAudit.SignInFailed).Select(a => a.After).ToListAsync();
        Assert.Equal(SignInLimitedFactory.Limit, failures.Count(f => f!.Contains("\"provider-error\"", StringComparison.Ordinal) && f.Contains("\"sso:limiet\"", StringComparison.Ordinal)));
    }

    private static HttpRequestMessage From(string address, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent([new("returnUrl", "/")]);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}
