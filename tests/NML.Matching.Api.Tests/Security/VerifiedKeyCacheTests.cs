using System.Net;
using System.Net.Http.Json;
using Npgsql;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Security;

/// <summary>
/// Verified keys are trusted for <see cref="KeyCacheSettings.KeyCacheSeconds"/> (15 s) without a database lookup:
/// changes made on this instance take effect at once, changes made elsewhere within that time.
/// </summary>
public sealed class VerifiedKeyCacheTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<(Guid OrganisationId, Guid KeyId, string Key)> NewOrganisationAsync()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Cache {Guid.NewGuid().ToString("N")[..8]}", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var me = (await api.WithKey(key).GetFromJsonAsync<Features.Organisations.GetCurrentCaller.CallerDto>("/api/v1/me", Json.Options))!;
        return (organisation.Id, me.KeyId!.Value, key);
    }

    private async Task<HttpStatusCode> MeAsync(string key) => (await api.WithKey(key).GetAsync("/api/v1/me")).StatusCode;

    [Fact]
    public async Task AKeyRevokedOnThisInstanceStopsWorkingAtOnce()
    {
        var (organisationId, keyId, key) = await NewOrganisationAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(key));

        (await api.Admin().DeleteAsync($"/api/v1/organisations/{organisationId}/api-keys/{keyId}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(key));
    }

    [Fact]
    public async Task ADeactivatedOrganisationsKeyStopsWorkingAtOnce()
    {
        var (organisationId, _, key) = await NewOrganisationAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(key));

        var update = await api.Admin().PutAsJsonAsync($"/api/v1/organisations/{organisationId}",
            new { name = "Gesloten corporatie", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983" }, active = false });
        update.EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(key));
    }

    [Fact]
    public async Task AKeyRevokedBehindThisInstancesBackStopsWorkingOnceTheCacheTimeHasPassed()
    {
        var (_, keyId, key) = await NewOrganisationAsync();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(key));

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE api_keys SET revoked_at = now() WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = keyId });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Another replica (here: plain SQL) revoked it: this instance trusts its verification for at most 15 s more.
        Assert.Equal(HttpStatusCode.OK, await MeAsync(key));
        api.Clock.Advance(TimeSpan.FromSeconds(new KeyCacheSettings().KeyCacheSeconds));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(key));
    }

    [Fact]
    public async Task AnExpiryIsCheckedOnEveryRequestEvenWhenTheKeyIsCached()
    {
        var (organisationId, _, _) = await NewOrganisationAsync();
        var issued = await api.Admin().PostAsJsonAsync($"/api/v1/organisations/{organisationId}/api-keys", new { label = "kort", expiresAt = api.Clock.GetUtcNow().AddSeconds(5) });
        issued.EnsureSuccessStatusCode();
        var key = (await issued.Content.ReadFromJsonAsync<Features.ApiKeys.IssuedApiKeyDto>(Json.Options))!.Key;
        Assert.Equal(HttpStatusCode.OK, await MeAsync(key));

        api.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(key));
    }
}
