using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Tenancies;

/// <summary>How a follow-up found the tenant.</summary>
public enum FollowUpOutcome
{
    Stabiel = 1,
    Zorgen = 2,
    Huurachterstand = 3,
    Overlast = 4,
    Verhuisd = 5,
    Uitgezet = 6,
    Terugval = 7,
    Overleden = 8,
    Anders = 9,
}

/// <summary>One follow-up after 3, 6 or 12 months: still housed, and how it goes.</summary>
public sealed class FollowUp
{
    private FollowUp() { RecordedByRole = string.Empty; }

    internal FollowUp(Guid tenancyId, int month, bool stillHoused, FollowUpOutcome outcome, Actor actor, DateTimeOffset now)
    {
        TenancyId = tenancyId;
        Month = month;
        StillHoused = stillHoused;
        Outcome = outcome;
        RecordedAt = now;
        RecordedByRole = actor.Role;
        RecordedByOrganisationId = actor.OrganisationId;
    }

    public long Id { get; private set; }
    public Guid TenancyId { get; private set; }
    public int Month { get; private set; }
    public bool StillHoused { get; private set; }
    public FollowUpOutcome Outcome { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string RecordedByRole { get; private set; }
    public Guid? RecordedByOrganisationId { get; private set; }
}

/// <summary>
/// The lease that a contracted match led to, and the follow-up of whether the person is still housed
/// (duurzame uitstroom) after 3, 6 and 12 months. For an omklap lease it holds the date the lease should move
/// from the care provider to the tenant, and the date it did.
/// </summary>
public sealed class Tenancy : AggregateRoot
{
    public static readonly int[] FollowUpMonths = [3, 6, 12];

    /// <summary>A follow-up can be recorded from this many days before it is due.</summary>
    public const int FollowUpWindowDays = 14;

    private readonly List<FollowUp> _followUps = [];

    private Tenancy() { RegionCode = UnitGemeenteCode = CandidateHerkomstCode = string.Empty; }

    public Guid Id { get; private set; }
    public Guid MatchId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid CandidateId { get; private set; }
    public Guid OwnerOrganisationId { get; private set; }
    public Guid ProviderOrganisationId { get; private set; }
    public string RegionCode { get; private set; }
    public string UnitGemeenteCode { get; private set; }
    public string CandidateHerkomstCode { get; private set; }
    public DateOnly StartDate { get; private set; }
    public ContractForm ContractForm { get; private set; }
    public DateOnly? OmklapDueDate { get; private set; }
    public DateOnly? OmklapDate { get; private set; }
    /// <summary>The follow-up months that the parties were reminded of (each once).</summary>
    public List<int> FollowUpRemindersSent { get; private set; } = [];

    public DateTimeOffset? OmklapReminderSentAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }
    public IReadOnlyList<FollowUp> FollowUps => _followUps;

    /// <summary>
    /// The due follow-ups nobody was reminded of yet; marks them as reminded and raises one
    /// <see cref="TenancyFollowUpDue"/> for each.
    /// </summary>
    public IReadOnlyList<int> TakeFollowUpReminders(DateOnly today, DateTimeOffset now)
    {
        var due = OverdueFollowUps(today).Where(m => !FollowUpRemindersSent.Contains(m)).ToList();
        if (due.Count == 0) return due;
        FollowUpRemindersSent = [.. FollowUpRemindersSent, .. due];
        UpdatedAt = now;
        foreach (var month in due) Raise(new TenancyFollowUpDue(Id, month, FollowUpDue(month), now));
        return due;
    }

    /// <summary>True once, when the omklap is due and not recorded; then it raises <see cref="TenancyOmklapDue"/>.</summary>
    public bool TakeOmklapReminder(DateOnly today, DateTimeOffset now)
    {
        if (OmklapDueDate is not { } dueDate || dueDate > today || OmklapDate is not null || OmklapReminderSentAt is not null) return false;
        OmklapReminderSentAt = now;
        UpdatedAt = now;
        Raise(new TenancyOmklapDue(Id, dueDate, now));
        return true;
    }

    /// <summary>How many days before or after today a lease's start may lie.</summary>
    public const int PlausibleStartDays = 365;

    /// <summary>
    /// Refuses a start date more than <see cref="PlausibleStartDays"/> days before or after today (a typo in the year,
    /// not a real lease). The contract step checks it before the match's status, so it stands apart from <see cref="Start"/>.
    /// </summary>
    public static void CheckStartDate(DateOnly startDate, DateOnly today)
    {
        if (startDate < today.AddDays(-PlausibleStartDays) || startDate > today.AddDays(PlausibleStartDays))
            throw new DomainRuleViolation("implausible-date", "The lease starts within a year of today.", "tenancyStart");
    }

    public static Tenancy Start(
        Guid id, Guid matchId, Guid unitId, Guid candidateId, Guid ownerOrganisationId, Guid providerOrganisationId, string regionCode,
        string unitGemeenteCode, string candidateHerkomstCode, DateOnly startDate, ContractForm contractForm, int? omklapAfterMonths, DateTimeOffset now)
    {
        if (contractForm == ContractForm.Omklap && omklapAfterMonths is null or < 1 or > 60)
            throw new DomainRuleViolation("omklap-months-required", "An omklap lease says after how many months (1-60) it moves to the tenant.", "omklapAfterMonths");
        if (contractForm != ContractForm.Omklap && omklapAfterMonths is not null)
            throw new DomainRuleViolation("omklap-months-not-allowed", "omklapAfterMonths only goes with contractForm Omklap.", "omklapAfterMonths");
        return new Tenancy
        {
            Id = id,
            MatchId = matchId,
            UnitId = unitId,
            CandidateId = candidateId,
            OwnerOrganisationId = ownerOrganisationId,
            ProviderOrganisationId = providerOrganisationId,
            RegionCode = regionCode,
            UnitGemeenteCode = unitGemeenteCode,
            CandidateHerkomstCode = candidateHerkomstCode,
            StartDate = startDate,
            ContractForm = contractForm,
            OmklapDueDate = omklapAfterMonths is { } months ? startDate.AddMonths(months) : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The day a follow-up is due: 3, 6 or 12 months after the start.</summary>
    public DateOnly FollowUpDue(int month) => StartDate.AddMonths(month);

    /// <summary>Follow-ups that are due on <paramref name="today"/> and not recorded.</summary>
    public IReadOnlyList<int> OverdueFollowUps(DateOnly today) =>
        [.. FollowUpMonths.Where(m => FollowUpDue(m) <= today && _followUps.All(f => f.Month != m))];

    /// <summary>Records the follow-up of a month once, from two weeks before it is due.</summary>
    public FollowUp RecordFollowUp(int month, bool stillHoused, FollowUpOutcome outcome, Actor actor, DateOnly today, DateTimeOffset now)
    {
        if (!FollowUpMonths.Contains(month)) throw new DomainRuleViolation("invalid-follow-up-month", "A follow-up is at 3, 6 or 12 months.", "month");
        if (today < FollowUpDue(month).AddDays(-FollowUpWindowDays))
            throw new DomainRuleViolation("follow-up-too-early", $"The {month}-month follow-up is due on {FollowUpDue(month):yyyy-MM-dd}; record it from two weeks before.", "month");
        if (_followUps.Any(f => f.Month == month))
            throw new DomainRuleViolation("follow-up-recorded", $"The {month}-month follow-up was recorded already.", kind: DomainRuleKind.StateConflict);
        if (!stillHoused && outcome == FollowUpOutcome.Stabiel)
            throw new DomainRuleViolation("outcome-contradicts", "Someone who is no longer housed is not Stabiel.", "outcome");
        var followUp = new FollowUp(Id, month, stillHoused, outcome, actor, now);
        _followUps.Add(followUp);
        UpdatedAt = now;
        return followUp;
    }

    /// <summary>The lease moved from the care provider to the tenant.</summary>
    public void RecordOmklap(DateOnly date, DateTimeOffset now)
    {
        if (ContractForm != ContractForm.Omklap) throw new DomainRuleViolation("not-omklap", "Only an omklap lease moves to the tenant.", kind: DomainRuleKind.StateConflict);
        if (OmklapDate is not null) throw new DomainRuleViolation("omklap-recorded", "The omklap was recorded already.", kind: DomainRuleKind.StateConflict);
        if (date < StartDate) throw new DomainRuleViolation("omklap-before-start", "The omklap cannot be before the lease started.", "date");
        OmklapDate = date;
        UpdatedAt = now;
    }
}
