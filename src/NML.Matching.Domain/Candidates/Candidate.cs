using System.Linq.Expressions;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Domain.Candidates;

/// <summary>The registrable facts of a candidate: what a care provider sends on POST and PUT.</summary>
public sealed record CandidateProfile(
    string ExternalReference,
    string HerkomstGemeenteCode,
    CurrentSetting CurrentSetting,
    AgeBand AgeBand,
    Household Household,
    int? RequiredBedrooms,
    decimal MaxRent,
    AccessibilityNeeds Accessibility,
    SupportNeed SupportNeed,
    bool Needs24x7Nearby,
    int? SupportHoursPerWeek,
    bool SupportGuaranteed,
    PrikkelarmNeed PrikkelarmNeed,
    IReadOnlyList<string> PreferredGemeenten,
    IReadOnlyList<string> ExcludedGemeenten,
    IReadOnlyList<TargetGroup> TargetGroups,
    DateOnly ReadySince,
    bool Urgent,
    UrgencyReason? UrgencyReason);

/// <summary>
/// A person ready (or nearly ready) to leave beschermd wonen or opvang, registered by their care provider
/// under the provider's own pseudonymous reference. No name, BSN or birth date exists anywhere.
/// </summary>
public sealed class Candidate
{
    private Candidate()
    {
        ExternalReference = HerkomstGemeenteCode = RegionCode = string.Empty;
        Household = new Household(1, 0);
        Accessibility = new AccessibilityNeeds(false, false);
        PreferredGemeenten = [];
        ExcludedGemeenten = [];
        TargetGroups = [];
    }

    public Guid Id { get; private set; }
    public Guid ProviderOrganisationId { get; private set; }

    /// <summary>The region of the herkomstgemeente; the Matchingspunt of that region sees the candidate.</summary>
    public string RegionCode { get; private set; }

    public string ExternalReference { get; private set; }
    public string HerkomstGemeenteCode { get; private set; }
    public CurrentSetting CurrentSetting { get; private set; }
    public AgeBand AgeBand { get; private set; }
    public Household Household { get; private set; }
    public int RequiredBedrooms { get; private set; }
    public decimal MaxRent { get; private set; }
    public AccessibilityNeeds Accessibility { get; private set; }
    public SupportNeed SupportNeed { get; private set; }
    public bool Needs24x7Nearby { get; private set; }
    public int? SupportHoursPerWeek { get; private set; }
    public bool SupportGuaranteed { get; private set; }
    public PrikkelarmNeed PrikkelarmNeed { get; private set; }
    public List<string> PreferredGemeenten { get; private set; }
    public List<string> ExcludedGemeenten { get; private set; }
    public List<TargetGroup> TargetGroups { get; private set; }
    public DateOnly ReadySince { get; private set; }
    public bool Urgent { get; private set; }
    public UrgencyReason? UrgencyReason { get; private set; }

    public CandidatePlacement Placement { get; private set; }
    public DateOnly? ParkedUntil { get; private set; }
    public string? ParkReason { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawReason { get; private set; }

    /// <summary>When the retention job anonymised the candidate (AVG); null while the full record is kept.</summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>The reference an anonymised candidate carries instead of the care provider's own.</summary>
    public string AnonymousReference => $"geanonimiseerd-{Id:N}";

    /// <summary>
    /// Keeps only what the statistics need (herkomstgemeente, setting, age band, household, needs, urgency and its
    /// category, dates and placement) and clears the care provider's reference, the free text and the details that
    /// say more about the person than the statistics use: preferred and excluded municipalities, target groups and
    /// support hours. Only a withdrawn or housed candidate; once.
    /// </summary>
    public void Anonymise(DateTimeOffset now)
    {
        if (AnonymisedAt is not null) return;
        if (IsInQueue)
            throw new DomainRuleViolation("candidate-active", "Only a withdrawn or housed candidate is anonymised.", kind: DomainRuleKind.StateConflict);
        ExternalReference = AnonymousReference;
        ParkReason = null;
        WithdrawReason = WithdrawReason is null ? null : "geanonimiseerd";
        PreferredGemeenten = [];
        ExcludedGemeenten = [];
        TargetGroups = [];
        SupportHoursPerWeek = null;
        AnonymisedAt = now;
        UpdatedAt = now;
    }

    public static Candidate Register(Guid id, Guid providerOrganisationId, string regionCode, CandidateProfile profile, DateTimeOffset now)
    {
        var candidate = new Candidate
        {
            Id = id,
            ProviderOrganisationId = providerOrganisationId,
            RegionCode = regionCode,
            CreatedAt = now,
            UpdatedAt = now,
        };
        candidate.Apply(profile);
        return candidate;
    }

    /// <summary>Replaces the registrable facts (PUT). A withdrawn candidate cannot change.</summary>
    public void Change(string regionCode, CandidateProfile profile, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        Apply(profile);
        RegionCode = regionCode;
        UpdatedAt = now;
    }

    /// <summary>
    /// The status on a given day (docs/registers.md): Withdrawn, Housed and Matched as set by the workflow; Parked while
    /// the day is before parkedUntil; Ready from readySince on when support is guaranteed; otherwise Registered. This one
    /// expression is the rule: compiled, it is <see cref="StatusOn"/>; translated to SQL, it is <see cref="HasStatus"/>.
    /// </summary>
    public static readonly Expression<Func<Candidate, DateOnly, CandidateStatus>> StatusRule = (c, day) =>
        c.WithdrawnAt != null ? CandidateStatus.Withdrawn
        : c.Placement == CandidatePlacement.Housed ? CandidateStatus.Housed
        : c.Placement == CandidatePlacement.Matched ? CandidateStatus.Matched
        : c.ParkedUntil != null && day < c.ParkedUntil ? CandidateStatus.Parked
        : c.ReadySince <= day && c.SupportGuaranteed ? CandidateStatus.Ready
        : CandidateStatus.Registered;

    /// <summary>
    /// The queue: every candidate that is neither Withdrawn nor Housed on any day (those two statuses do not depend on
    /// the day). As a query predicate; <see cref="IsInQueue"/> is the same rule on one candidate.
    /// </summary>
    public static readonly Expression<Func<Candidate, bool>> InQueue = c => c.WithdrawnAt == null && c.Placement != CandidatePlacement.Housed;

    private static readonly Func<Candidate, DateOnly, CandidateStatus> StatusOfOn = StatusRule.Compile();
    private static readonly Func<Candidate, bool> IsInQueueRule = InQueue.Compile();

    /// <summary>The status on <paramref name="today"/>: see <see cref="StatusRule"/>.</summary>
    public CandidateStatus StatusOn(DateOnly today) => StatusOfOn(this, today);

    /// <summary>In the queue: see <see cref="InQueue"/>.</summary>
    public bool IsInQueue => IsInQueueRule(this);

    /// <summary>
    /// <see cref="StatusRule"/> as a query predicate: the candidates whose status on <paramref name="day"/> is
    /// <paramref name="status"/>. The day becomes a query parameter.
    /// </summary>
    public static Expression<Func<Candidate, bool>> HasStatus(CandidateStatus status, DateOnly day)
    {
        Expression<Func<DateOnly>> parameter = () => day;
        var candidate = StatusRule.Parameters[0];
        var statusOnDay = new Substitution(StatusRule.Parameters[1], parameter.Body).Visit(StatusRule.Body);
        return Expression.Lambda<Func<Candidate, bool>>(Expression.Equal(statusOnDay, Expression.Constant(status)), candidate);
    }

    /// <summary>Puts an expression in the place of a lambda's parameter.</summary>
    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }

    /// <summary>A match was proposed: the candidate is Matched until the match ends. Only a Ready candidate.</summary>
    public void MarkMatched(DateOnly today, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (StatusOn(today) != CandidateStatus.Ready)
            throw new DomainRuleViolation("candidate-not-matchable", $"Only a Ready candidate can be matched; this one is {StatusOn(today)}.", kind: DomainRuleKind.StateConflict);
        Placement = CandidatePlacement.Matched;
        UpdatedAt = now;
    }

    /// <summary>
    /// The match ended without a home (declined, expired or withdrawn): back to the queue, parked until
    /// <paramref name="parkUntil"/> when a period applies.
    /// </summary>
    public void ReleaseFromMatch(DateOnly? parkUntil, string? parkReason, DateTimeOffset now)
    {
        if (Placement != CandidatePlacement.Matched)
            throw new DomainRuleViolation("candidate-not-matched", "The candidate is not in a match.", kind: DomainRuleKind.StateConflict);
        Placement = CandidatePlacement.None;
        if (parkUntil is not null)
        {
            ParkedUntil = parkUntil;
            ParkReason = parkReason;
        }
        UpdatedAt = now;
    }

    /// <summary>The lease is signed: the candidate is Housed.</summary>
    public void MarkHoused(DateTimeOffset now)
    {
        if (Placement != CandidatePlacement.Matched)
            throw new DomainRuleViolation("candidate-not-matched", "Only a Matched candidate can be housed.", kind: DomainRuleKind.StateConflict);
        Placement = CandidatePlacement.Housed;
        ParkedUntil = null;
        ParkReason = null;
        UpdatedAt = now;
    }

    /// <summary>Takes the candidate out of matching until a date, for a reason.</summary>
    public void Park(DateOnly until, string reason, DateOnly today, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (Placement != CandidatePlacement.None)
            throw new DomainRuleViolation("candidate-not-parkable", $"A {StatusOn(today)} candidate cannot be parked.", kind: DomainRuleKind.StateConflict);
        if (until <= today) throw new DomainRuleViolation("park-until-in-past", "Parking lasts until a date after today.", "until");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleViolation("park-reason-required", "Say why the candidate is parked.", "reason");
        ParkedUntil = until;
        ParkReason = reason.Trim();
        UpdatedAt = now;
    }

    public void Unpark(DateOnly today, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (StatusOn(today) != CandidateStatus.Parked)
            throw new DomainRuleViolation("candidate-not-parked", $"The candidate is {StatusOn(today)}, not Parked.", kind: DomainRuleKind.StateConflict);
        ParkedUntil = null;
        ParkReason = null;
        UpdatedAt = now;
    }

    /// <summary>Takes the candidate out of the queue for good. Not while a match is running or after housing.</summary>
    public void Withdraw(string reason, DateOnly today, DateTimeOffset now)
    {
        EnsureNotWithdrawn();
        if (Placement != CandidatePlacement.None)
            throw new DomainRuleViolation("candidate-not-withdrawable", $"A {StatusOn(today)} candidate cannot be withdrawn; end the match first.", kind: DomainRuleKind.StateConflict);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRuleViolation("withdraw-reason-required", "Say why the candidate is withdrawn.", "reason");
        WithdrawnAt = now;
        WithdrawReason = reason.Trim();
        ParkedUntil = null;
        ParkReason = null;
        UpdatedAt = now;
    }

    private void EnsureNotWithdrawn()
    {
        if (IsWithdrawn) throw new DomainRuleViolation("candidate-withdrawn", "A withdrawn candidate cannot be changed.", kind: DomainRuleKind.StateConflict);
    }

    private void Apply(CandidateProfile p)
    {
        if (p.Needs24x7Nearby && p.SupportNeed != SupportNeed.Intensief)
            throw new DomainRuleViolation("needs-24x7-requires-intensief", "24/7 support nearby goes with an Intensief support need.", "needs24x7Nearby");
        if (p.Urgent && p.UrgencyReason is null)
            throw new DomainRuleViolation("urgency-reason-required", "An urgent candidate needs an urgencyReason.", "urgencyReason");
        var preferred = p.PreferredGemeenten.Select(Regions.GemeenteCode.Normalize).ToList();
        var excluded = p.ExcludedGemeenten.Select(Regions.GemeenteCode.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        if (preferred.Intersect(excluded).Any())
            throw new DomainRuleViolation("preferred-excluded-overlap", "A municipality cannot be both preferred and excluded.", "excludedGemeenten");

        ExternalReference = p.ExternalReference.Trim();
        HerkomstGemeenteCode = Regions.GemeenteCode.Normalize(p.HerkomstGemeenteCode);
        CurrentSetting = p.CurrentSetting;
        AgeBand = p.AgeBand;
        Household = p.Household;
        RequiredBedrooms = p.RequiredBedrooms ?? p.Household.DefaultBedrooms();
        MaxRent = p.MaxRent;
        Accessibility = p.Accessibility;
        SupportNeed = p.SupportNeed;
        Needs24x7Nearby = p.Needs24x7Nearby;
        SupportHoursPerWeek = p.SupportHoursPerWeek;
        SupportGuaranteed = p.SupportGuaranteed;
        PrikkelarmNeed = p.PrikkelarmNeed;
        PreferredGemeenten = preferred;
        ExcludedGemeenten = excluded;
        TargetGroups = [.. p.TargetGroups.Distinct().Order()];
        ReadySince = p.ReadySince;
        Urgent = p.Urgent;
        UrgencyReason = p.Urgent ? p.UrgencyReason : null;
    }
}
