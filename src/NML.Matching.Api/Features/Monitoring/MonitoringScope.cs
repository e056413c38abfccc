using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Monitoring;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Monitoring;

/// <summary>The filters every monitoring endpoint takes: region, point, municipality and period.</summary>
public interface IMonitoringRequest
{
    string? RegionCode { get; }
    string? Point { get; }
    string? Gemeente { get; }
    string? From { get; }
    string? To { get; }
}

/// <summary>A municipality as the monitoring shows it.</summary>
public sealed record MonitoredGemeente(string Code, string Name, string PointCode, int Population);

/// <summary>
/// What a monitoring request covers once checked against the caller: the region, the optional point and
/// municipality, the period, today's date and whether the small-number rule applies.
/// </summary>
public sealed class MonitoringScope
{
    public const int MaxYears = 10;

    private MonitoringScope(string regionCode, string? point, string? gemeente, Period period, DateOnly today, bool suppress, IReadOnlyList<MonitoredGemeente> gemeenten)
    {
        RegionCode = regionCode;
        Point = point;
        Gemeente = gemeente;
        Period = period;
        Today = today;
        Suppress = suppress;
        Gemeenten = gemeenten;
        Codes = gemeenten.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        FocusCodes = gemeente is null ? Codes : new HashSet<string>([gemeente], StringComparer.Ordinal);
    }

    public string RegionCode { get; }
    public string? Point { get; }
    public string? Gemeente { get; }
    public Period Period { get; }
    public DateOnly Today { get; }

    /// <summary>True when the small-number rule applies (every role except the Matchingspunt and Admin).</summary>
    public bool Suppress { get; }

    /// <summary>The municipalities of the region, or of the point when one is given.</summary>
    public IReadOnlyList<MonitoredGemeente> Gemeenten { get; }

    public IReadOnlySet<string> Codes { get; }

    /// <summary>The municipality asked for, or all of <see cref="Codes"/>.</summary>
    public IReadOnlySet<string> FocusCodes { get; }

    /// <summary>True when a point or municipality narrows the region.</summary>
    public bool Narrowed => Point is not null || Gemeente is not null;

    /// <summary>The period as UTC instants: from the start of its first day up to (excluding) the start of the day after it.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Instants => (RegionalDate.StartOf(Period.From), RegionalDate.StartOf(Period.To.AddDays(1)));

    /// <summary>The last day of the period that has passed: a follow-up or omklap due after today is not due yet.</summary>
    public DateOnly LastDueDay => Period.LastDueDay(Today);

    /// <summary>
    /// A median or percentile over <paramref name="count"/> people: null when that count is 1 to 4 under the rule (a
    /// median of three waits gives them away). Counts themselves go through <see cref="MonitoringCounts"/>.
    /// </summary>
    public double? Derived(int count, double? value) => Suppress && SmallCount.IsSmall(count) ? null : value;

    /// <summary>
    /// Checks the filters against the caller. The region defaults to the caller's (Admin must name one); another
    /// region is 403. With <paramref name="municipalityDetail"/> (the summary), a <c>gemeente</c> filter is detail
    /// about that municipality's residents: allowed for Admin, the Matchingspunt and the municipality itself.
    /// </summary>
    public static async Task<Result<MonitoringScope>> ResolveAsync(
        MatchingDbContext db, Caller caller, TimeProvider clock, IMonitoringRequest request, bool municipalityDetail, CancellationToken cancellationToken)
    {
        var regionCode = request.RegionCode?.Trim().ToUpperInvariant() ?? caller.RegionCode;
        if (string.IsNullOrEmpty(regionCode))
            return Error.Invalid("regionCode", "region-required", "regionCode is required for a key without a region (Admin).");
        if (MonitoringAccess.CheckRegion(caller, regionCode) is { } otherRegion) return otherRegion;
        var region = await db.Regions.AsNoTracking().Include(r => r.Points).FirstOrDefaultAsync(r => r.Code == regionCode, cancellationToken);
        if (region is null) return Error.Invalid("regionCode", "unknown-region", $"There is no region {regionCode}.");

        string? point = null;
        if (!string.IsNullOrWhiteSpace(request.Point))
        {
            point = region.FindPoint(request.Point)?.Code;
            if (point is null)
                return Error.Invalid("point", "unknown-point", $"Region {regionCode} has the points {string.Join(", ", region.Points.Select(p => p.Code))}.");
        }

        var all = await db.Gemeenten.AsNoTracking().Where(g => g.RegionCode == regionCode).OrderBy(g => g.Name)
            .Select(g => new MonitoredGemeente(g.Code, g.Name, g.PointCode, g.Population)).ToListAsync(cancellationToken);
        var gemeenten = point is null ? all : all.Where(g => string.Equals(g.PointCode, point, StringComparison.OrdinalIgnoreCase)).ToList();

        string? gemeente = null;
        if (request.Gemeente is not null)
        {
            gemeente = GemeenteCode.Normalize(request.Gemeente);
            if (all.All(g => g.Code != gemeente))
                return Error.Invalid("gemeente", "unknown-gemeente", $"{gemeente} is not a municipality of region {regionCode}.");
            if (gemeenten.All(g => g.Code != gemeente))
                return Error.Invalid("gemeente", "gemeente-not-in-point", $"{gemeente} does not belong to point {point}.");
            if (municipalityDetail && MonitoringAccess.CheckMunicipalityDetail(caller, gemeente) is { } notOwn) return notOwn;
        }

        var today = RegionalDate.Today(clock);
        MonitoringRequestValidator.TryParseDate(request.To, out var to);
        if (request.To is null) to = today;
        MonitoringRequestValidator.TryParseDate(request.From, out var from);
        if (request.From is null) from = to.AddYears(-1).AddDays(1);
        if (from > to) return Error.Invalid("from", "invalid-period", "from is on or before to.");
        if (from < to.AddYears(-MaxYears)) return Error.Invalid("from", "period-too-long", $"A period spans at most {MaxYears} years.");

        var suppress = MonitoringAccess.SmallNumberRuleApplies(caller);
        return new MonitoringScope(regionCode, point, gemeente, new Period(from, to), today, suppress, gemeenten);
    }
}
