using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>The workflow's states that page tests start from, arranged through the API with the organisations' keys.</summary>
public static class PortalArrange
{
    /// <summary>A unit of the corporation and a candidate of the provider that fit (as in the API's tests), proposed and nominated by the Matchingspunt.</summary>
    public static async Task<(Guid Match, UnitDto Unit)> NominateAsync(this PortalFixture portal, string corporationKey, string providerKey, string matchingspuntKey, string prefix)
    {
        var group = new JsonArray("HuiselijkGeweld");
        var unit = await portal.WithKey(corporationKey).PostUnitAsync(Payloads.Unit("GM0983", Payloads.Reference(prefix + "-", 14))
            .With("targetGroups", group).With("supportOnSite", "TwentyFourSeven"));
        var candidate = await portal.WithKey(providerKey).RegisterCandidateAsync(Payloads.Candidate("GM0983", Payloads.Reference("CL-", 14))
            .With("targetGroups", new JsonArray("HuiselijkGeweld")).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        var matchingspunt = portal.WithKey(matchingspuntKey);
        var proposed = await matchingspunt.PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var match = (await proposed.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
        var nominated = await matchingspunt.PostAsync($"/api/v1/matches/{match.Id}/nominate", null);
        Assert.True(nominated.StatusCode == HttpStatusCode.OK, await nominated.Content.ReadAsStringAsync());
        return (match.Id, unit);
    }
}
