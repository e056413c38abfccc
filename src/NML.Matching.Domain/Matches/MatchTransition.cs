namespace NML.Matching.Domain.Matches;

/// <summary>One step in a match's history: who (role and organisation), when, from which state to which, and why.</summary>
public sealed class MatchTransition
{
    private MatchTransition() { ActorRole = string.Empty; }

    internal MatchTransition(Guid matchId, DateTimeOffset at, string actorRole, Guid? actorOrganisationId, MatchStatus? from, MatchStatus to, string? reason)
    {
        MatchId = matchId;
        At = at;
        ActorRole = actorRole;
        ActorOrganisationId = actorOrganisationId;
        From = from;
        To = to;
        Reason = reason;
    }

    public long Id { get; private set; }
    public Guid MatchId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorRole { get; private set; }
    public Guid? ActorOrganisationId { get; private set; }
    public MatchStatus? From { get; private set; }
    public MatchStatus To { get; private set; }
    public string? Reason { get; private set; }

    internal void RedactReason()
    {
        if (Reason is not null) Reason = "geanonimiseerd";
    }
}
