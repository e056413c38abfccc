using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.ApiKeys;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using Npgsql;

namespace NML.Matching.Api.Tests;

public sealed class AuditTrailTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CreatingAndChangingAnOrganisationIsAudited()
    {
        var (organisation, _) = await api.CreateOrganisationWithKeyAsync(new { name = "Audit Wonen", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0957" } });
        var update = await api.Admin().PutAsJsonAsync($"/api/v1/organisations/{organisation.Id}",
            new { name = "Audit Wonen BV", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0957", "GM1669" }, active = true });
        update.EnsureSuccessStatusCode();

        var page = await api.Admin().GetFromJsonAsync<PagedList<AuditEventDto>>(
            $"/api/v1/audit-events?entityType=organisation&entityId={organisation.Id}", Json.Options);

        Assert.Equal(["organisation.updated", "organisation.created"], page!.Items.Select(e => e.Action));
        var changed = page.Items[0];
        Assert.Equal("Admin", changed.ActorRole);
        Assert.Equal("Audit Wonen", changed.Before!.Value.GetProperty("name").GetString());
        Assert.Equal("Audit Wonen BV", changed.After!.Value.GetProperty("name").GetString());
        Assert.Null(page.Items[1].Before);
    }

    [Fact]
    public async Task IssuingAndRevokingKeysIsAuditedWithoutTheSecret()
    {
        var (organisation, key) = await api.CreateOrganisationWithKeyAsync(new { name = "Sleutel Zorg", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0988" } });
        var keys = await api.Admin().GetFromJsonAsync<List<ApiKeyDto>>($"/api/v1/organisations/{organisation.Id}/api-keys", Json.Options);
        var keyId = Assert.Single(keys!).Id;
        (await api.Admin().DeleteAsync($"/api/v1/organisations/{organisation.Id}/api-keys/{keyId}")).EnsureSuccessStatusCode();

        var response = await api.Admin().GetAsync($"/api/v1/audit-events?entityType=api-key&entityId={keyId}");
        var text = await response.Content.ReadAsStringAsync();
        var page = await response.Content.ReadFromJsonAsync<PagedList<AuditEventDto>>(Json.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["api-key.revoked", "api-key.issued"], page!.Items.Select(e => e.Action));
        Assert.DoesNotContain(key, text);
    }

    [Fact]
    public async Task TheDatabaseRefusesToRewriteTheAuditTrail()
    {
        await api.CreateOrganisationWithKeyAsync(new { name = "Onuitwisbaar", type = "Matchingspunt", regionCode = "MHL" });
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();

        var update = new NpgsqlCommand("UPDATE audit_events SET action = 'forged'", connection);
        var delete = new NpgsqlCommand("DELETE FROM audit_events", connection);

        await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task TheAuditTrailIsForAdminOnly()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(new { name = "Gluurder", type = "Matchingspunt", regionCode = "NML", pointCode = "Noord" });

        Assert.Equal(HttpStatusCode.Forbidden, (await api.WithKey(key).GetAsync("/api/v1/audit-events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous().GetAsync("/api/v1/audit-events")).StatusCode);
    }
}
