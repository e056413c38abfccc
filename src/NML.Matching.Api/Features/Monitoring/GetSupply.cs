using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Monitoring;
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
            // The lets of the whole region (or point) are read, because they are the placements that spreiding shows beside this.
            var codes = scope.Codes.ToList();
            var placed = await db.Tenancies.AsNoTracking()
                .Where(t => t.RegionCode == scope.RegionCode && codes.Contains(t.UnitGemeenteCode))
                .Where(t => t.StartDate >= scope.Period.From && t.StartDate <= scope.Period.To)
                .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new UnitLet(t.UnitGemeenteCode, t.OwnerOrganisationId, u.CreatedAt, t.StartDate))
                .ToListAsync(cancellationToken);
            // Shortages compare today's queue (by herkomstgemeente, the summary's queue) with today's open supply (by location).
            var pool = await pools.GetAsync(db, scope.RegionCode, scope.Today, cancellationToken);
            var queue = pool.Candidates.Select(c => c.Entity).Where(c => !scope.Narrowed || focus.Contains(c.HerkomstGemeenteCode)).ToList();

            // The definitions (docs/monitoring.md) live in Domain/Monitoring.
            var supply = Supply.In(units, placed.Where(l => scope.FocusCodes.Contains(l.GemeenteCode)), scope.Period);
            var shortages = Shortages.Of(queue, units);
            var owners = supply.Rows.Select(r => r.OwnerOrganisationId).Distinct().ToList();
            var ownerNames = await db.Organisations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

            var counts = new AdditiveCounts();
            MonitoringCounts.AddPlacements(counts, scope, [.. placed.Select(p => new PlacedTenancy(p.GemeenteCode, p.OwnerOrganisationId, p.StartDate))],
                supply.Rows.Where(r => r.Counts.Let == 0).Select(r => (r.GemeenteCode, r.OwnerOrganisationId)));
            MonitoringCounts.AddQueue(counts, scope, queue);
            var shown = counts.Suppress(scope.Suppress);

            var names = scope.Gemeenten.ToDictionary(g => g.Code, g => g.Name);
            var rows = supply.Rows
                .Select(r => new SupplyRow(r.GemeenteCode, names.GetValueOrDefault(r.GemeenteCode, r.GemeenteCode), r.OwnerOrganisationId,
                    ownerNames.GetValueOrDefault(r.OwnerOrganisationId, string.Empty), r.Counts.Posted, shown[MonitoringCounts.PlacementOwner(r.GemeenteCode, r.OwnerOrganisationId)],
                    r.Counts.Withdrawn, r.Counts.OpenNow, scope.Derived(r.Counts.Let, r.Counts.MedianDaysToLet)))
                // A row that is there only for its lets would show that they are not zero: with the lets withheld, it goes.
                .Where(r => r.Let.Mark != CountMark.Withheld || r.Posted + r.Withdrawn + r.OpenNow > 0)
                .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.OwnerName, StringComparer.Ordinal).ThenBy(r => r.OwnerOrganisationId)
                .ToList();

            var totalLet = shown[scope.Gemeente is null ? MonitoringCounts.Placements : MonitoringCounts.PlacementGemeente(scope.Gemeente)];
            var totals = supply.Totals;
            return new SupplyDto(scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress,
                new SupplyTotals(totals.Posted, totalLet, totals.Withdrawn, totals.OpenNow, scope.Derived(totals.Let, totals.MedianDaysToLet)),
                rows,
                [.. shortages.Select(s =>
                {
                    var candidates = shown[MonitoringCounts.Need(s.Need.Code)];
                    return new ShortageFigure(s.Need.Code, s.Need.Label, candidates, s.Units, candidates.Hidden ? null : s.Gap);
                })]);
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
