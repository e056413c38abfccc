using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Units;

namespace NML.Matching.Domain.Monitoring;

/// <summary>A let as supply reads it: where the unit is, whose it is, when it was posted and when its tenancy started.</summary>
public readonly record struct UnitLet(string GemeenteCode, Guid OwnerOrganisationId, DateTimeOffset PostedAt, DateOnly StartDate);

/// <summary>The supply figures of some units: posted, withdrawn, on offer now, and the days to let of each let.</summary>
public sealed record SupplyCounts(int Posted, int Withdrawn, int OpenNow, IReadOnlyList<double> DaysToLet)
{
    /// <summary>The lets counted (each one a person housed).</summary>
    public int Let => DaysToLet.Count;

    /// <summary>Median days from posting to letting over the lets counted; null without lets.</summary>
    public double? MedianDaysToLet => Statistics.Median(DaysToLet);
}

/// <summary>The supply of one owner in one municipality.</summary>
public sealed record OwnerSupply(string GemeenteCode, Guid OwnerOrganisationId, SupplyCounts Counts);

/// <summary>Supply over all rows, and one row per municipality and owner with any of the figures.</summary>
public sealed record SupplyOverview(SupplyCounts Totals, IReadOnlyList<OwnerSupply> Rows);

/// <summary>
/// Supply (docs/monitoring.md, <c>GET /api/v1/monitoring/supply</c>), counted where the unit is: <c>posted</c> = units
/// posted (registered) in the period; <c>let</c> = tenancies that started in the period in the owner's units there
/// (a unit is let on its tenancy's start date); <c>withdrawn</c> = units withdrawn in the period; <c>openNow</c> =
/// units on offer today (not withdrawn and not let); <c>medianDaysToLet</c> = median days from the day a unit was
/// posted to the start of its tenancy, over the lets counted. One row per municipality and owner with any of these.
/// </summary>
public static class Supply
{
    /// <summary>On offer today: neither withdrawn nor let.</summary>
    public static bool IsOnOffer(HousingUnit unit) => unit.Status is not (UnitStatus.Withdrawn or UnitStatus.Let);

    /// <summary>Days from the Dutch calendar day a unit was posted to the start of its tenancy; never negative.</summary>
    public static double DaysToLet(UnitLet let) => Math.Max(0, let.StartDate.DayNumber - RegionalDate.DateOf(let.PostedAt).DayNumber);

    public static SupplyOverview In(IEnumerable<HousingUnit> units, IEnumerable<UnitLet> lets, Period period)
    {
        var all = units.ToList();
        var posted = all.Where(u => period.Contains(u.CreatedAt)).ToList();
        var withdrawn = all.Where(u => u.WithdrawnAt is { } at && period.Contains(at)).ToList();
        var open = all.Where(IsOnOffer).ToList();
        var let = lets.Where(l => period.Contains(l.StartDate)).ToList();

        var keys = posted.Concat(withdrawn).Concat(open).Select(u => (u.GemeenteCode, u.OwnerOrganisationId))
            .Concat(let.Select(l => (l.GemeenteCode, l.OwnerOrganisationId))).Distinct().ToList();
        return new SupplyOverview(
            new SupplyCounts(posted.Count, withdrawn.Count, open.Count, [.. let.Select(DaysToLet)]),
            [.. keys.Select(k =>
            {
                bool Mine(HousingUnit u) => u.GemeenteCode == k.GemeenteCode && u.OwnerOrganisationId == k.OwnerOrganisationId;
                return new OwnerSupply(k.GemeenteCode, k.OwnerOrganisationId, new SupplyCounts(posted.Count(Mine), withdrawn.Count(Mine), open.Count(Mine),
                    [.. let.Where(l => l.GemeenteCode == k.GemeenteCode && l.OwnerOrganisationId == k.OwnerOrganisationId).Select(DaysToLet)]));
            })]);
    }
}
