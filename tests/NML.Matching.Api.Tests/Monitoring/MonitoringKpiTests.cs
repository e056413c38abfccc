using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NML.Matching.Api.Features.Monitoring;
using NML.Matching.Api.Features.Regions;
using NML.Matching.Api.Infrastructure.Paging;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>Every KPI on the hand-made <see cref="MonitoringDataset"/>, whose answers are worked out by hand in its comment.</summary>
public sealed class MonitoringKpiTests(MonitoringDataset data) : IClassFixture<MonitoringDataset>
{
    private const string Region = "/api/v1/monitoring/summary?" + MonitoringDataset.Period;

    private async Task<T> GetAsync<T>(string key, string url)
    {
        var response = await data.WithKey(key).GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    private static int Shown(SmallCount count)
    {
        Assert.False(count.Hidden, "The count is hidden.");
        return count.Value;
    }

    private static int Of(IEnumerable<KeyCount> counts, string key) => Shown(counts.Single(c => c.Key == key).Count);

    [Fact]
    public async Task TheSummaryCountsTheQueueTheInflowAndEveryWorkflowStepInThePeriod()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Matchingspunt, Region);

        Assert.False(summary.Suppressed);
        Assert.Equal((MonitoringDataset.PeriodFrom, MonitoringDataset.PeriodTo), (summary.From, summary.To));
        Assert.Equal(7, Shown(summary.Queue.Total));
        Assert.Equal(1, Shown(summary.Queue.Urgent));
        Assert.Equal(7, Of(summary.Queue.ByStatus, "Ready"));
        Assert.Equal(1, Of(summary.Queue.ByCurrentSetting, "MaatschappelijkeOpvang"));
        Assert.Equal(6, Of(summary.Queue.ByCurrentSetting, "BeschermdWonen"));
        Assert.Equal(1, Of(summary.Queue.ByPrikkelarmNeed, "Required"));
        Assert.Equal(7, Of(summary.Queue.BySupportNeed, "Midden"));
        var byGemeente = summary.Queue.ByGemeente.ToDictionary(g => g.GemeenteCode, g => Shown(g.Count));
        Assert.Equal(14, byGemeente.Count);
        Assert.Equal((5, 2, 0), (byGemeente["GM0983"], byGemeente["GM0957"], byGemeente["GM0889"]));
        Assert.Equal(17, Shown(summary.Inflow));
        var w = summary.Workflow;
        Assert.Equal((12, 11, 9, 9, 2, 1),
            (Shown(w.Proposals), Shown(w.Nominations), Shown(w.Acceptances), Shown(w.Contracts), Shown(w.Declines), Shown(w.Expiries)));
        Assert.Equal(2, summary.Declines.Count);
        var owner = summary.Declines.Single(d => d.ReasonCode == "verhuurder-huurschuld");
        Assert.Equal((DeclineParty.Verhuurder, DeclineSide.ProviderSide, 1), (owner.Party, owner.Side, Shown(owner.Count)));
        var provider = summary.Declines.Single(d => d.ReasonCode == "zorgaanbieder-begeleiding-niet-rond");
        Assert.Equal((DeclineParty.Zorgaanbieder, 1), (provider.Party, Shown(provider.Count)));
    }

    [Fact]
    public async Task WaitingTimeIsTheMedianAndNinetiethPercentileFromReadySinceToTheStartOfTheTenancy()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Matchingspunt, Region);

        // 75, 78, 134, 134, 150, 150, 151, 196, 273: median 150; p90 at rank 7.2 = 196 + 0.2 × 77.
        Assert.Equal(9, Shown(summary.WaitingTime.Tenancies));
        Assert.Equal(150, summary.WaitingTime.MedianDays);
        Assert.Equal(211.4, summary.WaitingTime.P90Days);
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], summary.WaitingTimeByQuarter.Select(q => q.Quarter));
        Assert.Equal([104.5, 151, 150, null], summary.WaitingTimeByQuarter.Select(q => q.MedianDays));
        Assert.Equal([2, 5, 2, 0], summary.WaitingTimeByQuarter.Select(q => Shown(q.Tenancies)));
        Assert.Equal(new DateOnly(2026, 4, 1), summary.WaitingTimeByQuarter[1].From);
    }

    [Fact]
    public async Task EachWorkflowStepTakesItsMedianNumberOfDays()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Matchingspunt, Region);

        Assert.Equal(["ProposedToNominated", "NominatedToAccepted", "AcceptedToContracted"], summary.StepDays.Select(s => s.Step));
        Assert.Equal([11, 9, 9], summary.StepDays.Select(s => Shown(s.Count)));
        Assert.Equal([1.0, 2.0, 3.0], summary.StepDays.Select(s => s.MedianDays));
    }

    [Fact]
    public async Task DuurzameUitstroomAndOmklapCountOnlyWhatWasDueByToday()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Matchingspunt, Region);

        var six = summary.DuurzameUitstroom.Single(d => d.Month == 6);
        Assert.Equal((2, 2, 1, 0.5), (Shown(six.Due), Shown(six.Recorded), Shown(six.StillHoused), six.Share));
        var twelve = summary.DuurzameUitstroom.Single(d => d.Month == 12);
        Assert.Equal((0, null), (Shown(twelve.Due), twelve.Share));
        Assert.Equal((2, 1, 0.5), (Shown(summary.Omklap.Due), Shown(summary.Omklap.Realised), summary.Omklap.Share));
    }

    [Fact]
    public async Task AMunicipalitySeesTheDetailOfItsOwnResidents()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Venlo, Region + "&gemeente=GM0983");

        Assert.True(summary.Suppressed);
        Assert.Equal("GM0983", summary.Gemeente);
        Assert.Equal(5, Shown(summary.Queue.Total));
        Assert.Equal("GM0983", Assert.Single(summary.Queue.ByGemeente).GemeenteCode);
        Assert.Equal(13, Shown(summary.Inflow));
        Assert.Equal((9, 8, 7, 7), (Shown(summary.Workflow.Proposals), Shown(summary.Workflow.Nominations), Shown(summary.Workflow.Acceptances), Shown(summary.Workflow.Contracts)));
        Assert.True(summary.Workflow.Declines.Hidden);
        Assert.True(summary.Workflow.Expiries.Hidden);
        // 75, 134, 134, 150, 150, 151, 196: median 150; p90 at rank 5.4 = 151 + 0.4 × 45.
        Assert.Equal((7, 150.0, 169.0), (Shown(summary.WaitingTime.Tenancies), summary.WaitingTime.MedianDays, summary.WaitingTime.P90Days));
    }

    [Fact]
    public async Task SmallNumbersAreShownAsLessThanFiveToEveryoneButTheMatchingspuntAndAdmin()
    {
        var municipality = await data.WithKey(data.Venlo).GetFromJsonAsync<JsonElement>(Region);
        var matchingspunt = await data.WithKey(data.Matchingspunt).GetFromJsonAsync<JsonElement>(Region);
        var admin = await data.Admin().GetFromJsonAsync<JsonElement>(Region + "&regionCode=NML");

        static JsonElement Roermond(JsonElement summary) =>
            summary.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().Single(g => g.GetProperty("gemeenteCode").GetString() == "GM0957").GetProperty("count");
        Assert.Equal("<5", Roermond(municipality).GetString());
        Assert.Equal(2, Roermond(matchingspunt).GetInt32());
        Assert.Equal(2, Roermond(admin).GetInt32());
        // Zero is shown as it is. Venlo's 5 is withheld ("x"): with the total and twelve zeros it would give Roermond's
        // 2 back; and so is the total of 7, because Venlo knows its own 5 (secondary suppression, D39). The
        // Matchingspunt sees both.
        Assert.Equal("x", municipality.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().Single(g => g.GetProperty("gemeenteCode").GetString() == "GM0983").GetProperty("count").GetString());
        Assert.Equal(5, matchingspunt.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().Single(g => g.GetProperty("gemeenteCode").GetString() == "GM0983").GetProperty("count").GetInt32());
        Assert.Equal("x", municipality.GetProperty("queue").GetProperty("total").GetString());
        Assert.Equal(7, matchingspunt.GetProperty("queue").GetProperty("total").GetInt32());
        Assert.Equal(0, municipality.GetProperty("queue").GetProperty("byGemeente").EnumerateArray().Single(g => g.GetProperty("gemeenteCode").GetString() == "GM0889").GetProperty("count").GetInt32());
        Assert.Equal("<5", municipality.GetProperty("workflow").GetProperty("expiries").GetString());
        // Two declines are "<5", and fewer than five are not broken down by reason (D39): the number of reasons would tell.
        Assert.Equal("<5", municipality.GetProperty("workflow").GetProperty("declines").GetString());
        Assert.Empty(municipality.GetProperty("declines").EnumerateArray());
        Assert.Equal(2, matchingspunt.GetProperty("declines").GetArrayLength());
        // A figure derived from fewer than five people is withheld with it.
        var q1 = municipality.GetProperty("waitingTimeByQuarter")[0];
        Assert.Equal(("<5", JsonValueKind.Null), (q1.GetProperty("tenancies").GetString(), q1.GetProperty("medianDays").ValueKind));
        var six = municipality.GetProperty("duurzameUitstroom")[0];
        Assert.Equal(("<5", JsonValueKind.Null), (six.GetProperty("due").GetString(), six.GetProperty("share").ValueKind));
        Assert.Equal(104.5, matchingspunt.GetProperty("waitingTimeByQuarter")[0].GetProperty("medianDays").GetDouble());
        // Corporations and care providers see the regional aggregates under the same rule.
        var corporation = await GetAsync<MonitoringSummaryDto>(data.CorporationA, Region);
        Assert.True(corporation.Suppressed);
        Assert.True(corporation.Queue.ByGemeente.Single(g => g.GemeenteCode == "GM0957").Count.Hidden);
    }

    [Theory]
    [InlineData("venlo", "&gemeente=GM0957")]
    [InlineData("corporation", "&gemeente=GM0983")]
    [InlineData("provider", "&gemeente=GM0983")]
    [InlineData("mhl", "")]
    [InlineData("mhl", "&regionCode=NML")]
    public async Task DetailOfAnotherMunicipalityOrRegionIsForbidden(string who, string query)
    {
        var key = who switch { "venlo" => data.Venlo, "corporation" => data.CorporationA, "provider" => data.Provider, _ => data.MatchingspuntMhl };
        var url = who == "mhl" && query == "" ? "/api/v1/monitoring/spreiding?regionCode=NML&" + MonitoringDataset.Period : Region + query;

        var response = await data.WithKey(key).GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("monitoring-scope", (await response.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("admin", "", "regionCode")]
    [InlineData("mp", "from=2026-13-01", "from")]
    [InlineData("mp", "to=gisteren", "to")]
    [InlineData("mp", "from=2026-06-01&to=2026-05-01", "from")]
    [InlineData("mp", "from=2000-01-01&to=2026-01-01", "from")]
    [InlineData("mp", "point=Zuid", "point")]
    [InlineData("mp", "gemeente=GM0935", "gemeente")]
    [InlineData("mp", "gemeente=Venlo", "gemeente")]
    [InlineData("mp", "point=Midden&gemeente=GM0983", "gemeente")]
    [InlineData("admin", "regionCode=XYZ", "regionCode")]
    public async Task BadFiltersAreABadRequestNamingTheField(string who, string query, string field)
    {
        var client = who == "admin" ? data.Admin() : data.WithKey(data.Matchingspunt);
        foreach (var report in new[] { "summary", "spreiding", "supply" })
            await OrganisationTests.AssertBadRequestNaming(await client.GetAsync($"/api/v1/monitoring/{report}?{query}"), field);
    }

    private async Task<Dictionary<string, double>> FairSharesAsync(string? point = null)
    {
        var gemeenten = await data.Admin().GetFromJsonAsync<PagedList<GemeenteDto>>("/api/v1/gemeenten?region=NML&pageSize=100", Json.Options);
        var inScope = gemeenten!.Items.Where(g => point is null || g.Point == point).ToList();
        double total = inScope.Sum(g => g.Population);
        return inScope.ToDictionary(g => g.Code, g => g.Population / total);
    }

    [Fact]
    public async Task SpreidingComparesPlacementsWithFairSharesAndSummarisesThemInTheDissimilarityIndex()
    {
        var spreiding = await GetAsync<SpreidingDto>(data.Matchingspunt, "/api/v1/monitoring/spreiding?" + MonitoringDataset.Period);
        var shares = await FairSharesAsync();
        var placed = new Dictionary<string, int> { ["GM0983"] = 6, ["GM0957"] = 2, ["GM0889"] = 1 };

        Assert.Equal(9, Shown(spreiding.TotalPlacements));
        Assert.Equal(14, spreiding.Gemeenten.Count);
        foreach (var row in spreiding.Gemeenten)
        {
            var count = placed.GetValueOrDefault(row.GemeenteCode);
            Assert.Equal(count, Shown(row.Placements));
            Assert.Equal(Math.Round(shares[row.GemeenteCode], 4), row.FairShare);
            Assert.Equal(Math.Round(9 * shares[row.GemeenteCode], 2), row.Expected);
            Assert.Equal(Math.Round(count / (9 * shares[row.GemeenteCode]), 2), row.Ratio);
        }
        var index = shares.Sum(s => Math.Abs((placed.GetValueOrDefault(s.Key) / 9.0) - s.Value)) / 2;
        Assert.Equal(Math.Round(index, 4), spreiding.Index);
        // The first quarter has only Venlo's two placements: everything but Venlo's share would have to move.
        Assert.Equal(["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"], spreiding.ByQuarter.Select(q => q.Quarter));
        Assert.Equal(Math.Round(1 - shares["GM0983"], 4), spreiding.ByQuarter[0].Index);
        Assert.Equal([2, 5, 2, 0], spreiding.ByQuarter.Select(q => Shown(q.Placements)));
        Assert.Null(spreiding.ByQuarter[3].Index);
    }

    [Fact]
    public async Task AMunicipalitySeesSpreidingForAllMunicipalitiesWithSmallNumbersHidden()
    {
        var spreiding = await GetAsync<SpreidingDto>(data.Venlo, "/api/v1/monitoring/spreiding?" + MonitoringDataset.Period);

        Assert.True(spreiding.Suppressed);
        // The total of 9 is withheld: Beesel knows its own one placement, and with Venlo's 6 it would give Roermond's 2
        // back (D39). So are the expected numbers (9 × the public share) and the ratios over them.
        Assert.Equal(CountMark.Withheld, spreiding.TotalPlacements.Mark);
        // The index is computed from Roermond's and Beesel's hidden counts: with the fair shares it would tell 2 + 1
        // (0.6609) from 1 + 2 (0.6651), so it is withheld (D39).
        Assert.Null(spreiding.Index);
        var venlo = spreiding.Gemeenten.Single(g => g.GemeenteCode == "GM0983");
        Assert.Equal(6, Shown(venlo.Placements));
        Assert.Equal((null, null), (venlo.Expected, venlo.Ratio));
        var roermond = spreiding.Gemeenten.Single(g => g.GemeenteCode == "GM0957");
        Assert.Equal(CountMark.Small, roermond.Placements.Mark);
        Assert.Equal((null, null), (roermond.Expected, roermond.Ratio));
        // The fair shares are public (population): they stay.
        Assert.True(roermond.FairShare > 0);
        Assert.True(spreiding.ByQuarter[2].Placements.Hidden);
        Assert.Null(spreiding.ByQuarter[2].Index);
    }

    [Fact]
    public async Task APointNarrowsSpreidingToItsMunicipalitiesAndTheirShares()
    {
        var spreiding = await GetAsync<SpreidingDto>(data.Matchingspunt, "/api/v1/monitoring/spreiding?point=Noord&" + MonitoringDataset.Period);
        var shares = await FairSharesAsync("Noord");

        Assert.Equal("Noord", spreiding.Point);
        Assert.Equal(7, Shown(spreiding.TotalPlacements));
        Assert.Equal(shares.Keys.Order(), spreiding.Gemeenten.Select(g => g.GemeenteCode).Order());
        Assert.DoesNotContain(spreiding.Gemeenten, g => g.GemeenteCode == "GM0957");
        Assert.Equal(Math.Round(7 * shares["GM0983"], 2), spreiding.Gemeenten.Single(g => g.GemeenteCode == "GM0983").Expected);
    }

    [Fact]
    public async Task SupplyCountsUnitsPerMunicipalityAndOwnerWithTheDaysFromPostingToLetting()
    {
        var supply = await GetAsync<SupplyDto>(data.Matchingspunt, "/api/v1/monitoring/supply?" + MonitoringDataset.Period);

        Assert.Equal((15, 9, 1, 5, 60.0), (supply.Totals.Posted, Shown(supply.Totals.Let), supply.Totals.Withdrawn, supply.Totals.OpenNow, supply.Totals.MedianDaysToLet));
        var rows = supply.Rows.ToDictionary(r => (r.GemeenteCode, r.OwnerName));
        Assert.Equal(3, rows.Count);
        var venlo = rows[("GM0983", "Wonen Maas")];
        Assert.Equal((10, 6, 1, 3, 46.5), (venlo.Posted, Shown(venlo.Let), venlo.Withdrawn, venlo.OpenNow, venlo.MedianDaysToLet));
        var beesel = rows[("GM0889", "Wonen Maas")];
        Assert.Equal((1, 1, 0, 0, 135.0), (beesel.Posted, Shown(beesel.Let), beesel.Withdrawn, beesel.OpenNow, beesel.MedianDaysToLet));
        var roermond = rows[("GM0957", "Wonen Roer")];
        Assert.Equal((4, 2, 0, 2, 106.0), (roermond.Posted, Shown(roermond.Let), roermond.Withdrawn, roermond.OpenNow, roermond.MedianDaysToLet));
        Assert.Equal(data.CorporationBId, roermond.OwnerOrganisationId);

        var prikkelarm = supply.Shortages.Single(s => s.Need == "prikkelarm");
        Assert.Equal(1, Shown(prikkelarm.Candidates));
        Assert.Equal(1 - prikkelarm.Units, prikkelarm.Gap);
        Assert.True(prikkelarm.Units >= 1);
    }

    [Fact]
    public async Task AMunicipalitySeesSupplyWithLetsOfFewerThanFivePeopleHidden()
    {
        var supply = await GetAsync<SupplyDto>(data.Venlo, "/api/v1/monitoring/supply?" + MonitoringDataset.Period);

        var beesel = supply.Rows.Single(r => r.GemeenteCode == "GM0889");
        Assert.True(beesel.Let.Hidden);
        Assert.Null(beesel.MedianDaysToLet);
        Assert.Equal(1, beesel.Posted);
        Assert.Equal(6, Shown(supply.Rows.Single(r => r.GemeenteCode == "GM0983").Let));
        Assert.True(supply.Shortages.Single(s => s.Need == "prikkelarm").Candidates.Hidden);
        Assert.Null(supply.Shortages.Single(s => s.Need == "prikkelarm").Gap);
    }

    [Fact]
    public async Task TheDefaultPeriodIsTheTwelveMonthsUpToToday()
    {
        var summary = await GetAsync<MonitoringSummaryDto>(data.Matchingspunt, "/api/v1/monitoring/summary");

        Assert.Equal(new DateOnly(2026, 10, 1), summary.To);
        Assert.Equal(new DateOnly(2025, 10, 2), summary.From);
        Assert.Equal("NML", summary.RegionCode);
    }
}
