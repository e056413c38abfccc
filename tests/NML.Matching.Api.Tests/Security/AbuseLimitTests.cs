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

        Assert.Equal(LimitedApiFactory.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
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
    [InlineData("/api/v1/regions", true)]
    [InlineData("/api/v1/regions", false)]
    [InlineData("/api/v1/nothing-here", true)]
    [InlineData("/health/live", false)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, bool withKey)
    {
        var response = await (withKey ? api.Admin() : api.Anonymous()).GetAsync(path);

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

        Assert.Contains("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task CorsIsClosedUnlessConfigured()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/regions");
        request.Headers.Add("Origin", "https://elders.example");

        var response = await api.Admin().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task EveryUseOfTheAdminKeyIsAudited()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await api.Admin().GetAsync($"/api/v1/gemeenten?region=NML&point=x{marker}");

        var audit = await api.Admin().GetStringAsync("/api/v1/audit-events?action=admin.request&pageSize=50");

        Assert.Contains($"x{marker}", audit);
        Assert.Contains("/api/v1/gemeenten", audit);
        Assert.Contains("\"method\":\"GET\"", audit.Replace(" ", "", StringComparison.Ordinal));
    }
}
