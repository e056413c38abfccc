using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Candidates;
using NML.Matching.Api.Infrastructure.Auth;
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
        var seesCandidate = CandidateAccess.SeesCandidateOf(caller, t.ProviderOrganisationId, t.CandidateHerkomstCode);
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
