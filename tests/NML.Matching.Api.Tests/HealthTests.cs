using System.Net;
using Microsoft.AspNetCore.Hosting;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

public sealed class HealthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task LivenessAnswersWithoutAKey()
    {
        var response = await api.Anonymous().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReadinessIsHealthyWhenTheDatabaseIsMigrated()
    {
        var response = await api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }
}

/// <summary>An API pointed at an empty database with start-up migration switched off.</summary>
public sealed class UnmigratedApiFactory : ApiFactory
{
    private string? _empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _empty = await CreateEmptyDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Matching", _empty);
        builder.UseSetting("Database:MigrateOnStartup", "false");
    }
}

public sealed class UnmigratedHealthTests(UnmigratedApiFactory api) : IClassFixture<UnmigratedApiFactory>
{
    [Fact]
    public async Task ReadinessIsUnhealthyWhileMigrationsArePending()
    {
        var response = await api.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var live = await api.Anonymous().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
