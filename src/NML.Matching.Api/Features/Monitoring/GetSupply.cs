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

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : IQueryHandler<Query, Result<SupplyDto>>
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
            // A unit is let on the start date of its tenancy; days to let run from the day it was posted.
            var lets = await db.Tenancies.AsNoTracking()
                .Where(t => t.RegionCode == scope.RegionCode && focus.Contains(t.UnitGemeenteCode))
                .Where(t => t.StartDate >= scope.Period.From && t.StartDate <= scope.Period.To)
                .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t.UnitGemeenteCode, t.OwnerOrganisationId, t.StartDate, PostedAt = u.CreatedAt })
                .ToListAsync(cancellationToken);
            var owners = units.Select(u => u.OwnerOrganisationId).Concat(lets.Select(l => l.OwnerOrganisationId)).Distinct().ToList();
            var ownerNames = await db.Organisations.AsNoTracking().Where(o => owners.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

            var posted = units.Where(u => u.CreatedAt >= start && u.CreatedAt < end).ToList();
            var withdrawn = units.Where(u => u.WithdrawnAt >= start && u.WithdrawnAt < end).ToList();
            var open = units.Where(u => u.Status is not (UnitStatus.Withdrawn or UnitStatus.Let)).ToList();
            var letDays = lets.Select(l => new { l.UnitGemeenteCode, l.OwnerOrganisationId, Days = (double)Math.Max(0, l.StartDate.DayNumber - RegionalDate.DateOf(l.PostedAt).DayNumber) }).ToList();

            var keys = posted.Concat(withdrawn).Concat(open).Select(u => (u.GemeenteCode, u.OwnerOrganisationId))
                .Concat(lets.Select(l => (GemeenteCode: l.UnitGemeenteCode, l.OwnerOrganisationId))).Distinct();
            var names = scope.Gemeenten.ToDictionary(g => g.Code, g => g.Name);
            var rows = keys
                .Select(k =>
                {
                    var days = letDays.Where(l => l.UnitGemeenteCode == k.GemeenteCode && l.OwnerOrganisationId == k.OwnerOrganisationId).Select(l => l.Days).ToList();
                    bool Mine(HousingUnit u) => u.GemeenteCode == k.GemeenteCode && u.OwnerOrganisationId == k.OwnerOrganisationId;
                    return new SupplyRow(k.GemeenteCode, names.GetValueOrDefault(k.GemeenteCode, k.GemeenteCode), k.OwnerOrganisationId,
                        ownerNames.GetValueOrDefault(k.OwnerOrganisationId, string.Empty), posted.Count(Mine), scope.Count(days.Count), withdrawn.Count(Mine),
                        open.Count(Mine), scope.Derived(days.Count, Statistics.Median(days)));
                })
                .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.OwnerName, StringComparer.Ordinal).ThenBy(r => r.OwnerOrganisationId)
                .ToList();

            // Shortages compare today's queue (by herkomstgemeente) with today's open supply (by location).
            var queue = await db.Candidates.AsNoTracking()
                .Where(c => c.RegionCode == scope.RegionCode && c.WithdrawnAt == null && c.Placement != CandidatePlacement.Housed)
                .Where(c => !scope.Narrowed || focus.Contains(c.HerkomstGemeenteCode))
                .ToListAsync(cancellationToken);
            var shortages = Needs.Select(n =>
            {
                var candidates = queue.Count(n.Needs);
                var supply = open.Count(n.Meets);
                return new ShortageFigure(n.Need, n.Label, scope.Count(candidates), supply, scope.Derived(candidates, candidates - supply) is { } gap ? (int)gap : null);
            }).ToList();

            return new SupplyDto(scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress,
                new SupplyTotals(posted.Count, scope.Count(lets.Count), withdrawn.Count, open.Count, scope.Derived(lets.Count, Statistics.Median(letDays.Select(l => l.Days).ToList()))),
                rows, shortages);
        }
    }

    public static RouteHandlerBuilder MapGetSupply(this IEndpointRouteBuilder group) =>
        group.MapReport("/supply", (regionCode, point, gemeente, from, to) => new Query(regionCode, point, gemeente, from, to))
            .WithName("GetSupply")
            .WithSummary("Units posted, let and withdrawn per municipality and owner, median days from posting to letting, and shortages per need.")
            .WithDescription("Units are counted where they are. Let counts (each one a person housed) follow the small-number rule; posted, withdrawn and open units do not. Shortages compare today's queue with today's open units per need.")
            .Produces<SupplyDto>()
            .ProducesValidationProblem()
            .ProducesForbidden();
}
