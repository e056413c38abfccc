using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Features.Organisations;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// The API in memory over real HTTP semantics, on its own real PostgreSQL database (one per test class),
/// with a movable clock.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly List<string> _extraDatabases = [];
    private string? _connectionString;
    private bool _ownsDatabase = true;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    public PostgresServer Database { get; private set; } = null!;

    /// <summary>Whether the demo organisations are loaded at start-up.</summary>
    protected virtual bool SeedDemo => false;

    public virtual async Task InitializeAsync()
    {
        Database = await PostgresServer.GetAsync();
        _connectionString ??= await Database.CreateDatabaseAsync();
    }

    /// <summary>A second API process on the database of <paramref name="other"/> (which keeps owning it): a restart, or another instance.</summary>
    public static async Task<ApiFactory> OnSameDatabaseAsync(ApiFactory other)
    {
        var factory = new ApiFactory { _connectionString = other.ConnectionString, _ownsDatabase = false };
        await factory.InitializeAsync();
        return factory;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_connectionString is not null && _ownsDatabase) await Database.DropDatabaseAsync(_connectionString);
        foreach (var extra in _extraDatabases) await Database.DropDatabaseAsync(extra);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Matching", ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:StartupWaitSeconds", "10");
        builder.UseSetting("Auth:AdminApiKey", AdminKey);
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        // Tests call far faster than people do; the limits themselves are tested with low ones (SecurityTests).
        builder.UseSetting("RateLimiting:PerKeyPermitLimit", "1000000");
        builder.UseSetting("RateLimiting:AnonymousPermitLimit", "1000000");
        builder.UseSetting("RateLimiting:SignInPermitLimit", "1000000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>An empty database without schema, dropped with this factory.</summary>
    protected async Task<string> CreateEmptyDatabaseAsync()
    {
        var connectionString = await Database.CreateEmptyDatabaseAsync();
        _extraDatabases.Add(connectionString);
        return connectionString;
    }

    public HttpClient Anonymous() => CreateApiClient();

    /// <summary>A client of the API without a key: the in-memory one; a host on a real port gives its own.</summary>
    protected virtual HttpClient CreateApiClient() => CreateClient();

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient WithKey(string key)
    {
        var client = CreateApiClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Registers an organisation through the API and returns it with a fresh key.</summary>
    public async Task<(OrganisationDto Organisation, string Key)> CreateOrganisationWithKeyAsync(object body)
    {
        var admin = Admin();
        var created = await admin.PostAsJsonAsync("/api/v1/organisations", body);
        created.EnsureSuccessStatusCode();
        var organisation = (await created.Content.ReadFromJsonAsync<OrganisationDto>(Json.Options))!;
        var issued = await admin.PostAsJsonAsync($"/api/v1/organisations/{organisation.Id}/api-keys", new { label = "test" });
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<IssuedApiKeyDto>(Json.Options))!;
        return (organisation, key.Key);
    }
}

/// <summary>The API with the demo organisations loaded.</summary>
public sealed class DemoApiFactory : ApiFactory
{
    protected override bool SeedDemo => true;
}
