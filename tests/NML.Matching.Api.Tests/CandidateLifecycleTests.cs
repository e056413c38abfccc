using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;

namespace NML.Matching.Api.Tests;

/// <summary>Status derivation, parking, withdrawal and conditional updates. The clock starts on 2026-03-02.</summary>
public sealed class CandidateLifecycleTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private HttpClient _provider = null!;

    public async Task InitializeAsync()
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Zorg {Guid.NewGuid().ToString("N")[..8]}", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        _provider = api.WithKey(key);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Today => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");

    private string InDays(int days) => DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task ACandidateIsReadyFromReadySinceWhenSupportIsGuaranteed()
    {
        var readyToday = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("readySince", Today));
        var readyLater = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("readySince", InDays(1)));
        var noSupport = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("supportGuaranteed", false));

        Assert.Equal(CandidateStatus.Ready, readyToday.Status);
        Assert.Equal(CandidateStatus.Registered, readyLater.Status);
        Assert.Equal(CandidateStatus.Registered, noSupport.Status);
    }

    [Fact]
    public async Task AFutureCandidateBecomesReadyWhenItsDayComes()
    {
        var candidate = await _provider.RegisterCandidateAsync(Payloads.Candidate().With("readySince", InDays(2)));

        api.Clock.Advance(TimeSpan.FromDays(2));
        var later = await _provider.GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options);

        Assert.Equal(CandidateStatus.Registered, candidate.Status);
        Assert.Equal(CandidateStatus.Ready, later!.Status);
    }

    [Fact]
    public async Task AParkedCandidateIsParkedUntilTheDateAndReadyAgainThen()
    {
        var candidate = await _provider.RegisterCandidateAsync();

        var parked = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(10), reason = "Opname kliniek" });
        var dto = (await parked.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
        Assert.Equal(CandidateStatus.Parked, dto.Status);
        Assert.Equal("Opname kliniek", dto.ParkReason);

        api.Clock.Advance(TimeSpan.FromDays(10));
        var after = await _provider.GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options);
        Assert.Equal(CandidateStatus.Ready, after!.Status);
    }

    [Fact]
    public async Task UnparkingEndsParkingEarly()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        (await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(30), reason = "Even pauze" })).EnsureSuccessStatusCode();

        var unparked = await _provider.PostAsync($"/api/v1/candidates/{candidate.Id}/unpark", null);
        var again = await _provider.PostAsync($"/api/v1/candidates/{candidate.Id}/unpark", null);

        Assert.Equal(HttpStatusCode.OK, unparked.StatusCode);
        Assert.Equal(CandidateStatus.Ready, (await unparked.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData(0, "Te kort", "until")]
    [InlineData(5, "", "reason")]
    public async Task ParkingNeedsAFutureDateAndAReason(int days, string reason, string field)
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var response = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(days), reason });
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    [Fact]
    public async Task AParkReasonIsAtMost200Characters()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var response = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(5), reason = new string('x', 201) });
        await OrganisationTests.AssertBadRequestNaming(response, "reason");
    }

    [Fact]
    public async Task AWithdrawnCandidateCannotBeChanged()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var withdrawn = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/withdraw", new { reason = "Zelf woning gevonden" });
        var dto = (await withdrawn.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidates/{candidate.Id}") { Content = JsonContent.Create(Payloads.Candidate()) };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{dto.Version}\"");
        var update = await _provider.SendAsync(put);
        var park = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/park", new { until = InDays(5), reason = "x" });
        var again = await _provider.PostAsJsonAsync($"/api/v1/candidates/{candidate.Id}/withdraw", new { reason = "nogmaals" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(CandidateStatus.Withdrawn, dto.Status);
        Assert.Equal(HttpStatusCode.Conflict, update.StatusCode);
        Assert.Equal("candidate-withdrawn", (await update.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, park.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task APutWithoutIfMatchIs428()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var response = await _provider.PutAsJsonAsync($"/api/v1/candidates/{candidate.Id}", Payloads.Candidate());

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal("precondition-required", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task APutWithAStaleIfMatchIs412AndAFreshOneSucceeds()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var body = Payloads.Candidate(reference: candidate.ExternalReference).With("maxRent", 700);

        var fresh = await Put(candidate.Id, body, $"\"{candidate.Version}\"");
        var stale = await Put(candidate.Id, body.With("maxRent", 720), $"\"{candidate.Version}\"");
        var malformed = await Put(candidate.Id, body, "yesterday");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var updated = (await fresh.Content.ReadFromJsonAsync<CandidateDto>(Json.Options))!;
        Assert.Equal(700m, updated.MaxRent);
        Assert.NotEqual(candidate.Version, updated.Version);
        Assert.Equal($"\"{updated.Version}\"", fresh.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task TheETagOfGetMatchesTheVersion()
    {
        var candidate = await _provider.RegisterCandidateAsync();
        var response = await _provider.GetAsync($"/api/v1/candidates/{candidate.Id}");
        Assert.Equal($"\"{candidate.Version}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task ListFiltersFollowTheDerivedStatusAndTheFields()
    {
        var ready = await _provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("supportNeed", "Intensief").With("prikkelarmNeed", "Required"));
        var registered = await _provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("readySince", InDays(30)).With("currentSetting", "Kliniek"));
        var parked = await _provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        (await _provider.PostAsJsonAsync($"/api/v1/candidates/{parked.Id}/park", new { until = InDays(3), reason = "Vakantie" })).EnsureSuccessStatusCode();
        var withdrawn = await _provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        (await _provider.PostAsJsonAsync($"/api/v1/candidates/{withdrawn.Id}/withdraw", new { reason = "Verhuisd" })).EnsureSuccessStatusCode();

        async Task<List<Guid>> Ids(string query) =>
            [.. (await _provider.GetFromJsonAsync<PagedList<CandidateDto>>($"/api/v1/candidates?pageSize=200&{query}", Json.Options))!.Items.Select(c => c.Id)];

        Assert.Contains(ready.Id, await Ids("status=Ready"));
        Assert.DoesNotContain(parked.Id, await Ids("status=Ready"));
        Assert.Contains(registered.Id, await Ids("status=Registered"));
        Assert.Equal([parked.Id], await Ids("status=Parked"));
        Assert.Equal([withdrawn.Id], await Ids("status=Withdrawn"));
        Assert.Contains(ready.Id, await Ids("supportNeed=Intensief&prikkelarmNeed=Required"));
        Assert.DoesNotContain(registered.Id, await Ids("supportNeed=Intensief"));
        Assert.Contains(ready.Id, await Ids("supportNeed=Intensief"));
        Assert.Equal([registered.Id], await Ids("currentSetting=Kliniek"));
        Assert.DoesNotContain(registered.Id, await Ids($"readyBefore={InDays(1)}"));
        Assert.Contains(ready.Id, await Ids($"readyBefore={InDays(1)}"));
        Assert.Contains(ready.Id, await Ids("herkomstGemeente=gm0983"));
        Assert.Empty(await Ids("herkomstGemeente=GM0957"));
    }

    [Theory]
    [InlineData("status=Happy", "status")]
    [InlineData("herkomstGemeente=Venlo", "herkomstGemeente")]
    [InlineData("readyBefore=morgen", "readyBefore")]
    public async Task ABadFilterIsABadRequestNamingIt(string query, string field)
    {
        var response = await _provider.GetAsync($"/api/v1/candidates?{query}");
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    private Task<HttpResponseMessage> Put(Guid id, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidates/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return _provider.SendAsync(request);
    }
}
