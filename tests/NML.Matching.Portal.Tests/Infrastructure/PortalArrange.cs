using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Infrastructure;

/// <summary>The workflow's states that page tests start from, arranged through the API with the organisations' keys.</summary>
public static class PortalArrange
{
    /// <summary>A unit of the corporation and a candidate of the provider that fit (as in the API's tests), proposed and nominated by the Matchingspunt.</summary>
    public static async Task<(Guid Match, UnitDto Unit, CandidateDto Candidate)> NominateAsync(this PortalFixture portal, string corporationKey, string providerKey, string matchingspuntKey, string prefix)
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
        return (match.Id, unit, candidate);
    }

    /// <summary>A nominated match, accepted and signed by the corporation as an ordinary lease from <paramref name="start"/> (jjjj-mm-dd); the tenancy's id.</summary>
    public static async Task<Guid> ContractAsync(this PortalFixture portal, string corporationKey, Guid match, string start)
    {
        using var corporation = portal.WithKey(corporationKey);
        var accepted = await corporation.PostAsync($"/api/v1/matches/{match}/accept", null);
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        var contract = await corporation.PostAsJsonAsync($"/api/v1/matches/{match}/contract", new { tenancyStart = start, contractForm = "Regulier" });
        Assert.True(contract.IsSuccessStatusCode, await contract.Content.ReadAsStringAsync());
        var tenancies = (await corporation.GetFromJsonAsync<PagedList<TenancyDto>>("/api/v1/tenancies?pageSize=200", Json.Options))!;
        return tenancies.Items.Single(t => t.MatchId == match).Id;
    }
}
