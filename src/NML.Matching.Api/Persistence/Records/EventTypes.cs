namespace NML.Matching.Api.Persistence.Records;

/// <summary>The event types of docs/webhooks.md; receivers switch on these strings.</summary>
public static class EventTypes
{
    public const string MatchProposed = "match.proposed";
    public const string MatchNominated = "match.nominated";
    public const string MatchAccepted = "match.accepted";
    public const string MatchContracted = "match.contracted";
    public const string MatchDeclined = "match.declined";
    public const string MatchExpired = "match.expired";
    public const string MatchWithdrawn = "match.withdrawn";
    public const string MatchDeadlineApproaching = "match.deadline-approaching";
    public const string TenancyFollowUpDue = "tenancy.follow-up-due";
    public const string TenancyOmklapDue = "tenancy.omklap-due";

    public static IReadOnlyList<string> All { get; } =
    [
        MatchProposed, MatchNominated, MatchAccepted, MatchContracted, MatchDeclined, MatchExpired, MatchWithdrawn,
        MatchDeadlineApproaching, TenancyFollowUpDue, TenancyOmklapDue,
    ];
}
