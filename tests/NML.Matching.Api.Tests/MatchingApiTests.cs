using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Matching;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Tests;

/// <summary>Rankings, dry and real matching rounds, the round lock and the matches they create, over HTTP.</summary>
public sealed class MatchingApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheMatchingspuntSeesFullProfilesRankedBestFirstWithBreakdowns()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var first = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983").With("preferredGemeenten", new System.Text.Json.Nodes.JsonArray("GM0983")));
        var second = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983").With("preferredGemeenten", new System.Text.Json.Nodes.JsonArray("GM0984", "GM0983")));

        var ranking = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?limit=200", Json.Options);

        var items = ranking!.Items;
        Assert.True(items.Count >= 2);
        Assert.True(items.Select(i => i.Score).SequenceEqual(items.Select(i => i.Score).OrderDescending()));
        var a = items.Single(i => i.Candidate.Id == first.Id);
        var b = items.Single(i => i.Candidate.Id == second.Id);
        Assert.True(a.Score > b.Score, "the first preference should score above the second");
        Assert.Equal(first.ExternalReference, a.Candidate.ExternalReference);
        Assert.Equal(6, a.Breakdown.Count);
        Assert.Equal(a.Score, Math.Round(a.Breakdown.Sum(c => c.Points), 2));
        Assert.Contains(a.Breakdown, c => c.Criterion == "gemeente" && c.Reason.Contains("1e voorkeur", StringComparison.Ordinal));
        Assert.Equal(30, ranking.Weights.Gemeente);
    }

    [Fact]
    public async Task TheOwnerSeesOnlyMinimisedProfiles()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var response = await api.WithKey(_cast.CorporationA).GetAsync($"/api/v1/units/{unit.Id}/candidates?limit=200&includeIneligible=true");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(candidate.ExternalReference, text);
        Assert.DoesNotContain(candidate.Id.ToString(), text);
        Assert.DoesNotContain(_cast.ProviderAId.ToString(), text);
        Assert.DoesNotContain("externalReference", text);
        Assert.DoesNotContain("providerOrganisationId", text);
        var ranking = JsonSerializer.Deserialize<UnitRankingDto>(text, Json.Options)!;
        Assert.NotEmpty(ranking.Items);
        Assert.All(ranking.Items, i => Assert.Null(i.Candidate.Id));
    }

    [Theory]
    [InlineData("corporationB", HttpStatusCode.NotFound)]
    [InlineData("providerA", HttpStatusCode.NotFound)]
    [InlineData("matchingspuntMhl", HttpStatusCode.NotFound)]
    [InlineData("gemeenteVenlo", HttpStatusCode.Forbidden)]
    public async Task OthersCannotRankSomeoneElsesUnit(string who, HttpStatusCode expected)
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var response = await Client(who).GetAsync($"/api/v1/units/{unit.Id}/candidates");
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task IneligibleCandidatesComeWithEveryRuleTheyFail()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("basicRent", 900).With("unitType", "Kamer").With("bedrooms", 0));
        var family = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("household", new System.Text.Json.Nodes.JsonObject { ["adults"] = 1, ["children"] = 2 }).With("maxRent", 700));

        var ranking = await api.Admin().GetFromJsonAsync<UnitRankingDto>($"/api/v1/units/{unit.Id}/candidates?limit=200&includeIneligible=true", Json.Options);

        var entry = ranking!.Ineligible.Single(i => i.Candidate.Id == family.Id);
        Assert.Contains("rent-too-high", entry.FailedRules);
        Assert.Contains("room-unsuitable-for-children", entry.FailedRules);
        Assert.Contains("too-few-bedrooms", entry.FailedRules);
        Assert.Contains("too-many-occupants", entry.FailedRules);
        Assert.DoesNotContain(ranking.Items, i => i.Candidate.Id == family.Id);
    }

    [Fact]
    public async Task AProviderRanksUnitsForItsOwnCandidateOnly()
    {
        await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var own = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<CandidateRankingDto>($"/api/v1/candidates/{candidate.Id}/units", Json.Options);
        var other = await api.WithKey(_cast.ProviderB).GetAsync($"/api/v1/candidates/{candidate.Id}/units");
        var corporation = await api.WithKey(_cast.CorporationA).GetAsync($"/api/v1/candidates/{candidate.Id}/units");

        Assert.NotEmpty(own!.Items);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, corporation.StatusCode);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    public async Task ARankingLimitOutOfBoundsIsABadRequest(string query)
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync();
        var response = await api.Admin().GetAsync($"/api/v1/units/{unit.Id}/candidates?{query}");
        await OrganisationTests.AssertBadRequestNaming(response, "limit");
    }

    [Fact]
    public async Task ADryRoundProposesWithoutChangingAnything()
    {
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var response = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "nml", dryRun = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        Assert.True(round.DryRun);
        Assert.NotEmpty(round.Proposals);
        Assert.All(round.Proposals, p => Assert.Null(p.MatchId));
        Assert.True(round.TotalScore >= round.GreedyTotalScore);
        Assert.Equal(64, round.InputHash.Length);
        Assert.Equal(Math.Round(round.Proposals.Sum(p => p.Score), 2), Math.Round(round.TotalScore, 2));
        Assert.Equal(UnitStatus.Available, (await api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{unit.Id}", Json.Options))!.Status);
        Assert.Equal(CandidateStatus.Ready, (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{candidate.Id}", Json.Options))!.Status);
        var stored = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<MatchingRoundDto>($"/api/v1/matching-rounds/{round.Id}", Json.Options);
        Assert.Equal(round.Proposals.Count, stored!.Proposals.Count);
        Assert.Equal(round.InputHash, stored.InputHash);
    }

    [Fact]
    public async Task ARealRoundCreatesMatchesWithTheirSnapshotAndReservesBothSides()
    {
        await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));

        var response = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false, minScore = 10 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        Assert.False(round.DryRun);
        var proposal = round.Proposals[0];
        Assert.NotNull(proposal.MatchId);
        var match = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{proposal.MatchId}", Json.Options);
        Assert.Equal(MatchStatus.Proposed, match!.Status);
        Assert.Equal(proposal.Score, match.Score);
        Assert.Equal(proposal.Score, match.Snapshot.GetProperty("score").GetDouble());
        Assert.Equal(6, match.Snapshot.GetProperty("breakdown").GetArrayLength());
        Assert.Equal(30, match.Snapshot.GetProperty("weights").GetProperty("gemeente").GetDouble());
        Assert.Equal(UnitStatus.Reserved, (await api.Admin().GetFromJsonAsync<UnitDto>($"/api/v1/units/{proposal.UnitId}", Json.Options))!.Status);
        Assert.Equal(CandidateStatus.Matched, (await api.Admin().GetFromJsonAsync<CandidateDto>($"/api/v1/candidates/{proposal.CandidateId}", Json.Options))!.Status);

        // A second round finds neither side again, though it still proposes what is free (a new pair that fits).
        await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
        await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        var second = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        Assert.True(second.StatusCode == HttpStatusCode.Created, await second.Content.ReadAsStringAsync());
        var again = (await second.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        Assert.NotEmpty(again.Proposals);
        Assert.DoesNotContain(again.Proposals, p => p.UnitId == proposal.UnitId || p.CandidateId == proposal.CandidateId);
    }

    [Fact]
    public async Task TheMatchIsVisibleToTheProviderAndToTheOwnerWithoutTheCandidate()
    {
        // A pair that only fits each other: the unit is for LHBTIQ candidates, the candidate needs 24/7 support.
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983")
            .With("targetGroups", new System.Text.Json.Nodes.JsonArray("LHBTIQ")).With("supportOnSite", "TwentyFourSeven"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("targetGroups", new System.Text.Json.Nodes.JsonArray("LHBTIQ")).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        var response = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        var proposal = round.Proposals.Single(p => p.UnitId == unit.Id);
        Assert.Equal(candidate.Id, proposal.CandidateId);
        var matchId = proposal.MatchId!.Value;

        var owner = await api.WithKey(_cast.CorporationA).GetAsync($"/api/v1/matches/{matchId}");
        var provider = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<MatchDto>($"/api/v1/matches/{matchId}", Json.Options);
        var stranger = await api.WithKey(_cast.CorporationB).GetAsync($"/api/v1/matches/{matchId}");
        var otherProvider = await api.WithKey(_cast.ProviderB).GetAsync($"/api/v1/matches/{matchId}");
        var gemeente = await api.WithKey(_cast.GemeenteRoermond).GetAsync($"/api/v1/matches/{matchId}");

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.DoesNotContain("candidateId", await owner.Content.ReadAsStringAsync());
        Assert.Equal(candidate.Id, provider!.CandidateId);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherProvider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gemeente.StatusCode);
    }

    [Fact]
    public async Task ASecondRealRoundWhileOneRunsIsAConflict()
    {
        // Hold the region's round lock from another session, as a running round on another API instance would.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('nml-matching-round:NML'))", connection))
        {
            await take.ExecuteScalarAsync();
        }

        var blocked = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false });
        var dry = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        var otherRegion = await api.Admin().PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "MHL", dryRun = false });

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('nml-matching-round:NML'))", connection))
        {
            await release.ExecuteScalarAsync();
        }
        var afterwards = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false });

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("round-in-progress", (await blocked.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, dry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherRegion.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
    }

    [Fact]
    public async Task TwoConcurrentRealRoundsNeverDoubleBook()
    {
        for (var i = 0; i < 3; i++)
        {
            await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
            await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        }

        var rounds = await Task.WhenAll(
            api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false }),
            api.Admin().PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = false }));

        var statuses = string.Join(", ", rounds.Select(r => (int)r.StatusCode));
        Assert.All(rounds, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        // They overlap (201 and 409) or follow each other (two 201s); at least one of them ran.
        Assert.True(rounds.Count(r => r.StatusCode == HttpStatusCode.Created) >= 1, $"no round ran: {statuses}");
        foreach (var conflict in rounds.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("round-in-progress", (await conflict.ReadJsonAsync()).GetProperty("code").GetString());
        var proposals = new List<ProposalDto>();
        foreach (var created in rounds.Where(r => r.StatusCode == HttpStatusCode.Created))
            proposals.AddRange((await created.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!.Proposals);
        // Three free pairs that fit: the rounds between them proposed something, and never a unit or candidate twice.
        Assert.NotEmpty(proposals);
        Assert.Equal(proposals.Count, proposals.Select(p => p.UnitId).Distinct().Count());
        Assert.Equal(proposals.Count, proposals.Select(p => p.CandidateId).Distinct().Count());
        var matches = await api.Admin().GetFromJsonAsync<PagedList<MatchDto>>("/api/v1/matches?status=Proposed&pageSize=200", Json.Options);
        Assert.All(proposals, p => Assert.Contains(matches!.Items, m => m.Id == p.MatchId));
        Assert.Equal(matches!.Items.Count, matches.Items.Select(m => m.UnitId).Distinct().Count());
        Assert.Equal(matches.Items.Count, matches.Items.Select(m => m.CandidateId).Distinct().Count());
    }

    [Theory]
    [InlineData("corporationA", HttpStatusCode.Forbidden)]
    [InlineData("providerA", HttpStatusCode.Forbidden)]
    [InlineData("gemeenteVenlo", HttpStatusCode.Forbidden)]
    [InlineData("matchingspuntMhl", HttpStatusCode.NotFound)]
    public async Task OnlyTheRegionsMatchingspuntAndAdminRunRounds(string who, HttpStatusCode expected)
    {
        var response = await Client(who).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"regionCode":"NML"}""", "dryRun")]
    [InlineData("""{"regionCode":"NML","dryRun":true,"minScore":101}""", "minScore")]
    [InlineData("""{"regionCode":"NML","dryRun":true,"maxProposalsPerGemeente":0}""", "maxProposalsPerGemeente")]
    [InlineData("""{"regionCode":"NML","dryRun":true,"point":"Zuid"}""", "point")]
    [InlineData("""{"dryRun":true}""", "regionCode")]
    public async Task ABadRoundRequestIsABadRequestNamingTheField(string body, string field)
    {
        var response = await api.Admin().PostAsync("/api/v1/matching-rounds", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    [Fact]
    public async Task ACappedRoundRespectsTheCapPerMunicipality()
    {
        for (var i = 0; i < 3; i++)
        {
            await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983"));
            await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        }

        var response = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true, maxProposalsPerGemeente = 1 });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var round = (await response.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        var units = await api.Admin().GetFromJsonAsync<PagedList<UnitDto>>("/api/v1/units?pageSize=200", Json.Options);
        var gemeenteOf = units!.Items.ToDictionary(u => u.Id, u => u.GemeenteCode);

        Assert.Equal("or-tools-mincostflow", round.Solver);
        // Three free pairs in Venlo: without the cap all three could be proposed; with it exactly one is.
        Assert.NotEmpty(round.Proposals);
        Assert.Single(round.Proposals, p => gemeenteOf[p.UnitId] == "GM0983");
        Assert.All(round.Proposals.GroupBy(p => gemeenteOf[p.UnitId]), g => Assert.Single(g));
        Assert.NotEmpty(round.UnassignedCandidates);
    }

    [Fact]
    public async Task RoundsAreListedForTheirRegion()
    {
        var nml = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "NML", dryRun = true });
        var mhl = await api.WithKey(_cast.MatchingspuntMhl).PostAsJsonAsync("/api/v1/matching-rounds", new { regionCode = "MHL", dryRun = true });
        Assert.Equal(HttpStatusCode.Created, nml.StatusCode);
        Assert.Equal(HttpStatusCode.Created, mhl.StatusCode);
        var nmlRound = (await nml.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;
        var mhlRound = (await mhl.Content.ReadFromJsonAsync<MatchingRoundDto>(Json.Options))!;

        var own = await api.WithKey(_cast.MatchingspuntNml).GetFromJsonAsync<PagedList<MatchingRoundSummaryDto>>("/api/v1/matching-rounds?regionCode=NML&pageSize=200", Json.Options);
        var other = await api.WithKey(_cast.MatchingspuntMhl).GetFromJsonAsync<PagedList<MatchingRoundSummaryDto>>("/api/v1/matching-rounds?pageSize=200", Json.Options);

        Assert.NotEmpty(own!.Items);
        Assert.All(own.Items, r => Assert.Equal("NML", r.RegionCode));
        Assert.Contains(own.Items, r => r.Id == nmlRound.Id);
        Assert.DoesNotContain(other!.Items, r => r.RegionCode == "NML");
        // The other region's Matchingspunt does see its own region's rounds.
        Assert.Contains(other.Items, r => r.Id == mhlRound.Id);
    }

    private HttpClient Client(string who) => who switch
    {
        "providerA" => api.WithKey(_cast.ProviderA),
        "providerB" => api.WithKey(_cast.ProviderB),
        "corporationA" => api.WithKey(_cast.CorporationA),
        "corporationB" => api.WithKey(_cast.CorporationB),
        "gemeenteVenlo" => api.WithKey(_cast.GemeenteVenlo),
        "matchingspuntMhl" => api.WithKey(_cast.MatchingspuntMhl),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };
}
