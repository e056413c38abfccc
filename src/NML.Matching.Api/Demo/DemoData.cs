using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Features.Units;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Organisations;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Demo;

/// <summary>
/// Fictional demo organisations with fixed keys (listed in the README), loaded only when
/// <c>Demo:Seed=true</c> (run-local does this unless <c>--no-demo</c>). Loading twice changes nothing. Each demo
/// organisation has one person (a beheerder), and the service one administrator: <see cref="PersonEmail"/>, all with
/// <see cref="PersonPassword"/> and no second factor, for Development (docs/security.md, "Demo people").
/// </summary>
public sealed class DemoData(
    MatchingDbContext db, TimeProvider clock, MatchingInputLoader loader, Placement placement, UserManager<Person> people, ILogger<DemoData> logger)
{
    private static readonly string[] Noord = ["GM0889", "GM0893", "GM0907", "GM1507", "GM1894", "GM0983", "GM0984"];
    private static readonly string[] Midden = ["GM1711", "GM1640", "GM1641", "GM0946", "GM1669", "GM0957", "GM0988"];

    /// <summary>The demo organisations: name, type, region, point or gemeente, werkgebied, and key.</summary>
    public static IReadOnlyList<DemoOrganisation> Organisations { get; } =
    [
        new("Transferpunt Noord-Limburg", OrganisationType.Matchingspunt, "NML", null, "Noord", [], "nml_mpnoord_demo"),
        new("Matchingspunt Midden-Limburg", OrganisationType.Matchingspunt, "NML", null, "Midden", [], "nml_mpmidden_demo"),
        new("Transferpunt Maastricht-Heuvelland", OrganisationType.Matchingspunt, "MHL", null, "MHL", [], "nml_mpmhl_demo"),
        new("Maasvallei Wonen", OrganisationType.Corporatie, "NML", null, null, ["GM0983", "GM0889", "GM1894", "GM1507"], "nml_maasvallei_demo"),
        new("Woonstichting Peelrand", OrganisationType.Corporatie, "NML", null, null, ["GM0984", "GM1507", "GM0907", "GM0893"], "nml_peelrand_demo"),
        new("Roerstreek Wonen", OrganisationType.Corporatie, "NML", null, null, ["GM0957", "GM1669", "GM1641", "GM1711", "GM1640"], "nml_roerstreek_demo"),
        new("Weerterland Woondiensten", OrganisationType.Corporatie, "NML", null, null, ["GM0988", "GM0946", "GM1640"], "nml_weerterland_demo"),
        new("Stichting Horizon Begeleid Wonen", OrganisationType.Zorgaanbieder, "NML", null, null, [.. Noord, .. Midden], "nml_horizon_demo"),
        new("De Overstap Zorg", OrganisationType.Zorgaanbieder, "NML", null, null, Noord, "nml_overstap_demo"),
        new("Kompas Herstel Midden-Limburg", OrganisationType.Zorgaanbieder, "NML", null, null, Midden, "nml_kompas_demo"),
    ];

    /// <summary>The password of every demo person (README); Development only.</summary>
    public const string PersonPassword = "Demo-wachtwoord-2026";

    /// <summary>The demo person of a demo key (<c>nml_maasvallei_demo</c> → <c>demo+maasvallei@nml-matching.test</c>), or of <c>admin</c>.</summary>
    public static string PersonEmail(string keyOrName)
    {
        var name = keyOrName.StartsWith("nml_", StringComparison.Ordinal) && keyOrName.EndsWith("_demo", StringComparison.Ordinal)
            ? keyOrName["nml_".Length..^"_demo".Length]
            : keyOrName;
        return $"demo+{name}@nml-matching.test";
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var gemeenten = await db.Gemeenten.AsNoTracking().OrderBy(g => g.RegionCode).ThenBy(g => g.Name)
            .Select(g => new { g.Code, g.Name, g.RegionCode }).ToListAsync(cancellationToken);
        var all = Organisations.Concat(gemeenten.Select(g => new DemoOrganisation(
            $"Gemeente {g.Name}", OrganisationType.Gemeente, g.RegionCode, g.Code, null, [], $"nml_{g.Code.ToLowerInvariant()}_demo")));

        var added = 0;
        foreach (var demo in all)
        {
            var id = StableId(demo.Key);
            if (await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken)) continue;
            var organisation = Organisation.Create(id, demo.Name, demo.Type, demo.RegionCode, demo.GemeenteCode, demo.PointCode, demo.Werkgebied, now);
            organisation.AddKnownApiKey(StableId("key:" + demo.Key), "demo", demo.Key, now);
            db.Organisations.Add(organisation);
            db.Record(now, Actor.System, "organisation.created", "organisation", id.ToString(), null, OrganisationDto.From(organisation));
            added++;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: {Added} organisations added", added);
        await SeedPeopleAsync(all.ToList(), now);
        await SeedRegistersAsync(now, cancellationToken);
    }

    /// <summary>One beheerder per demo organisation and one service administrator, each once.</summary>
    private async Task SeedPeopleAsync(IReadOnlyList<DemoOrganisation> organisations, DateTimeOffset now)
    {
        var added = 0;
        foreach (var demo in organisations)
        {
            added += await AddPersonAsync(new Person(StableId("person:" + demo.Key), StableId(demo.Key), PersonEmail(demo.Key),
                $"Demo {demo.Name}", PortalRole.Beheerder, now));
        }
        added += await AddPersonAsync(Person.ServiceAdmin(StableId("person:admin"), PersonEmail("admin"), "Demo functioneel beheer", now));
        logger.LogInformation("Demo data: {Added} people added (password {Password})", added, PersonPassword);
    }

    private async Task<int> AddPersonAsync(Person person)
    {
        if (await people.FindByIdAsync(person.Id.ToString()) is not null) return 0;
        var result = await people.CreateAsync(person, PersonPassword);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo person {person.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        db.Record(clock.GetUtcNow(), Actor.System, "person.created", "person", person.Id.ToString(), null,
            new { person.Email, person.DisplayName, role = person.PortalRole.ToString(), person.OrganisationId });
        await db.SaveChangesAsync();
        return 1;
    }

    /// <summary>The demo queue and supply, once: skipped when any demo candidate exists already.</summary>
    private async Task SeedRegistersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var providerIds = Organisations.Where(o => o.Type == OrganisationType.Zorgaanbieder).Select(o => StableId(o.Key)).ToList();
        var corporationIds = Organisations.Where(o => o.Type == OrganisationType.Corporatie).Select(o => StableId(o.Key)).ToList();
        if (await db.Candidates.AnyAsync(c => providerIds.Contains(c.ProviderOrganisationId), cancellationToken)) return;

        var gemeenten = await db.Gemeenten.AsNoTracking().ToListAsync(cancellationToken);
        var providers = await db.Organisations.AsNoTracking().Where(o => providerIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var corporations = await db.Organisations.AsNoTracking().Where(o => corporationIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var today = RegionalDate.Today(clock);

        var candidates = DemoRegisters.Candidates(gemeenten, providers, today, now).ToList();
        var units = DemoRegisters.Units(gemeenten, corporations, providers, today, now).ToList();
        foreach (var candidate in candidates)
        {
            db.Candidates.Add(candidate);
            db.Record(now, Actor.System, "candidate.registered", "candidate", candidate.Id.ToString(), null, CandidateDto.From(candidate, today));
        }
        foreach (var unit in units)
        {
            db.Units.Add(unit);
            db.Record(now, Actor.System, "unit.posted", "unit", unit.Id.ToString(), null, UnitDto.From(unit));
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: {Candidates} candidates and {Units} units added", candidates.Count, units.Count);

        var ready = candidates.Where(c => c.RegionCode == "NML" && c.StatusOn(today) == CandidateStatus.Ready).ToList();
        var available = units.Where(u => u.RegionCode == "NML" && u.Status == UnitStatus.Available).ToList();
        var input = await loader.LoadAsync(ready, available, today, cancellationToken);
        DemoWorkflow.Seed(db, placement, input, ready, available, StableId("nml_mpnoord_demo"), today, now);
        await db.SaveChangesAsync(cancellationToken);
        DemoHistory.Seed(db, placement, gemeenten, providers, corporations, StableId("nml_mpnoord_demo"), today, now);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data: {Placements} placements over the last two years and performance agreements added", DemoHistory.PlacementCount);
        logger.LogInformation("Demo data: matches in every workflow state and tenancies with follow-ups added");
    }

    /// <summary>The same demo name gives the same id on every machine.</summary>
    public static Guid StableId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("nml-demo:" + name)).AsSpan(0, 16));
}
