using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Regions;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Features.Units;

/// <summary>
/// Who sees which units: the owner its own, a Gemeente those in its municipality, the Matchingspunt those
/// of its region, Admin all. Anything else answers 404.
/// </summary>
public static class UnitAccess
{
    public static IQueryable<HousingUnit> VisibleTo(this IQueryable<HousingUnit> units, Caller caller) => caller.Role switch
    {
        Roles.Admin => units,
        Roles.Corporatie or Roles.Zorgaanbieder => units.Where(u => u.OwnerOrganisationId == caller.OrganisationId),
        Roles.Gemeente => units.Where(u => u.GemeenteCode == caller.GemeenteCode),
        Roles.Matchingspunt => units.Where(u => u.RegionCode == caller.RegionCode),
        _ => units.Where(_ => false),
    };

    /// <summary>A unit for which the caller may rank candidates: its owner's, its region's for the Matchingspunt, any for Admin; 404 otherwise.</summary>
    public static async Task<Result<HousingUnit>> FindUnitForRankingAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        var allowed = unit is not null && (caller.IsAdmin || unit.OwnerOrganisationId == caller.OrganisationId
            || (caller.Is(Roles.Matchingspunt) && unit.RegionCode == caller.RegionCode));
        return allowed ? unit! : Error.NotFound("Unit");
    }

    /// <summary>A unit the Matchingspunt (or Admin) may propose by hand: one of its region; 404 otherwise.</summary>
    public static async Task<Result<HousingUnit>> FindUnitForProposalAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return unit is null || !(caller.IsAdmin || unit.RegionCode == caller.RegionCode) ? Error.NotFound("Unit") : unit;
    }

    /// <summary>A unit the caller may change: its owner's, or any for Admin.</summary>
    public static async Task<Result<HousingUnit>> FindUnitForWriteAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null || !(caller.IsAdmin || unit.OwnerOrganisationId == caller.OrganisationId)) return Error.NotFound("Unit");
        return unit;
    }

    /// <summary>
    /// The shape of every change to a unit: find it for writing (404), check If-Match (428/412), let
    /// <paramref name="change"/> check more and change it (an error stops it), audit before and after, save.
    /// </summary>
    public static async Task<Result<UnitDto>> ChangeUnitAsync(
        this MatchingDbContext db, Caller caller, TimeProvider clock, Guid id, string? ifMatch, bool ifMatchRequired, string action,
        Func<HousingUnit, DateTimeOffset, Task<Error?>> change, CancellationToken cancellationToken)
    {
        var found = await db.FindUnitForWriteAsync(caller, id, cancellationToken);
        if (!found.IsSuccess) return found.Error!;
        var unit = found.Value!;
        if (ETags.Check(ifMatch, unit.Version, ifMatchRequired) is { } precondition) return precondition;
        var now = clock.GetUtcNow();
        var before = UnitDto.From(unit);
        if (await change(unit, now) is { } error) return error;
        db.Record(now, caller.AsActor(), action, "unit", unit.Id.ToString(), before, UnitDto.From(unit));
        await db.SaveChangesAsync(cancellationToken);
        return UnitDto.From(unit);
    }

    /// <summary>The unit's municipality must exist and lie in the owner's werkgebied; returns its region.</summary>
    public static async Task<Result<string>> CheckUnitGemeenteAsync(this MatchingDbContext db, Guid ownerId, string gemeenteCode, CancellationToken cancellationToken)
    {
        var code = GemeenteCode.Normalize(gemeenteCode);
        var gemeente = await db.Gemeenten.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, cancellationToken);
        if (gemeente is null) return Error.Invalid("gemeenteCode", "unknown-gemeente", $"There is no gemeente '{gemeenteCode}'.");
        var owner = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == ownerId, cancellationToken);
        if (!owner.WorksIn(code))
            return Error.Invalid("gemeenteCode", "gemeente-outside-werkgebied", $"{gemeente.Name} ({code}) is not in the owner's werkgebied.");
        return gemeente.RegionCode;
    }
}
