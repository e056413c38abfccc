using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Agreements;

namespace NML.Matching.Api.Features.PerformanceAgreements;

/// <summary>A performance agreement with its progress on today's date.</summary>
public sealed record PerformanceAgreementDto(
    Guid Id,
    Guid CorporationId,
    string CorporationName,
    string GemeenteCode,
    string GemeenteName,
    string RegionCode,
    int Year,
    int TargetUnits,
    string? Note,
    int RealisedUnits,
    double Percentage,
    double ExpectedByNow,
    AgreementStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    uint Version)
{
    /// <summary>
    /// Maps agreements with their progress: one query for the names and one for the tenancies that count
    /// (started in the agreement's year, with that corporation as owner, in that municipality).
    /// </summary>
    public static async Task<IReadOnlyList<PerformanceAgreementDto>> ManyAsync(
        MatchingDbContext db, IReadOnlyList<PerformanceAgreement> agreements, DateOnly today, CancellationToken cancellationToken)
    {
        if (agreements.Count == 0) return [];
        var corporationIds = agreements.Select(a => a.CorporationId).Distinct().ToList();
        var gemeenteCodes = agreements.Select(a => a.GemeenteCode).Distinct().ToList();
        var years = agreements.Select(a => a.Year).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => corporationIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var gemeenten = await db.Gemeenten.AsNoTracking().Where(g => gemeenteCodes.Contains(g.Code))
            .ToDictionaryAsync(g => g.Code, g => g.Name, cancellationToken);
        var realised = (await db.Tenancies.AsNoTracking()
                .Where(t => corporationIds.Contains(t.OwnerOrganisationId) && gemeenteCodes.Contains(t.UnitGemeenteCode) && years.Contains(t.StartDate.Year))
                .GroupBy(t => new { t.OwnerOrganisationId, t.UnitGemeenteCode, t.StartDate.Year })
                .Select(g => new { g.Key.OwnerOrganisationId, g.Key.UnitGemeenteCode, g.Key.Year, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(x => (x.OwnerOrganisationId, x.UnitGemeenteCode, x.Year), x => x.Count);

        return [.. agreements.Select(a =>
        {
            var progress = a.ProgressOn(today, realised.GetValueOrDefault((a.CorporationId, a.GemeenteCode, a.Year)));
            return new PerformanceAgreementDto(a.Id, a.CorporationId, names.GetValueOrDefault(a.CorporationId, string.Empty), a.GemeenteCode,
                gemeenten.GetValueOrDefault(a.GemeenteCode, a.GemeenteCode), a.RegionCode, a.Year, a.TargetUnits, a.Note,
                progress.RealisedUnits, progress.Percentage, progress.ExpectedByNow, progress.Status, a.CreatedAt, a.UpdatedAt, a.Version);
        })];
    }

    public static async Task<PerformanceAgreementDto> OneAsync(MatchingDbContext db, PerformanceAgreement agreement, DateOnly today, CancellationToken cancellationToken) =>
        (await ManyAsync(db, [agreement], today, cancellationToken))[0];

    /// <summary>The agreement's own fields, for the audit trail (no progress: that changes by itself).</summary>
    public static object AuditState(PerformanceAgreement a) =>
        new { a.Id, a.CorporationId, a.GemeenteCode, a.RegionCode, a.Year, a.TargetUnits, a.Note };
}
