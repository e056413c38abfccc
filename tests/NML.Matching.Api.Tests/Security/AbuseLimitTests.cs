using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Security;

/// <summary>The API with low rate limits and allowed CORS origins, to see the limits work.</summary>
public sealed class LimitedApiFactory : ApiFactory
{
    public const string AllowedOrigin = "https://dashboard.gemeente.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:PerKeyPermitLimit", "5");
        builder.UseSetting("RateLimiting:AnonymousPermitLimit", "3");
        builder.UseSetting("RateLimiting:WindowSeconds", "3600");
        builder.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
        TrustTheTestClientAsProxy(builder);
    }

    /// <summary>
    /// As behind a load balancer: the test client is a known proxy, so the client address of each request is the
    /// one its <c>X-Forwarded-For</c> names (the production path, <c>ForwardedHeaders:KnownProxies</c>). The in-memory
    /// test server connects from loopback or from no address at all; both count as the proxy.
    /// </summary>
    internal static void TrustTheTestClientAsProxy(IWebHostBuilder builder)
    {
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", "127.0.0.1");
        builder.UseSetting("ForwardedHeaders:KnownProxies:1", "::1");
    }
}

/// <summary>The API with a small anonymous limit that refills every 2 seconds, to see the bucket refill.</summary>
public sealed class RefillingApiFactory : ApiFactory
{
    public const int Limit = 2;
    public const int WindowSeconds = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:AnonymousPermitLimit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimiting:WindowSeconds", WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        LimitedApiFactory.TrustTheTestClientAsProxy(builder);
    }
}

/// <summary>A request from a client address, as a trusted proxy forwards it.</summary>
internal static class ClientAddress
{
    public static Task<HttpResponseMessage> GetFromAsync(this HttpClient client, string address, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}

public sealed class AbuseLimitTests(LimitedApiFactory api) : IClassFixture<LimitedApiFactory>
{
    [Fact]
    public async Task AKeyOverItsLimitGets429WithRetryAfterWhileOtherKeysGoOn()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Snel {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var (_, other) = await api.CreateOrganisationWithKeyAsync(new { name = $"Rustig {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var client = api.WithKey(key);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await client.GetAsync("/api/v1/regions");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.True(int.Parse(last.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType!.MediaType);
        Assert.Equal("too-many-requests", (await last.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.WithKey(other).GetAsync("/api/v1/regions")).StatusCode);
    }

    [Fact]
    public async Task CallsWithoutAValidKeyAreLimitedPerClientAndHealthChecksNever()
    {
        // Wrong keys count against the caller's address, so guessing keys is slow.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await api.WithKey($"nml_guess{i}_wrong").GetAsync("/api/v1/regions")).StatusCode);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);
    }

    /// <summary>
    /// The portal's static files (style sheets, fonts, the framework script) count against no bucket (docs/security.md):
    /// an address keeps getting them after its bucket is empty, while its page requests are refused.
    /// </summary>
    [Fact]
    public async Task ThePortalsStaticFilesAreNotLimitedWhileItsPagesAre()
    {
        const string address = "203.0.113.30";
        var client = api.Anonymous();

        var files = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) files.Add((await client.GetFromAsync(address, "/portal/portal.css")).StatusCode);
        var pages = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) pages.Add((await client.GetFromAsync(address, "/")).StatusCode);
        var fileAfter = await client.GetFromAsync(address, "/portal/portal.css");

        // The anonymous limit is 3 (LimitedApiFactory): six files pass, the fourth page is refused, a file still passes.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6), files);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], pages);
        Assert.Equal(HttpStatusCode.OK, fileAfter.StatusCode);
        Assert.Equal("text/css", fileAfter.Content.Headers.ContentType!.MediaType);
    }

    /// <summary>
    /// Calls without a valid key count per client address (docs/security.md): one address that used up its
    /// bucket is refused while another address, through the same proxy, still gets its answers.
    /// </summary>
    [Fact]
    public async Task OneClientAddressOverItsLimitDoesNotLimitAnother()
    {
        // Documentation addresses (RFC 5737): only header values here, nothing is sent to them.
        const string a = "203.0.113.10", b = "203.0.113.20";
        var wrongKey = api.WithKey("nml_guess_wrong");

        var fromA = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) fromA.Add((await wrongKey.GetFromAsync(a, "/api/v1/regions")).StatusCode);

        // The anonymous limit is 3 (LimitedApiFactory).
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], fromA);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetFromAsync(b, "/api/v1/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetFromAsync(b, "/openapi/v1.json")).StatusCode);
        var stillA = await api.Anonymous().GetFromAsync(a, "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.TooManyRequests, stillA.StatusCode);
        Assert.Equal("too-many-requests", (await stillA.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task CorsAnswersOnlyTheConfiguredOrigins()
    {
        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/regions");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
            request.Headers.Add("Access-Control-Request-Headers", "x-api-key");
            return await api.Anonymous().SendAsync(request);
        }

        var allowed = await PreflightAsync(LimitedApiFactory.AllowedOrigin);
        var other = await PreflightAsync("https://elders.example");

        // Both are answered as preflights by the CORS policy (204, before the rate limiter and authentication): the
        // other origin lacks the header because the policy refuses it, not because the request never got that far.
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        Assert.Equal(LimitedApiFactory.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class RateLimitRefillTests(RefillingApiFactory api) : IClassFixture<RefillingApiFactory>
{
    /// <summary>
    /// A token bucket "refilled every window" (docs/security.md): after the Retry-After of a 429 the address may
    /// burst up to the whole limit again. The limiter keeps real time, so the test waits the short window.
    /// </summary>
    [Fact]
    public async Task AfterTheWindowAnAddressThatWasLimitedMayBurstAgain()
    {
        const string address = "203.0.113.30";
        var client = api.WithKey("nml_guess_wrong");

        var allowed = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await client.GetFromAsync(address, "/api/v1/regions");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused = response;
            else allowed++;
        }

        Assert.NotNull(refused);
        Assert.True(allowed >= RefillingApiFactory.Limit, $"Only {allowed} calls were allowed before the first 429.");
        var wait = int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, RefillingApiFactory.WindowSeconds);

        await Task.Delay(TimeSpan.FromSeconds(wait) + TimeSpan.FromMilliseconds(500));

        for (var i = 0; i < RefillingApiFactory.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetFromAsync(address, "/api/v1/regions")).StatusCode);
    }
}

public sealed class InputAndHeaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ABodyOverTheLimitIs413WithProblemDetails()
    {
        var body = Payloads.Unit().With("kern", new string('x', 300 * 1024));

        var response = await api.Admin().PostAsJsonAsync("/api/v1/organisations", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload-too-large", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task JsonNestedTooDeeplyIsABadRequest()
    {
        var json = "{\"name\":" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}";

        var response = await api.Admin().PostAsync("/api/v1/organisations", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/regions", true, HttpStatusCode.OK)]
    [InlineData("/api/v1/regions", false, HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/nothing-here", true, HttpStatusCode.NotFound)]
    [InlineData("/health/live", false, HttpStatusCode.OK)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, bool withKey, HttpStatusCode status)
    {
        var response = await (withKey ? api.Admin() : api.Anonymous()).GetAsync(path);

        // Answers of every kind: a success, a refusal by authentication, an unknown route.
        Assert.Equal(status, response.StatusCode);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task HstsIsSentOverHttpsOutsideDevelopment()
    {
        var https = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://api.nml.example") });
        var http = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://api.nml.example") });

        var secure = await https.GetAsync("/health/live");
        var plain = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);

        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task CorsIsClosedUnlessConfigured()
    {
        async Task<HttpResponseMessage> FromOriginAsync(string origin)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
            request.Headers.Add("Origin", origin);
            return await api.Admin().SendAsync(request);
        }

        var response = await FromOriginAsync("https://elders.example");
        // The origin that an API configured with it does answer (CorsAnswersOnlyTheConfiguredOrigins) gets nothing here either.
        var configuredElsewhere = await FromOriginAsync(LimitedApiFactory.AllowedOrigin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configuredElsewhere.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(configuredElsewhere.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task EveryUseOfTheAdminKeyIsAudited()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.OK, (await api.Admin().GetAsync($"/api/v1/gemeenten?region=NML&point=x{marker}")).StatusCode);

        var audit = await api.Admin().GetStringAsync("/api/v1/audit-events?action=admin.request&pageSize=50");

        Assert.Contains($"x{marker}", audit);
        Assert.Contains("/api/v1/gemeenten", audit);
        Assert.Contains("\"method\":\"GET\"", audit.Replace(" ", "", StringComparison.Ordinal));
    }
}
