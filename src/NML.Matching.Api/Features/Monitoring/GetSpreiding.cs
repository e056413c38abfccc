using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.EngineInput;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Matching;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>One municipality's placements in the period against its fair share.</summary>
public sealed record SpreidingRow(string GemeenteCode, string Name, string Point, SmallCount Placements, double FairShare, double? Expected, double? Ratio);

/// <summary>The regional index for one quarter of the period.</summary>
public sealed record SpreidingQuarter(string Quarter, DateOnly From, DateOnly To, SmallCount Placements, double? Index);

/// <summary>Spreading of placements over the municipalities: see docs/monitoring.md.</summary>
public sealed record SpreidingDto(
    string RegionCode, string? Point, string? Gemeente, DateOnly From, DateOnly To, bool Suppressed, FairShareKey FairShareKey,
    SmallCount TotalPlacements, double? Index, IReadOnlyList<SpreidingRow> Gemeenten, IReadOnlyList<SpreidingQuarter> ByQuarter);

public static class GetSpreiding
{
    public sealed record Query(string? RegionCode, string? Point, string? Gemeente, string? From, string? To) : IQuery<Result<SpreidingDto>>, IMonitoringRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new MonitoringRequestValidator());
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock, IOptions<MatchingSettings> settings)
        : IQueryHandler<Query, Result<SpreidingDto>>
    {
        public async ValueTask<Result<SpreidingDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resolved = await MonitoringScope.ResolveAsync(db, caller.Caller, clock, query, municipalityDetail: false, cancellationToken);
            if (!resolved.IsSuccess) return resolved.Error!;
            var scope = resolved.Value!;
            var codes = scope.Codes.ToList();

            // A placement is a tenancy that started in the period, counted where the unit is.
            var placements = await db.Tenancies.AsNoTracking()
                .Where(t => t.RegionCode == scope.RegionCode && codes.Contains(t.UnitGemeenteCode))
                .Where(t => t.StartDate >= scope.Period.From && t.StartDate <= scope.Period.To)
                .Select(t => new PlacedTenancy(t.UnitGemeenteCode, t.OwnerOrganisationId, t.StartDate)).ToListAsync(cancellationToken);
            var counts = new AdditiveCounts();
            MonitoringCounts.AddPlacements(counts, scope, placements);
            var shown = counts.Suppress(scope.Suppress);

            var key = settings.Value.FairShareKey;
            var shares = FairShares.Of([.. scope.Gemeenten.Select(g => new GemeentePopulation(g.Code, g.Population))], key);
            var table = SpreidingTable.Of(shares, placements, scope.Period);
            var totalShown = shown[MonitoringCounts.Placements];
            // The index is computed from every municipality's count: it would give a hidden one back (also one outside
            // the gemeente filter, so that the index is the same with and without it).
            var index = MonitoringCounts.MayShowFigureOf(scope, table.Cells.Select(c => c.Placements),
                [totalShown, .. table.Cells.Select(c => shown[MonitoringCounts.PlacementGemeente(c.GemeenteCode)])]) ? table.Index : null;

            return new SpreidingDto(
                scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress, key,
                totalShown, index,
                [.. scope.Gemeenten.Where(g => scope.FocusCodes.Contains(g.Code)).Select(g =>
                {
                    var cell = table[g.Code];
                    var count = shown[MonitoringCounts.PlacementGemeente(g.Code)];
                    // The expected number gives a withheld total back (the fair share is public), the ratio the count.
                    return new SpreidingRow(g.Code, g.Name, g.PointCode, count, Math.Round(cell.FairShare, 4),
                        totalShown.Hidden ? null : Math.Round(table.Expected(cell), 2), count.Hidden || totalShown.Hidden ? null : table.Ratio(cell));
                })],
                [.. SpreidingTable.ByQuarter(shares, placements, scope.Period).Select(q =>
                {
                    var placed = shown[MonitoringCounts.PlacementQuarter(q.Quarter.Label)];
                    return new SpreidingQuarter(q.Quarter.Label, q.Quarter.Period.From, q.Quarter.Period.To, placed,
                        MonitoringCounts.MayShowFigureOf(scope, q.Table.Cells.Select(c => c.Placements), [placed]) ? q.Table.Index : null);
                })]);
        }
    }

    public static RouteHandlerBuilder MapGetSpreiding(this IEndpointRouteBuilder group) =>
        group.MapReport("/spreiding", (regionCode, point, gemeente, from, to) => new Query(regionCode, point, gemeente, from, to))
            .WithName("GetSpreiding")
            .WithSummary("Placements per municipality against its fair share, and the regional dissimilarity index (per quarter too).")
            .WithDescription("A placement is a tenancy that started in the period, counted in the unit's municipality. Fair shares follow Matching:FairShareKey (population by default) over the region, or over the point when one is given; gemeente narrows the rows, not the index. Small numbers as in the summary; for the roles under that rule the index is null when a count it is computed from is 1-4 or withheld.")
            .Produces<SpreidingDto>()
            .ProducesValidationProblem()
            .ProducesForbidden();
}
