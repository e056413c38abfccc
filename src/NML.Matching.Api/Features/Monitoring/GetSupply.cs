using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Monitoring;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>Units posted, let and withdrawn in the period and on offer now, in one municipality by one owner.</summary>
public sealed record SupplyRow(
    string GemeenteCode, string Name, Guid OwnerOrganisationId, string OwnerName, int Posted, SmallCount Let, int Withdrawn, int OpenNow, double? MedianDaysToLet);

/// <summary>The same figures over all rows.</summary>
public sealed record SupplyTotals(int Posted, SmallCount Let, int Withdrawn, int OpenNow, double? MedianDaysToLet);

/// <summary>Candidates in the queue today with a need, against the units on offer today that meet it.</summary>
public sealed record ShortageFigure(string Need, string Label, SmallCount Candidates, int Units, int? Gap);

/// <summary>Supply of units and shortages per need: see docs/monitoring.md.</summary>
public sealed record SupplyDto(
    string RegionCode, string? Point, string? Gemeente, DateOnly From, DateOnly To, bool Suppressed,
    SupplyTotals Totals, IReadOnlyList<SupplyRow> Rows, IReadOnlyList<ShortageFigure> Shortages);

public static class GetSupply
{
    /// <summary>The needs whose shortage is shown: a candidate's need and a unit that meets it (the matching's hard rules).</summary>
    public static readonly (string Need, string Label, Func<Candidate, bool> Needs, Func<HousingUnit, bool> Meets)[] Needs =
    [
        ("prikkelarm", "Prikkelarme woning vereist", c => c.PrikkelarmNeed == PrikkelarmNeed.Required, u => u.PrikkelarmLevel >= 2),
        ("rolstoel", "Rolstoeltoegankelijk", c => c.Accessibility.NeedsWheelchairAccess, u => u.Accessibility.WheelchairAccessible),
        ("gelijkvloers", "Gelijkvloers of met lift", c => c.Accessibility.NeedsGroundFloorOrLift, u => u.Accessibility.GroundFloorOrLift),
        ("begeleiding-24x7", "24/7 begeleiding nabij", c => c.Needs24x7Nearby, u => u.SupportOnSite == SupportOnSite.TwentyFourSeven),
        ("meer-slaapkamers", "Twee of meer slaapkamers", c => c.RequiredBedrooms >= 2, u => u.Bedrooms >= 2),
    ];

    public sealed record Query(string? RegionCode, string? Point, string? Gemeente, string? From, string? To) : IQuery<Result<SupplyDto>>, IMonitoringRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new MonitoringRequestValidator());
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock, RegisterPools pools) : IQueryHandler<Query, Result<SupplyDto>>
    {
        public async ValueTask<Result<SupplyDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resolved = await MonitoringScope.ResolveAsync(db, caller.Caller, clock, query, municipalityDetail: false, cancellationToken);
            if (!resolved.IsSuccess) return resolved.Error!;
            var scope = resolved.Value!;
            var (start, end) = scope.Instants;
            var focus = scope.FocusCodes.ToList();

            var units = await db.Units.AsNoTracking()
                .Where(u => u.RegionCode == scope.RegionCode && focus.Contains(u.GemeenteCode))
                .Where(u => (u.CreatedAt >= start && u.CreatedAt < end) || (u.WithdrawnAt >= start && u.WithdrawnAt < end)
                    || (u.Status != UnitStatus.Withdrawn && u.Status != UnitStatus.Let))
                .ToListAsync(cancellationToken);
            // A unit is let on the start date of its tenancy; days to let run from the day it was posted. The lets of the
            // whole region (or point) are read, because they are the placements that spreiding shows beside this.
            var codes = scope.Codes.ToList();
            var placed = await db.Tenancies.AsNoTracking()
                .Where(t => t.RegionCode == scope.RegionCode && codes.Contains(t.UnitGemeenteCode))
                .Where(t => t.StartDate >= scope.Period.From && t.StartDate <= scope.Period.To)
                .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t.UnitGemeenteCode, t.OwnerOrganisationId, t.StartDate, PostedAt = u.CreatedAt })
                .ToListAsync(cancellationToken);
            var lets = placed.Where(l => scope.FocusCodes.Contains(l.UnitGemeenteCode)).ToList();
            var owners = units.Select(u => u.OwnerOrganisationId).Concat(lets.Select(l => l.OwnerOrganisationId)).Distinct().ToList();
            var ownerNames = await db.Organisations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

            var posted = units.Where(u => u.CreatedAt >= start && u.CreatedAt < end).ToList();
            var withdrawn = units.Where(u => u.WithdrawnAt >= start && u.WithdrawnAt < end).ToList();
            var open = units.Where(u => u.Status is not (UnitStatus.Withdrawn or UnitStatus.Let)).ToList();
            var letDays = lets.Select(l => new { l.UnitGemeenteCode, l.OwnerOrganisationId, Days = (double)Math.Max(0, l.StartDate.DayNumber - RegionalDate.DateOf(l.PostedAt).DayNumber) }).ToList();

            var unitKeys = posted.Concat(withdrawn).Concat(open).Select(u => (u.GemeenteCode, u.OwnerOrganisationId)).Distinct().ToList();
            var keys = unitKeys.Concat(lets.Select(l => (GemeenteCode: l.UnitGemeenteCode, l.OwnerOrganisationId))).Distinct();

            // Shortages compare today's queue (by herkomstgemeente, the summary's queue) with today's open supply (by location).
            var pool = await pools.GetAsync(db, scope.RegionCode, scope.Today, cancellationToken);
            var queue = pool.Candidates.Select(c => c.Entity).Where(c => !scope.Narrowed || focus.Contains(c.HerkomstGemeenteCode)).ToList();

            var counts = new AdditiveCounts();
            MonitoringCounts.AddPlacements(counts, scope, [.. placed.Select(p => new Placement(p.UnitGemeenteCode, p.OwnerOrganisationId, p.StartDate))],
                unitKeys.Where(k => !lets.Any(l => l.UnitGemeenteCode == k.GemeenteCode && l.OwnerOrganisationId == k.OwnerOrganisationId)));
            MonitoringCounts.AddQueue(counts, scope, queue);
            var shown = counts.Suppress(scope.Suppress);

            var names = scope.Gemeenten.ToDictionary(g => g.Code, g => g.Name);
            var rows = keys
                .Select(k =>
                {
                    var days = letDays.Where(l => l.UnitGemeenteCode == k.GemeenteCode && l.OwnerOrganisationId == k.OwnerOrganisationId).Select(l => l.Days).ToList();
                    bool Mine(HousingUnit u) => u.GemeenteCode == k.GemeenteCode && u.OwnerOrganisationId == k.OwnerOrganisationId;
                    return new SupplyRow(k.GemeenteCode, names.GetValueOrDefault(k.GemeenteCode, k.GemeenteCode), k.OwnerOrganisationId,
                        ownerNames.GetValueOrDefault(k.OwnerOrganisationId, string.Empty), posted.Count(Mine), shown[MonitoringCounts.PlacementOwner(k.GemeenteCode, k.OwnerOrganisationId)],
                        withdrawn.Count(Mine), open.Count(Mine), scope.Derived(days.Count, Statistics.Median(days)));
                })
                // A row that is there only for its lets would show that they are not zero: with the lets withheld, it goes.
                .Where(r => r.Let.Mark != CountMark.Withheld || r.Posted + r.Withdrawn + r.OpenNow > 0)
                .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.OwnerName, StringComparer.Ordinal).ThenBy(r => r.OwnerOrganisationId)
                .ToList();

            var shortages = Needs.Select(n =>
            {
                var candidates = shown[MonitoringCounts.Need(n.Need)];
                var supply = open.Count(n.Meets);
                return new ShortageFigure(n.Need, n.Label, candidates, supply, candidates.Hidden ? null : candidates.Value - supply);
            }).ToList();

            var totalLet = shown[scope.Gemeente is null ? MonitoringCounts.Placements : MonitoringCounts.PlacementGemeente(scope.Gemeente)];
            return new SupplyDto(scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress,
                new SupplyTotals(posted.Count, totalLet, withdrawn.Count, open.Count, scope.Derived(lets.Count, Statistics.Median(letDays.Select(l => l.Days).ToList()))),
                rows, shortages);
        }
    }

    public static RouteHandlerBuilder MapGetSupply(this IEndpointRouteBuilder group) =>
        group.MapReport("/supply", (regionCode, point, gemeente, from, to) => new Query(regionCode, point, gemeente, from, to))
            .WithName("GetSupply")
            .WithSummary("Units posted, let and withdrawn per municipality and owner, median days from posting to letting, and shortages per need.")
            .WithDescription("Units are counted where they are. Let counts (each one a person housed) and candidates per need follow the small-number rule (\"<5\", and \"x\" for a count that would give one back); posted, withdrawn and open units do not. Shortages compare today's queue with today's open units per need.")
            .Produces<SupplyDto>()
            .ProducesValidationProblem()
            .ProducesForbidden();
}
