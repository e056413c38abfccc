using System.Net;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class ErrorHandlingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/nope")]
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

        Assert.Contains("traceId", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
    }
}
