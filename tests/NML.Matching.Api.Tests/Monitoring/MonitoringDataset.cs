using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.PerformanceAgreements;
using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests.Monitoring;

/// <summary>
/// A small, hand-made history with known answers, built once through the API on a moving clock. Tests read it and
/// never change it (agreement tests that write use other years).
/// <para>
/// 2026-03-02: every candidate and unit is registered. Nine placements follow, each proposed, nominated a day
/// later, accepted two days later and contracted three days after that (so steps take 1, 2 and 3 days). Two
/// nominated matches are declined, one proposal expires, one unit is withdrawn, one candidate withdrawn. On
/// 2026-10-01 (today at the end) the 6-month follow-ups of the first two tenancies and the first omklap are recorded.
/// </para>
/// <code>
///  #  unit in     owner  herkomst  readySince   start        wait  posted→let
///  1  Venlo       A      Venlo     2025-11-01   2026-03-15   134   13   omklap 6 months, realised; still housed at 6
///  2  Venlo       A      Venlo     2026-01-15   2026-03-31    75   29   omklap 6 months, not realised; not housed at 6
///  3  Venlo       A      Venlo     2025-10-01   2026-04-15   196   44
///  4  Venlo       A      Roermond  2026-02-01   2026-04-20    78   49
///  5  Venlo       A      Venlo     2025-12-01   2026-05-01   151   60
///  6  Venlo       A      Venlo     2026-01-01   2026-05-15   134   74
///  7  Roermond    B      Roermond  2025-09-01   2026-06-01   273   91
///  8  Roermond    B      Venlo     2026-02-01   2026-07-01   150  121
///  9  Beesel      A      Venlo     2026-02-15   2026-07-15   150  135
/// </code>
/// Queue at the end: Venlo 5 (the two declined/expired candidates from Venlo and three more: one urgent, one from MO,
/// one needing prikkelarm), Roermond 2 (one declined, one more). Open units: Venlo (A) 3, Roermond (B) 2.
/// </summary>
public sealed class MonitoringDataset : ApiFactory
{
    public static readonly DateOnly PeriodFrom = MonitoringHistory.PeriodFrom;
    public static readonly DateOnly PeriodTo = MonitoringHistory.PeriodTo;
    public const string Period = MonitoringHistory.Period;
    public static (string UnitIn, char Owner, string Herkomst, string ReadySince, string Start)[] Placements => MonitoringHistory.Placements;

    public MonitoringHistory History { get; private set; } = null!;
    public string Provider => History.Provider;
    public string CorporationA => History.CorporationA;
    public Guid CorporationAId => History.CorporationAId;
    public string CorporationB => History.CorporationB;
    public Guid CorporationBId => History.CorporationBId;
    public string Venlo => History.Venlo;
    public string Roermond => History.Roermond;
    public string Matchingspunt => History.Matchingspunt;
    public string MatchingspuntMhl => History.MatchingspuntMhl;
    public Guid AgreementVenlo => History.AgreementVenlo;
    public Guid AgreementRoermond => History.AgreementRoermond;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        History = await MonitoringHistory.BuildAsync(this);
    }

    public static Task<PerformanceAgreementDto> CreateAgreementAsync(HttpClient client, Guid corporationId, string gemeente, int year, int target) =>
        MonitoringHistory.CreateAgreementAsync(client, corporationId, gemeente, year, target);
}

/// <summary>The history of <see cref="MonitoringDataset"/>, built through the API of any host (the portal's tests use it too).</summary>
public sealed class MonitoringHistory
{
    public static readonly DateOnly PeriodFrom = new(2026, 1, 1);
    public static readonly DateOnly PeriodTo = new(2026, 12, 31);
    public const string Period = "from=2026-01-01&to=2026-12-31";

    public static readonly (string UnitIn, char Owner, string Herkomst, string ReadySince, string Start)[] Placements =
    [
        ("GM0983", 'A', "GM0983", "2025-11-01", "2026-03-15"),
        ("GM0983", 'A', "GM0983", "2026-01-15", "2026-03-31"),
        ("GM0983", 'A', "GM0983", "2025-10-01", "2026-04-15"),
        ("GM0983", 'A', "GM0957", "2026-02-01", "2026-04-20"),
        ("GM0983", 'A', "GM0983", "2025-12-01", "2026-05-01"),
        ("GM0983", 'A', "GM0983", "2026-01-01", "2026-05-15"),
        ("GM0957", 'B', "GM0957", "2025-09-01", "2026-06-01"),
        ("GM0957", 'B', "GM0983", "2026-02-01", "2026-07-01"),
        ("GM0889", 'A', "GM0983", "2026-02-15", "2026-07-15"),
    ];

    private MonitoringHistory()
    {
    }

    public string Provider { get; private set; } = null!;
    public string CorporationA { get; private set; } = null!;
    public Guid CorporationAId { get; private set; }
    public string CorporationB { get; private set; } = null!;
    public Guid CorporationBId { get; private set; }
    public string Venlo { get; private set; } = null!;
    public string Roermond { get; private set; } = null!;
    public string Matchingspunt { get; private set; } = null!;
    public string MatchingspuntMhl { get; private set; } = null!;
    public Guid AgreementVenlo { get; private set; }
    public Guid AgreementRoermond { get; private set; }

    /// <summary>The organisation of the municipality of Venlo (GM0983), and of the Matchingspunt of NML.</summary>
    public Guid VenloId { get; private set; }
    public Guid MatchingspuntId { get; private set; }

    /// <summary>Builds the history on <paramref name="api"/>'s database, moving its clock to 2026-10-01.</summary>
    public static async Task<MonitoringHistory> BuildAsync(ApiFactory api)
    {
        var history = new MonitoringHistory();
        await history.BuildOnAsync(api);
        return history;
    }

    private async Task BuildOnAsync(ApiFactory api)
    {
        (_, Provider) = await api.CreateOrganisationWithKeyAsync(new { name = "Zorg Monitor", type = "Zorgaanbieder", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0957", "GM0889" } });
        var (a, aKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Wonen Maas", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0983", "GM0889" } });
        var (b, bKey) = await api.CreateOrganisationWithKeyAsync(new { name = "Wonen Roer", type = "Corporatie", regionCode = "NML", werkgebied = new[] { "GM0957" } });
        (CorporationA, CorporationAId, CorporationB, CorporationBId) = (aKey, a.Id, bKey, b.Id);
        (var venlo, Venlo) = await api.CreateOrganisationWithKeyAsync(new { name = "Gemeente Venlo", type = "Gemeente", regionCode = "NML", gemeenteCode = "GM0983" });
        VenloId = venlo.Id;
        (_, Roermond) = await api.CreateOrganisationWithKeyAsync(new { name = "Gemeente Roermond", type = "Gemeente", regionCode = "NML", gemeenteCode = "GM0957" });
        (var matchingspunt, Matchingspunt) = await api.CreateOrganisationWithKeyAsync(new { name = "Matchingspunt NML", type = "Matchingspunt", regionCode = "NML" });
        MatchingspuntId = matchingspunt.Id;
        (_, MatchingspuntMhl) = await api.CreateOrganisationWithKeyAsync(new { name = "Transferpunt MHL", type = "Matchingspunt", regionCode = "MHL" });

        var provider = api.WithKey(Provider);
        var mp = api.WithKey(Matchingspunt);
        HttpClient Owner(char owner) => api.WithKey(owner == 'A' ? CorporationA : CorporationB);

        // Everything is registered on 2026-03-02.
        var placed = new List<(Guid CandidateId, Guid UnitId, char Owner)>();
        foreach (var (unitIn, owner, herkomst, readySince, _) in Placements)
        {
            var candidate = await provider.RegisterCandidateAsync(Payloads.Candidate(herkomst).With("readySince", readySince));
            var unit = await Owner(owner).PostUnitAsync(Payloads.Unit(unitIn));
            placed.Add((candidate.Id, unit.Id, owner));
        }
        var declinedByOwner = (Candidate: await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983")), Unit: await Owner('A').PostUnitAsync(Payloads.Unit("GM0983")));
        var declinedByProvider = (Candidate: await provider.RegisterCandidateAsync(Payloads.Candidate("GM0957")), Unit: await Owner('A').PostUnitAsync(Payloads.Unit("GM0983")));
        var expiring = (Candidate: await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983")), Unit: await Owner('B').PostUnitAsync(Payloads.Unit("GM0957")));
        await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("urgent", true).With("urgencyReason", "Veiligheid"));
        await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("currentSetting", "MaatschappelijkeOpvang"));
        await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983").With("prikkelarmNeed", "Required"));
        await provider.RegisterCandidateAsync(Payloads.Candidate("GM0957"));
        var withdrawn = await provider.RegisterCandidateAsync(Payloads.Candidate("GM0983"));
        await Ok(provider.PostAsJsonAsync($"/api/v1/candidates/{withdrawn.Id}/withdraw", new { reason = "Verhuisd buiten de regio" }));
        await Owner('A').PostUnitAsync(Payloads.Unit("GM0983").With("prikkelarm", new JsonObject
        {
            ["ownFrontDoor"] = true, ["noSharedStairwell"] = true, ["noDirectNeighbours"] = true, ["quietStreet"] = true, ["edgeOfNeighbourhood"] = true,
        }));
        await Owner('B').PostUnitAsync(Payloads.Unit("GM0957"));
        var gone = await Owner('A').PostUnitAsync(Payloads.Unit("GM0983"));
        await Ok(Owner('A').PostAsJsonAsync($"/api/v1/units/{gone.Id}/withdraw", new { reason = "Verkocht" }));

        // Nine placements, each step a few days after the last.
        var tenancies = new List<TenancyDto>();
        for (var i = 0; i < Placements.Length; i++)
        {
            var (candidateId, unitId, owner) = placed[i];
            var match = await ProposeAsync(mp, unitId, candidateId);
            api.Clock.Advance(TimeSpan.FromDays(1));
            await Ok(mp.PostAsync($"/api/v1/matches/{match.Id}/nominate", null));
            api.Clock.Advance(TimeSpan.FromDays(2));
            await Ok(Owner(owner).PostAsync($"/api/v1/matches/{match.Id}/accept", null));
            api.Clock.Advance(TimeSpan.FromDays(3));
            var omklap = i < 2;
            var contracted = await Ok(Owner(owner).PostAsJsonAsync($"/api/v1/matches/{match.Id}/contract", omklap
                ? new { tenancyStart = Placements[i].Start, contractForm = "Omklap", omklapAfterMonths = (int?)6 }
                : new { tenancyStart = Placements[i].Start, contractForm = "Regulier", omklapAfterMonths = (int?)null }));
            tenancies.Add((await contracted.Content.ReadFromJsonAsync<TenancyDto>(Json.Options))!);
        }

        var first = await ProposeAsync(mp, declinedByOwner.Unit.Id, declinedByOwner.Candidate.Id);
        var second = await ProposeAsync(mp, declinedByProvider.Unit.Id, declinedByProvider.Candidate.Id);
        api.Clock.Advance(TimeSpan.FromDays(1));
        await Ok(mp.PostAsync($"/api/v1/matches/{first.Id}/nominate", null));
        await Ok(mp.PostAsync($"/api/v1/matches/{second.Id}/nominate", null));
        await Ok(Owner('A').PostAsJsonAsync($"/api/v1/matches/{first.Id}/decline", new { by = "Verhuurder", reasonCode = "verhuurder-huurschuld" }));
        await Ok(provider.PostAsJsonAsync($"/api/v1/matches/{second.Id}/decline", new { by = "Zorgaanbieder", reasonCode = "zorgaanbieder-begeleiding-niet-rond" }));
        await ProposeAsync(mp, expiring.Unit.Id, expiring.Candidate.Id);

        // On to 2026-10-01: the proposal has expired; the 6-month marks of the first two tenancies have passed.
        api.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        await api.Services.GetRequiredService<MatchDeadlineService>().ExpireOverdueAsync(CancellationToken.None);
        await Ok(provider.PostAsJsonAsync($"/api/v1/tenancies/{tenancies[0].Id}/follow-ups", new { month = 6, stillHoused = true, outcome = "Stabiel" }));
        await Ok(provider.PostAsJsonAsync($"/api/v1/tenancies/{tenancies[1].Id}/follow-ups", new { month = 6, stillHoused = false, outcome = "Uitgezet" }));
        await Ok(Owner('A').PostAsJsonAsync($"/api/v1/tenancies/{tenancies[0].Id}/omklap", new { date = "2026-09-20" }));

        // Agreements for 2026: Venlo with Wonen Maas (by the municipality), Roermond with Wonen Roer (by the Matchingspunt).
        AgreementVenlo = (await CreateAgreementAsync(api.WithKey(Venlo), CorporationAId, "GM0983", 2026, 10)).Id;
        AgreementRoermond = (await CreateAgreementAsync(mp, CorporationBId, "GM0957", 2026, 2)).Id;
    }

    public static async Task<PerformanceAgreementDto> CreateAgreementAsync(HttpClient client, Guid corporationId, string gemeente, int year, int target)
    {
        var response = await Ok(client.PostAsJsonAsync("/api/v1/performance-agreements", new { corporationId, gemeenteCode = gemeente, year, targetUnits = target, note = "Afspraak" }));
        return (await response.Content.ReadFromJsonAsync<PerformanceAgreementDto>(Json.Options))!;
    }

    private static async Task<MatchDto> ProposeAsync(HttpClient mp, Guid unitId, Guid candidateId)
    {
        var response = await Ok(mp.PostAsJsonAsync("/api/v1/matches", new { unitId, candidateId, overrideReason = "Testgeval" }));
        return (await response.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
