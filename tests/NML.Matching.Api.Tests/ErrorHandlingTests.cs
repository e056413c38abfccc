using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class ErrorHandlingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    // Every other unknown path is the portal's: its Dutch 404 page (NML.Matching.Portal.Tests).
    [InlineData("/api/nope")]
    [InlineData("/health/nope")]
    [InlineData("/api/v1/does-not-exist")]
    public async Task AnUnknownRouteIsA404ProblemDetails(string path)
    {
        var response = await api.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal("not-found", body.GetProperty("code").GetString());
        Assert.StartsWith("urn:nml-matching:problem:", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AWrongMethodIsA405ProblemDetails()
    {
        var response = await api.Admin().DeleteAsync("/api/v1/regions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AMalformedIdInThePathIsNotAServerError()
    {
        var response = await api.Admin().GetAsync("/api/v1/organisations/not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProblemsCarryATraceIdButNoStackTrace()
    {
        var response = await api.Admin().GetAsync("/api/v1/gemeenten/GM0000");
        var text = await response.Content.ReadAsStringAsync();

        // docs/api.md: an unknown gemeente code is a 404, so this body is a problem, not a municipality.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("traceId", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }
}

/// <summary>
/// The API with one part broken on purpose: the scoped <see cref="ICallerAccessor"/> that handlers ask who is
/// calling throws, as a bug in a handler would. Everything else (authentication, the exception handler, the
/// problem writer) is the real thing.
/// </summary>
public sealed class BrokenHandlerApiFactory : ApiFactory
{
    /// <summary>Words of the exception that must never reach a client.</summary>
    public const string Secret = "Host=db-intern.nml;Password=geheim-7f3a";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ICallerAccessor>();
            services.AddScoped<ICallerAccessor, BrokenCallerAccessor>();
        });
    }

    private sealed class BrokenCallerAccessor : ICallerAccessor
    {
        public Caller Caller => throw new SimulatedFaultException($"Could not read the caller from {Secret}");
    }
}

/// <summary>An exception of a type the exception handler knows nothing about.</summary>
public sealed class SimulatedFaultException(string message) : Exception(message);

public sealed class UnexpectedErrorTests(BrokenHandlerApiFactory api) : IClassFixture<BrokenHandlerApiFactory>
{
    /// <summary>docs/api.md (Errors): 500 <c>internal-error</c>, with the trace id and without exception text or stack.</summary>
    [Fact]
    public async Task AHandlerThatThrowsGivesA500ProblemWithATraceIdAndNoInternals()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await api.Admin().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(500, body.GetProperty("status").GetInt32());
        Assert.Equal("internal-error", body.GetProperty("code").GetString());
        Assert.Equal("urn:nml-matching:problem:internal-error", body.GetProperty("type").GetString());
        // The server continues the trace of an incoming traceparent, so the client can quote its own id.
        Assert.Equal(traceId, body.GetProperty("traceId").GetString());
        Assert.DoesNotContain("geheim", text);
        Assert.DoesNotContain("db-intern", text);
        Assert.DoesNotContain("Could not read the caller", text);
        Assert.DoesNotContain(nameof(SimulatedFaultException), text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain(".cs:line", text);
    }

    [Fact]
    public async Task A500WithoutAnIncomingTraceStillCarriesAW3CTraceId()
    {
        var response = await api.Admin().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("internal-error", body.GetProperty("code").GetString());
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("traceId").GetString());
        Assert.NotEqual(new string('0', 32), body.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task AnEndpointThatDoesNotUseTheBrokenPartStillAnswers()
    {
        // Positive control: the factory itself works, only the handlers that ask for the caller fail.
        Assert.Equal(HttpStatusCode.OK, (await api.Admin().GetAsync("/api/v1/regions")).StatusCode);
    }
}
