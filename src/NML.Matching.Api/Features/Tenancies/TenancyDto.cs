using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Features.Tenancies;

public sealed record FollowUpDto(int Month, DateOnly DueDate, bool? StillHoused, FollowUpOutcome? Outcome, DateTimeOffset? RecordedAt, string? RecordedByRole, bool Overdue);

/// <summary>A tenancy with its omklap and its follow-ups at 3, 6 and 12 months (recorded, due, or overdue).</summary>
public sealed record TenancyDto(
    Guid Id, Guid MatchId, Guid UnitId, Guid? CandidateId, Guid OwnerOrganisationId, string RegionCode, string UnitGemeenteCode,
    DateOnly StartDate, ContractForm ContractForm, DateOnly? OmklapDueDate, DateOnly? OmklapDate, bool OmklapOverdue,
    IReadOnlyList<FollowUpDto> FollowUps, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version)
{
    public static TenancyDto From(Tenancy t, Caller caller, DateOnly today)
    {
        var seesCandidate = caller.IsAdmin || caller.Is(Roles.Matchingspunt) || caller.OrganisationId == t.ProviderOrganisationId
            || (caller.Is(Roles.Gemeente) && caller.GemeenteCode == t.CandidateHerkomstCode);
        var overdue = t.OverdueFollowUps(today);
        var followUps = Tenancy.FollowUpMonths.Select(m =>
        {
            var f = t.FollowUps.FirstOrDefault(x => x.Month == m);
            return new FollowUpDto(m, t.FollowUpDue(m), f?.StillHoused, f?.Outcome, f?.RecordedAt, f?.RecordedByRole, overdue.Contains(m));
        }).ToList();
        return new TenancyDto(t.Id, t.MatchId, t.UnitId, seesCandidate ? t.CandidateId : null, t.OwnerOrganisationId, t.RegionCode, t.UnitGemeenteCode,
            t.StartDate, t.ContractForm, t.OmklapDueDate, t.OmklapDate, t.OmklapDueDate <= today && t.OmklapDate is null,
            followUps, t.CreatedAt, t.UpdatedAt, t.Version);
    }
}

/// <summary>Tenancies are visible as their matches are.</summary>
public static class TenancyAccess
{
    /// <summary>A tenancy the caller may record on: the owner's or the care provider's (or any for Admin); 404 if not visible, 403 if only readable.</summary>
    public static async Task<Result<Tenancy>> FindForPartyAsync(this MatchingDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var tenancy = await db.Tenancies.VisibleTo(caller).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenancy is null) return Error.NotFound("Tenancy");
        if (!(caller.IsAdmin || tenancy.OwnerOrganisationId == caller.OrganisationId || tenancy.ProviderOrganisationId == caller.OrganisationId))
            return new Error(ErrorKind.Forbidden, "forbidden", "Only the owner or the care provider records on a tenancy.");
        return tenancy;
    }

    public static IQueryable<Tenancy> VisibleTo(this IQueryable<Tenancy> tenancies, Caller caller) => caller.Role switch
    {
        Roles.Admin => tenancies,
        Roles.Matchingspunt => tenancies.Where(t => t.RegionCode == caller.RegionCode),
        Roles.Zorgaanbieder => tenancies.Where(t => t.ProviderOrganisationId == caller.OrganisationId || t.OwnerOrganisationId == caller.OrganisationId),
        Roles.Corporatie => tenancies.Where(t => t.OwnerOrganisationId == caller.OrganisationId),
        Roles.Gemeente => tenancies.Where(t => t.UnitGemeenteCode == caller.GemeenteCode || t.CandidateHerkomstCode == caller.GemeenteCode),
        _ => tenancies.Where(_ => false),
    };
}
