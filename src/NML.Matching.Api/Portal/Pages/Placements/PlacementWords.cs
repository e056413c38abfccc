using NML.Matching.Api.Features.Tenancies;
using NML.Matching.Api.Infrastructure.Auth;

namespace NML.Matching.Api.Portal.Pages.Placements;

/// <summary>The Dutch words of the placements list (/plaatsingen) and its download.</summary>
public static class PlacementWords
{
    /// <summary>
    /// Whether the placed person comes from the caller's municipality. A municipality sees the candidate of a tenancy
    /// exactly when it is the herkomstgemeente (CandidateAccess.SeesCandidateOf), so the id's presence tells it; the id
    /// itself is never shown.
    /// </summary>
    public static string Herkomst(TenancyDto t, Caller caller) =>
        caller.Is(Roles.Gemeente) ? (t.CandidateId is null ? "andere gemeente" : "uw gemeente") : "–";

    /// <summary>A follow-up at 3, 6 or 12 months: recorded (still housed or not), overdue, or due on a day.</summary>
    public static string FollowUp(FollowUpDto f) =>
        f.RecordedAt is not null ? (f.StillHoused == false ? "vastgelegd: woont er niet meer" : "vastgelegd: woont er nog")
        : f.Overdue ? "te laat (niet vastgelegd)"
        : "gepland op " + DutchFormat.Date(f.DueDate);

    public static string Omklap(TenancyDto t) =>
        t.OmklapDate is { } done ? "omgeklapt op " + DutchFormat.Date(done)
        : t.OmklapOverdue ? "te laat (gepland op " + DutchFormat.Date(t.OmklapDueDate!.Value) + ")"
        : t.OmklapDueDate is { } due ? "gepland op " + DutchFormat.Date(due)
        : "–";
}
