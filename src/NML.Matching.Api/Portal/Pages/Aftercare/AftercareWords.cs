using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Portal.Pages.Proposals;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Api.Portal.Pages.Aftercare;

/// <summary>The Dutch words of the Nazorg pages: a follow-up's state and the omklap.</summary>
public static class AftercareWords
{
    /// <summary>Recorded (with its outcome), overdue, to record now (from two weeks before), or planned.</summary>
    public static string FollowUp(TenancyDto tenancy, int month, DateOnly today)
    {
        var f = tenancy.FollowUps.First(x => x.Month == month);
        if (f.Outcome is { } outcome) return "vastgelegd: " + ProposalWords.Outcome(outcome);
        if (f.Overdue) return "te laat sinds " + DutchFormat.Date(f.DueDate);
        if (Recordable(f, today)) return "vast te leggen vóór " + DutchFormat.Date(f.DueDate);
        return "gepland op " + DutchFormat.Date(f.DueDate);
    }

    /// <summary>Whether the follow-up can be recorded today (as the API says: from two weeks before it is due, once).</summary>
    public static bool Recordable(FollowUpDto f, DateOnly today) => f.Outcome is null && today >= f.DueDate.AddDays(-Tenancy.FollowUpWindowDays);

    public static string Omklap(TenancyDto t) =>
        t.OmklapDate is { } done ? "omgeklapt op " + DutchFormat.Date(done)
        : t.OmklapDueDate is { } due ? (t.OmklapOverdue ? "te laat sinds " : "gepland op ") + DutchFormat.Date(due)
        : "–";
}
