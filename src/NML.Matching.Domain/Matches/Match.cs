using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Common;

namespace NML.Matching.Domain.Matches;

/// <summary>Where a match stands. Proposed, Nominated and Accepted are active; the others are final.</summary>
public enum MatchStatus
{
    Proposed = 1,
    Nominated = 2,
    Accepted = 3,
    Contracted = 4,
    Declined = 5,
    Expired = 6,
    Withdrawn = 7,
}

/// <summary>
/// A proposed pair of a unit and a candidate, with a snapshot of why it was proposed (the score breakdown and
/// the weights at that moment). Who may see it is decided by the parties it names, which are copied onto it.
/// Its proposal and every transition raise <see cref="MatchStatusChanged"/>; a deadline warning raises
/// <see cref="MatchDeadlineApproaching"/>.
/// </summary>
public sealed class Match : AggregateRoot
{
    public static readonly MatchStatus[] ActiveStatuses = [MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted];

    private readonly List<MatchTransition> _history = [];

    private Match()
    {
        RegionCode = UnitGemeenteCode = CandidateHerkomstCode = Snapshot = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CandidateId { get; private set; }
    public Guid? RoundId { get; private set; }
    public string RegionCode { get; private set; }
    public string UnitGemeenteCode { get; private set; }
    public string CandidateHerkomstCode { get; private set; }
    public Guid OwnerOrganisationId { get; private set; }
    public Guid ProviderOrganisationId { get; private set; }
    public MatchStatus Status { get; private set; }
    public double Score { get; private set; }

    /// <summary>The score breakdown and weights when the match was proposed, as JSON.</summary>
    public string Snapshot { get; private set; }

    /// <summary>When the candidate was nominated to the owner (null if never): from then on the owner sees the minimised profile.</summary>
    public DateTimeOffset? NominatedAt { get; private set; }

    /// <summary>When the parties were warned that the current deadline is near (once per deadline).</summary>
    public DateTimeOffset? DeadlineWarnedAt { get; private set; }

    /// <summary>When the current waiting state must be answered; null in a final state.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>Set when a decline or expiry ended the match: by whom, why, and how long the candidate is parked.</summary>
    public DeclineParty? DeclinedBy { get; private set; }
    public string? DeclineReasonCode { get; private set; }
    public string? DeclineNote { get; private set; }
    public int? ParkDays { get; private set; }

    /// <summary>Why an ineligible pair was proposed by hand (an audited override), if it was.</summary>
    public string? OverrideReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<MatchTransition> History => _history;

    public bool IsActive => ActiveStatuses.Contains(Status);

    public static Match Propose(
        Guid id, Guid unitId, Guid candidateId, Guid? roundId, string regionCode, string unitGemeenteCode, string candidateHerkomstCode,
        Guid ownerOrganisationId, Guid providerOrganisationId, double score, string snapshot, DateTimeOffset now,
        Actor? proposedBy = null, DateTimeOffset? dueAt = null, string? overrideReason = null)
    {
        if (score is < 0 or > 100) throw new DomainRuleViolation("invalid-score", "A score lies between 0 and 100.");
        var match = new Match
        {
            Id = id,
            UnitId = unitId,
            CandidateId = candidateId,
            RoundId = roundId,
            RegionCode = regionCode,
            UnitGemeenteCode = unitGemeenteCode,
            CandidateHerkomstCode = candidateHerkomstCode,
            OwnerOrganisationId = ownerOrganisationId,
            ProviderOrganisationId = providerOrganisationId,
            Status = MatchStatus.Proposed,
            Score = score,
            Snapshot = snapshot,
            CreatedAt = now,
            UpdatedAt = now,
            DueAt = dueAt,
            OverrideReason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim(),
        };
        var by = proposedBy ?? Actor.System;
        match._history.Add(new MatchTransition(id, now, by.Role, by.OrganisationId, null, MatchStatus.Proposed, match.OverrideReason));
        match.Raise(new MatchStatusChanged(id, MatchStatus.Proposed, dueAt, now));
        return match;
    }

    /// <summary>The voordracht: the Matchingspunt puts the candidate forward to the unit's owner.</summary>
    public void Nominate(Actor actor, DateTimeOffset now, DateTimeOffset dueAt)
    {
        Move(actor, now, MatchStatus.Nominated, null, dueAt, MatchStatus.Proposed);
        NominatedAt = now;
    }

    /// <summary>The owner accepts the nominated candidate.</summary>
    public void Accept(Actor actor, DateTimeOffset now, DateTimeOffset dueAt) => Move(actor, now, MatchStatus.Accepted, null, dueAt, MatchStatus.Nominated);

    /// <summary>The lease is signed.</summary>
    public void Contract(Actor actor, DateTimeOffset now) => Move(actor, now, MatchStatus.Contracted, null, null, MatchStatus.Accepted);

    /// <summary>A party declines; the reason must be one of that party's.</summary>
    public void Decline(Actor actor, DeclineParty by, DeclineReason reason, string? note, int parkDays, DateTimeOffset now)
    {
        if (reason.Party != by)
            throw new DomainRuleViolation("reason-not-for-party", $"Reason {reason.Code} is not one of {by}'s reasons.", "reasonCode");
        if (parkDays < 0) throw new DomainRuleViolation("invalid-park-days", "Parking lasts zero days or more.", "parkDays");
        Move(actor, now, MatchStatus.Declined, $"{reason.Code}{(string.IsNullOrWhiteSpace(note) ? string.Empty : ": " + note.Trim())}", null, ActiveStatuses);
        DeclinedBy = by;
        DeclineReasonCode = reason.Code;
        DeclineNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ParkDays = parkDays;
    }

    /// <summary>The deadline passed without an answer. Same effects as a decline, by System.</summary>
    public void Expire(DateTimeOffset now)
    {
        var waitingIn = Status;
        Move(Actor.System, now, MatchStatus.Expired, $"{DeclineReasons.ExpiredCode} ({waitingIn})", null, ActiveStatuses);
        DeclineReasonCode = DeclineReasons.ExpiredCode;
        ParkDays = 0;
    }

    /// <summary>The Matchingspunt takes the match back.</summary>
    public void Withdraw(Actor actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleViolation("withdraw-reason-required", "Say why the match is withdrawn.", "reason");
        Move(actor, now, MatchStatus.Withdrawn, reason.Trim(), null, ActiveStatuses);
    }

    /// <summary>
    /// Marks the current deadline as warned about and raises <see cref="MatchDeadlineApproaching"/>; false (and no
    /// event) when it was already, or when there is no active deadline, so the warning goes out once.
    /// </summary>
    public bool WarnDeadline(DateTimeOffset now)
    {
        if (!IsActive || DueAt is not { } dueAt || DeadlineWarnedAt is not null) return false;
        DeadlineWarnedAt = now;
        Raise(new MatchDeadlineApproaching(Id, Status, dueAt, now));
        return true;
    }

    /// <summary>
    /// Clears the free text written about the match (the decline note, the override reason and the reasons in its
    /// history) and replaces the snapshot with <paramref name="snapshot"/>, for the retention of an anonymised candidate.
    /// </summary>
    public void RedactFreeText(string snapshot, DateTimeOffset now)
    {
        DeclineNote = null;
        OverrideReason = null;
        Snapshot = snapshot;
        foreach (var transition in _history) transition.RedactReason();
        UpdatedAt = now;
    }

    /// <summary>True when a transition to <paramref name="to"/> is allowed from the current state.</summary>
    public bool CanMoveTo(MatchStatus to) => Allowed(to).Contains(Status);

    public static IReadOnlyList<MatchStatus> Allowed(MatchStatus to) => to switch
    {
        MatchStatus.Nominated => [MatchStatus.Proposed],
        MatchStatus.Accepted => [MatchStatus.Nominated],
        MatchStatus.Contracted => [MatchStatus.Accepted],
        MatchStatus.Declined or MatchStatus.Expired or MatchStatus.Withdrawn => ActiveStatuses,
        _ => [],
    };

    private void Move(Actor actor, DateTimeOffset now, MatchStatus to, string? reason, DateTimeOffset? dueAt, params MatchStatus[] from)
    {
        if (!from.Contains(Status))
            throw new DomainRuleViolation("invalid-transition", $"The match is {Status}; it cannot become {to}.", kind: DomainRuleKind.StateConflict);
        _history.Add(new MatchTransition(Id, now, actor.Role, actor.OrganisationId, Status, to, reason));
        Status = to;
        DueAt = dueAt;
        DeadlineWarnedAt = null;
        UpdatedAt = now;
        Raise(new MatchStatusChanged(Id, to, dueAt, now));
    }
}
