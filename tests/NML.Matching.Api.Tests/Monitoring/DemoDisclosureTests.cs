using System.Text.Json;
using NML.Matching.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>
/// The small-number rule on the two years of demo data (many municipalities and owners, each knowing its own figures),
/// checked by the independent interval arithmetic of <see cref="Disclosure"/> against the exact figures of the
/// Matchingspunt: the page a municipality sees (the portal's /monitoring shows exactly these three reports) gives no
/// hidden count away.
/// </summary>
public sealed class DemoDisclosureTests(DemoApiFactory api, ITestOutputHelper output) : IClassFixture<DemoApiFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("&point=Noord")]
    public async Task TheDemoPagesGiveNoHiddenCountAwayToAnyReader(string filters)
    {
        using var venlo = api.WithKey("nml_gm0983_demo");
        using var mp = api.WithKey("nml_mpnoord_demo");
        async Task<MonitoringPage> PageAsync(HttpClient http) => new(
            await GetJsonAsync(http, $"/api/v1/monitoring/summary?from=2025-03-03&to=2026-03-02{filters}"),
            await GetJsonAsync(http, $"/api/v1/monitoring/spreiding?from=2025-03-03&to=2026-03-02{filters}"),
            await GetJsonAsync(http, $"/api/v1/monitoring/supply?from=2025-03-03&to=2026-03-02{filters}"));
        var page = await PageAsync(venlo);
        var exact = await PageAsync(mp);

        var (findings, hiddenSmallCounts) = Disclosure.Check(page, exact, summaryNarrowed: filters.Length > 0);

        Assert.True(hiddenSmallCounts >= 20, $"only {hiddenSmallCounts} hidden counts of 1-4 were checked");
        Assert.True(findings.Count == 0, string.Join("\n", findings));
        // Most of the page stays: the rule withholds what it must, not whole reports.
        Assert.NotEqual(JsonValueKind.String, page.Spreiding.GetProperty("totalPlacements").ValueKind);
        output.WriteLine($"{filters}: {hiddenSmallCounts} hidden counts of 1-4 checked");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
