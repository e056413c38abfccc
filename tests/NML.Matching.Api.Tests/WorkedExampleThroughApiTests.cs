using System.Net;
using System.Net.Http.Json;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The worked example of docs/matching.md §2 through the API, on a database of its own (the example needs Venlo to
/// hold all 4 of the region's placements). Every figure asserted is copied from the document's table.
/// </summary>
public sealed class WorkedExampleThroughApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheWorkedExampleScores6774()
    {
        // "Venlo has had 4 placements in the last 12 months, all 4 of the region's": four open proposals in Venlo.
        for (var i = 0; i < 4; i++)
        {
            var placedUnit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
            var placedCandidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));
            var proposed = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = placedUnit.Id, candidateId = placedCandidate.Id });
            Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        }

        // "A candidate from Venlo with preferences [Venlo, Venray], support need Midden, prikkelarm Preferred, ready for
        // 46 days, not urgent, whose provider works in Venlo; a unit in Venlo with support Nearby and prikkelarm level 2."
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983")
            .With("supportOnSite", "Nearby")
            .With("prikkelarm", new System.Text.Json.Nodes.JsonObject
            {
                ["ownFrontDoor"] = true, ["noSharedStairwell"] = true, ["noDirectNeighbours"] = false, ["quietStreet"] = true, ["edgeOfNeighbourhood"] = false,
            }));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("preferredGemeenten", new System.Text.Json.Nodes.JsonArray("GM0983", "GM0984"))
            .With("supportNeed", "Midden").With("prikkelarmNeed", "Preferred").With("urgent", false)
            .With("readySince", "2026-01-15"));
        Assert.Equal(2, unit.PrikkelarmLevel);
        // 46 days before the test clock's today.
        Assert.Equal(new DateOnly(2026, 3, 2), DateOnly.FromDateTime(api.Clock.GetUtcNow().UtcDateTime));

        var ranking = (await api.Admin().GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?limit=200", Json.Options))!;

        var entry = ranking.Items.Single(i => i.Candidate.Id == candidate.Id);
        // §5: the default weights, echoed in every result.
        Assert.Equal(new Domain.Matching.MatchingWeights(30, 20, 20, 15, 10, 5), ranking.Weights);
        Assert.Equal(67.74, entry.Score);
        Assert.Equal(["gemeente", "spreiding", "support", "prikkelarm", "wachttijd", "urgentie"], entry.Breakdown.Select(c => c.Criterion));
        Assert.Equal([30.0, 20, 20, 15, 10, 5], entry.Breakdown.Select(c => c.Weight));
        Assert.Equal([30.00, 4.48, 20.00, 12.00, 1.26, 0.00], entry.Breakdown.Select(c => c.Points));
        double[] values = [1.000, 0.224, 1.0, 0.8, 0.126, 0];
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i], entry.Breakdown[i].Value, 3);
        Assert.Equal(
            [
                "Venlo is 1e voorkeur",
                "Venlo: 4 recente plaatsingen, eerlijk aandeel 0.8 van 4 (verhouding 2.16)",
                "begeleiding in de buurt past goed bij begeleidingsbehoefte Midden",
                "Prikkelarm gewenst; woning heeft niveau 2",
                "46 dagen wachttijd",
                "Niet urgent",
            ],
            entry.Breakdown.Select(c => c.Reason));
    }
}
