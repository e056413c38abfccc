using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Common;
using NML.Matching.Domain.Registers;
using NML.Matching.Domain.Tenancies;

namespace NML.Matching.Domain.Tests.Tenancies;

/// <summary>
/// The rules of a tenancy as docs/api.md (Tenancies, Follow-ups, Omklap, Reminders) and docs/decisions.md D23 state
/// them. The dates are written out by hand from those documents: a follow-up is due the start plus 3, 6 or 12
/// months, may be recorded from 14 days before that, and is overdue from its due date on.
/// </summary>
public sealed class TenancyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2026, 3, 10);
    private static readonly Guid TenancyId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid MatchId = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid UnitId = Guid.Parse("33333333-3333-3333-3333-333333333333");
    private static readonly Guid CandidateId = Guid.Parse("44444444-4444-4444-4444-444444444444");
    private static readonly Guid OwnerOrg = Guid.Parse("55555555-5555-5555-5555-555555555555");
    private static readonly Guid ProviderOrg = Guid.Parse("66666666-6666-6666-6666-666666666666");
    private static readonly Actor Provider = new("Zorgaanbieder", ProviderOrg, Guid.Parse("77777777-7777-7777-7777-777777777777"));

    // The due dates of a tenancy that starts on 2026-03-10 (the start plus 3, 6 and 12 months).
    private static readonly DateOnly Due3 = new(2026, 6, 10);
    private static readonly DateOnly Due6 = new(2026, 9, 10);
    private static readonly DateOnly Due12 = new(2027, 3, 10);

    private static Tenancy NewTenancy(ContractForm form = ContractForm.Regulier, int? omklapAfterMonths = null) =>
        Tenancy.Start(TenancyId, MatchId, UnitId, CandidateId, OwnerOrg, ProviderOrg, "RG01", "GM0983", "GM0935",
            Start, form, omklapAfterMonths, T0);

    private static Tenancy NewOmklap(int months = 18) => NewTenancy(ContractForm.Omklap, months);

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static FollowUp Record(Tenancy tenancy, int month, DateOnly today, bool stillHoused = true, FollowUpOutcome outcome = FollowUpOutcome.Stabiel) =>
        tenancy.RecordFollowUp(month, stillHoused, outcome, Provider, today, T0.AddDays(today.DayNumber - Start.DayNumber));

    private static DomainRuleViolation Refused(Action act, string code, DomainRuleKind kind, string? field)
    {
        var error = Assert.Throws<DomainRuleViolation>(act);
        Assert.Equal(code, error.Code);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(field, error.Field);
        return error;
    }

    public static TheoryData<ContractForm> OtherForms() => [ContractForm.Regulier, ContractForm.HousingFirst, ContractForm.Tijdelijk];

    // ---- Start ----

    [Fact]
    public void Start_copies_the_parties_and_the_lease()
    {
        var tenancy = NewTenancy(ContractForm.HousingFirst);

        Assert.Equal(TenancyId, tenancy.Id);
        Assert.Equal(MatchId, tenancy.MatchId);
        Assert.Equal(UnitId, tenancy.UnitId);
        Assert.Equal(CandidateId, tenancy.CandidateId);
        Assert.Equal(OwnerOrg, tenancy.OwnerOrganisationId);
        Assert.Equal(ProviderOrg, tenancy.ProviderOrganisationId);
        Assert.Equal("RG01", tenancy.RegionCode);
        Assert.Equal("GM0983", tenancy.UnitGemeenteCode);
        Assert.Equal("GM0935", tenancy.CandidateHerkomstCode);
        Assert.Equal(Start, tenancy.StartDate);
        Assert.Equal(ContractForm.HousingFirst, tenancy.ContractForm);
        Assert.Null(tenancy.OmklapDueDate);
        Assert.Null(tenancy.OmklapDate);
        Assert.Empty(tenancy.FollowUps);
        Assert.Empty(tenancy.FollowUpRemindersSent);
        Assert.Null(tenancy.OmklapReminderSentAt);
        Assert.Equal(T0, tenancy.CreatedAt);
        Assert.Equal(T0, tenancy.UpdatedAt);
    }

    [Theory]
    [InlineData(1, "2026-04-10")]
    [InlineData(18, "2027-09-10")]
    [InlineData(60, "2031-03-10")]
    public void An_omklap_lease_is_due_to_move_the_given_months_after_the_start(int months, string due)
    {
        var tenancy = NewOmklap(months);

        Assert.Equal(ContractForm.Omklap, tenancy.ContractForm);
        Assert.Equal(D(due), tenancy.OmklapDueDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(61)]
    public void An_omklap_lease_without_1_to_60_months_is_refused(int? months) =>
        Refused(() => NewTenancy(ContractForm.Omklap, months), "omklap-months-required", DomainRuleKind.InvalidInput, "omklapAfterMonths");

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void Omklap_months_with_another_contract_form_are_refused(ContractForm form)
    {
        Refused(() => NewTenancy(form, 12), "omklap-months-not-allowed", DomainRuleKind.InvalidInput, "omklapAfterMonths");

        // The same form without months starts, and has no omklap to wait for.
        var tenancy = NewTenancy(form);
        Assert.Equal(form, tenancy.ContractForm);
        Assert.Null(tenancy.OmklapDueDate);
    }

    // ---- The start date (implausible-date) ----

    [Theory]
    [InlineData("2025-03-10")] // 365 days before today
    [InlineData("2026-03-10")] // today
    [InlineData("2027-03-10")] // 365 days after today
    public void A_start_at_most_365_days_from_today_either_way_is_accepted(string start)
    {
        var today = new DateOnly(2026, 3, 10);
        Assert.Equal(365, today.DayNumber - new DateOnly(2025, 3, 10).DayNumber);
        Assert.Equal(365, new DateOnly(2027, 3, 10).DayNumber - today.DayNumber);

        Tenancy.CheckStartDate(D(start), today);
    }

    [Theory]
    [InlineData("2025-03-09")] // 366 days before today
    [InlineData("2027-03-11")] // 366 days after today
    [InlineData("2016-03-10")] // a typo in the year
    public void A_start_more_than_365_days_from_today_is_implausible(string start) =>
        Refused(() => Tenancy.CheckStartDate(D(start), new DateOnly(2026, 3, 10)), "implausible-date", DomainRuleKind.InvalidInput, "tenancyStart");

    // ---- Follow-ups ----

    [Fact]
    public void A_follow_up_is_due_the_start_plus_its_months()
    {
        var tenancy = NewTenancy();

        Assert.Equal(Due3, tenancy.FollowUpDue(3));
        Assert.Equal(Due6, tenancy.FollowUpDue(6));
        Assert.Equal(Due12, tenancy.FollowUpDue(12));
    }

    [Theory]
    [InlineData(3, "2026-05-27")]
    [InlineData(6, "2026-08-27")]
    [InlineData(12, "2027-02-24")]
    public void A_follow_up_is_accepted_exactly_14_days_before_it_is_due(int month, string today)
    {
        var tenancy = NewTenancy();

        var followUp = Record(tenancy, month, D(today));

        Assert.Equal(14, tenancy.FollowUpDue(month).DayNumber - D(today).DayNumber);
        Assert.Equal(month, followUp.Month);
        Assert.Equal(followUp, Assert.Single(tenancy.FollowUps));
    }

    [Theory]
    [InlineData(3, "2026-05-26")]
    [InlineData(6, "2026-08-26")]
    [InlineData(12, "2027-02-23")]
    public void A_follow_up_15_days_before_it_is_due_is_too_early(int month, string today)
    {
        var tenancy = NewTenancy();

        var error = Refused(() => Record(tenancy, month, D(today)), "follow-up-too-early", DomainRuleKind.InvalidInput, "month");

        Assert.Contains(tenancy.FollowUpDue(month).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Empty(tenancy.FollowUps);
        Assert.Equal(T0, tenancy.UpdatedAt);
    }

    [Fact]
    public void The_three_month_answer_cannot_be_filed_as_the_six_month_one()
    {
        var tenancy = NewTenancy();

        Record(tenancy, 3, Due3);
        Refused(() => Record(tenancy, 6, Due3), "follow-up-too-early", DomainRuleKind.InvalidInput, "month");

        Assert.Equal(3, Assert.Single(tenancy.FollowUps).Month);
    }

    [Fact]
    public void A_late_follow_up_is_still_recorded()
    {
        var tenancy = NewTenancy();
        var muchLater = Due12.AddYears(2);

        Record(tenancy, 3, muchLater);
        Record(tenancy, 6, muchLater);
        Record(tenancy, 12, muchLater);

        Assert.Equal([3, 6, 12], tenancy.FollowUps.Select(f => f.Month).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(24)]
    [InlineData(-3)]
    public void Only_months_3_6_and_12_have_a_follow_up(int month)
    {
        var tenancy = NewTenancy();

        Refused(() => Record(tenancy, month, Due12.AddYears(1)), "invalid-follow-up-month", DomainRuleKind.InvalidInput, "month");

        Assert.Empty(tenancy.FollowUps);
    }

    [Fact]
    public void A_follow_up_month_is_recorded_once_and_the_months_are_independent()
    {
        var tenancy = NewTenancy();
        var first = Record(tenancy, 6, Due6, stillHoused: true, FollowUpOutcome.Zorgen);

        Refused(() => Record(tenancy, 6, Due6.AddDays(3), stillHoused: true, FollowUpOutcome.Stabiel), "follow-up-recorded", DomainRuleKind.StateConflict, null);

        var kept = Assert.Single(tenancy.FollowUps);
        Assert.Same(first, kept);
        Assert.Equal(FollowUpOutcome.Zorgen, kept.Outcome);

        // The other months are still open.
        Record(tenancy, 3, Due6);
        Record(tenancy, 12, Due12);
        Assert.Equal([3, 6, 12], tenancy.FollowUps.Select(f => f.Month).Order());
    }

    [Fact]
    public void Someone_no_longer_housed_is_not_Stabiel()
    {
        var tenancy = NewTenancy();

        Refused(() => Record(tenancy, 3, Due3, stillHoused: false, FollowUpOutcome.Stabiel), "outcome-contradicts", DomainRuleKind.InvalidInput, "outcome");

        Assert.Empty(tenancy.FollowUps);
        Assert.Equal(T0, tenancy.UpdatedAt);
    }

    public static TheoryData<FollowUpOutcome> OutcomesOtherThanStabiel()
    {
        var data = new TheoryData<FollowUpOutcome>();
        foreach (var outcome in Enum.GetValues<FollowUpOutcome>().Where(o => o != FollowUpOutcome.Stabiel)) data.Add(outcome);
        return data;
    }

    [Theory]
    [MemberData(nameof(OutcomesOtherThanStabiel))]
    public void Someone_no_longer_housed_may_have_any_outcome_but_Stabiel(FollowUpOutcome outcome)
    {
        var tenancy = NewTenancy();

        var followUp = Record(tenancy, 3, Due3, stillHoused: false, outcome);

        Assert.False(followUp.StillHoused);
        Assert.Equal(outcome, followUp.Outcome);
    }

    [Fact]
    public void The_follow_up_checks_run_too_early_then_recorded_then_contradicting()
    {
        var tenancy = NewTenancy();

        // Too early and contradicting: too early wins.
        Refused(() => Record(tenancy, 3, Due3.AddDays(-15), stillHoused: false, FollowUpOutcome.Stabiel), "follow-up-too-early", DomainRuleKind.InvalidInput, "month");

        // Recorded already and contradicting: recorded wins.
        Record(tenancy, 3, Due3);
        Refused(() => Record(tenancy, 3, Due3, stillHoused: false, FollowUpOutcome.Stabiel), "follow-up-recorded", DomainRuleKind.StateConflict, null);
    }

    [Fact]
    public void A_follow_up_keeps_who_recorded_it_and_when()
    {
        var tenancy = NewTenancy();
        var at = T0.AddDays(93).AddHours(2);

        var followUp = tenancy.RecordFollowUp(3, true, FollowUpOutcome.Huurachterstand, Provider, Due3, at);

        Assert.Equal(TenancyId, followUp.TenancyId);
        Assert.True(followUp.StillHoused);
        Assert.Equal(FollowUpOutcome.Huurachterstand, followUp.Outcome);
        Assert.Equal(at, followUp.RecordedAt);
        Assert.Equal("Zorgaanbieder", followUp.RecordedByRole);
        Assert.Equal(ProviderOrg, followUp.RecordedByOrganisationId);
        Assert.Equal(at, tenancy.UpdatedAt);
    }

    // ---- Omklap ----

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void Only_an_omklap_lease_records_an_omklap(ContractForm form)
    {
        var tenancy = NewTenancy(form);

        Refused(() => tenancy.RecordOmklap(Start.AddMonths(6), T0.AddDays(180)), "not-omklap", DomainRuleKind.StateConflict, null);

        Assert.Null(tenancy.OmklapDate);
        Assert.Equal(T0, tenancy.UpdatedAt);
    }

    [Fact]
    public void The_omklap_is_recorded_once()
    {
        var tenancy = NewOmklap();
        var at = T0.AddDays(550);
        tenancy.RecordOmklap(D("2027-09-01"), at);

        Refused(() => tenancy.RecordOmklap(D("2027-10-01"), at.AddDays(30)), "omklap-recorded", DomainRuleKind.StateConflict, null);

        Assert.Equal(D("2027-09-01"), tenancy.OmklapDate);
        Assert.Equal(at, tenancy.UpdatedAt);
    }

    [Fact]
    public void The_omklap_is_refused_the_day_before_the_start_and_accepted_on_the_start()
    {
        var tenancy = NewOmklap();

        Refused(() => tenancy.RecordOmklap(D("2026-03-09"), T0), "omklap-before-start", DomainRuleKind.InvalidInput, "date");
        Assert.Null(tenancy.OmklapDate);

        tenancy.RecordOmklap(D("2026-03-10"), T0.AddHours(1));
        Assert.Equal(Start, tenancy.OmklapDate);
        Assert.Equal(T0.AddHours(1), tenancy.UpdatedAt);
    }

    [Theory]
    [InlineData("2026-09-10")] // long before it was due (2027-09-10)
    [InlineData("2030-01-01")] // after it was due
    public void The_omklap_date_is_not_held_to_its_due_date(string date)
    {
        var tenancy = NewOmklap(18);

        tenancy.RecordOmklap(D(date), T0);

        Assert.Equal(D(date), tenancy.OmklapDate);
    }

    // ---- Overdue follow-ups ----

    [Fact]
    public void A_follow_up_is_overdue_from_its_due_date_on()
    {
        var tenancy = NewTenancy();

        Assert.Empty(tenancy.OverdueFollowUps(Due3.AddDays(-1)));
        Assert.Equal([3], tenancy.OverdueFollowUps(Due3));
        Assert.Equal([3], tenancy.OverdueFollowUps(Due6.AddDays(-1)));
        Assert.Equal([3, 6], tenancy.OverdueFollowUps(Due6));
        Assert.Equal([3, 6], tenancy.OverdueFollowUps(Due12.AddDays(-1)));
        Assert.Equal([3, 6, 12], tenancy.OverdueFollowUps(Due12));
    }

    [Fact]
    public void A_recorded_follow_up_is_no_longer_overdue()
    {
        var tenancy = NewTenancy();
        Assert.Equal([3, 6], tenancy.OverdueFollowUps(Due6));

        Record(tenancy, 3, Due6);

        Assert.Equal([6], tenancy.OverdueFollowUps(Due6));
    }

    // ---- Reminders ----

    [Fact]
    public void Each_follow_up_reminder_is_taken_once()
    {
        var tenancy = NewTenancy();

        Assert.Empty(tenancy.TakeFollowUpReminders(Due3.AddDays(-1), T0.AddDays(1)));
        Assert.Empty(tenancy.FollowUpRemindersSent);
        Assert.Equal(T0, tenancy.UpdatedAt);

        var onDue = T0.AddDays(92);
        Assert.Equal([3], tenancy.TakeFollowUpReminders(Due3, onDue));
        Assert.Equal([3], tenancy.FollowUpRemindersSent);
        Assert.Equal(onDue, tenancy.UpdatedAt);

        Assert.Empty(tenancy.TakeFollowUpReminders(Due3, onDue.AddMinutes(1)));
        Assert.Empty(tenancy.TakeFollowUpReminders(Due6.AddDays(-1), onDue.AddDays(60)));
        Assert.Equal(onDue, tenancy.UpdatedAt);

        Assert.Equal([6], tenancy.TakeFollowUpReminders(Due6, onDue.AddDays(92)));
        Assert.Equal([12], tenancy.TakeFollowUpReminders(Due12, onDue.AddDays(365)));
        Assert.Empty(tenancy.TakeFollowUpReminders(Due12.AddYears(1), onDue.AddDays(730)));
        Assert.Equal([3, 6, 12], tenancy.FollowUpRemindersSent.Order());
    }

    [Fact]
    public void A_first_reminder_pass_after_twelve_months_reminds_of_every_open_month_once()
    {
        var tenancy = NewTenancy();

        Assert.Equal([3, 6, 12], tenancy.TakeFollowUpReminders(Due12, T0.AddDays(365)).Order());
        Assert.Empty(tenancy.TakeFollowUpReminders(Due12, T0.AddDays(366)));
    }

    [Fact]
    public void A_recorded_follow_up_gets_no_reminder()
    {
        var tenancy = NewTenancy();
        Record(tenancy, 3, Due3.AddDays(-2));

        Assert.Empty(tenancy.TakeFollowUpReminders(Due3, T0.AddDays(92)));
        // Positive control: the next month, not recorded, is reminded of.
        Assert.Equal([6], tenancy.TakeFollowUpReminders(Due6, T0.AddDays(184)));
    }

    [Fact]
    public void The_omklap_reminder_is_taken_once_from_its_due_date()
    {
        var tenancy = NewOmklap(18);
        var due = D("2027-09-10");
        Assert.Equal(due, tenancy.OmklapDueDate);

        Assert.False(tenancy.TakeOmklapReminder(due.AddDays(-1), T0.AddDays(548)));
        Assert.Null(tenancy.OmklapReminderSentAt);
        Assert.Equal(T0, tenancy.UpdatedAt);

        var at = T0.AddDays(549);
        Assert.True(tenancy.TakeOmklapReminder(due, at));
        Assert.Equal(at, tenancy.OmklapReminderSentAt);
        Assert.Equal(at, tenancy.UpdatedAt);

        Assert.False(tenancy.TakeOmklapReminder(due, at.AddMinutes(1)));
        Assert.False(tenancy.TakeOmklapReminder(due.AddYears(1), at.AddDays(365)));
        Assert.Equal(at, tenancy.OmklapReminderSentAt);
    }

    [Fact]
    public void A_recorded_omklap_gets_no_reminder()
    {
        var recorded = NewOmklap(18);
        recorded.RecordOmklap(D("2027-08-01"), T0.AddDays(509));
        var open = NewOmklap(18);
        var due = D("2027-09-10");

        Assert.False(recorded.TakeOmklapReminder(due, T0.AddDays(549)));
        Assert.Null(recorded.OmklapReminderSentAt);
        // Positive control: the same lease without a recorded omklap is reminded of.
        Assert.True(open.TakeOmklapReminder(due, T0.AddDays(549)));
    }

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void A_lease_that_is_not_omklap_gets_no_omklap_reminder(ContractForm form)
    {
        var tenancy = NewTenancy(form);

        Assert.False(tenancy.TakeOmklapReminder(Start.AddYears(6), T0.AddDays(2200)));
        Assert.Null(tenancy.OmklapReminderSentAt);
    }
}
