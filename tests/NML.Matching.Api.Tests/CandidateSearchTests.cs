using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The candidate list's search on the own reference and its orders (docs/registers.md §6), which Mijn cliënten in the
/// portal uses: <c>reference</c> finds a part of the reference whatever its case, with <c>%</c> and <c>_</c> as written;
/// <c>sort</c> orders by readiness or by reference, either way.
/// </summary>
public sealed class CandidateSearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<HttpClient> ProviderWithAsync(params (string Reference, string ReadySince)[] candidates)
    {
        var (_, key) = await api.CreateOrganisationWithKeyAsync(new { name = $"Zorg {Guid.NewGuid().ToString("N")[..8]}", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983" } });
        var provider = api.WithKey(key);
        foreach (var (reference, readySince) in candidates)
            await provider.RegisterCandidateAsync(Payloads.Candidate(reference: reference).With("readySince", readySince));
        return provider;
    }

    private static async Task<List<string>> ReferencesAsync(HttpClient provider, string query)
    {
        var page = (await provider.GetFromJsonAsync<PagedList<CandidateDto>>("/api/v1/candidates" + query, Json.Options))!;
        return [.. page.Items.Select(c => c.ExternalReference)];
    }

    [Fact]
    public async Task TheReferenceSearchFindsAPartOfTheReferenceWhateverItsCase()
    {
        var provider = await ProviderWithAsync(("Noord-12", "2026-01-03"), ("noord-7", "2026-01-02"), ("Zuid-12", "2026-01-01"), ("50%_A", "2026-01-04"), ("50XXA", "2026-01-05"));

        Assert.Equal(5, (await ReferencesAsync(provider, "")).Count);
        Assert.Equal(["noord-7", "Noord-12"], await ReferencesAsync(provider, "?reference=NOORD"));
        Assert.Equal(["Zuid-12", "Noord-12"], await ReferencesAsync(provider, "?reference=-12"));
        // The wildcards of LIKE are searched as written: "%_" does not match "XX".
        Assert.Equal(["50%_A"], await ReferencesAsync(provider, "?reference=" + Uri.EscapeDataString("%_")));
        Assert.Empty(await ReferencesAsync(provider, "?reference=oost"));
    }

    [Fact]
    public async Task TheListSortsByReadinessOrByReferenceEitherWay()
    {
        var provider = await ProviderWithAsync(("B", "2026-01-01"), ("C", "2026-01-03"), ("A", "2026-01-02"));

        Assert.Equal(["B", "A", "C"], await ReferencesAsync(provider, ""));
        Assert.Equal(["B", "A", "C"], await ReferencesAsync(provider, "?sort=readySince"));
        Assert.Equal(["C", "A", "B"], await ReferencesAsync(provider, "?sort=-readySince"));
        Assert.Equal(["A", "B", "C"], await ReferencesAsync(provider, "?sort=externalReference"));
        Assert.Equal(["C", "B", "A"], await ReferencesAsync(provider, "?sort=-externalReference"));
    }

    [Theory]
    [InlineData("?sort=name")]
    [InlineData("?sort=READYSINCE")]
    public async Task AnUnknownSortIsRefused(string query)
    {
        var provider = await ProviderWithAsync();
        var response = await provider.GetAsync("/api/v1/candidates" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"sort\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
