using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Api.Features.Monitoring;

public static class GetMonitoringSummary
{
    public sealed record Query(string? RegionCode, string? Point, string? Gemeente, string? From, string? To) : IQuery<Result<MonitoringSummaryDto>>, IMonitoringRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new MonitoringRequestValidator());
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock, RegisterPools pools) : IQueryHandler<Query, Result<MonitoringSummaryDto>>
    {
        public async ValueTask<Result<MonitoringSummaryDto>> Handle(Query query, CancellationToken cancellationToken)
        {
            var resolved = await MonitoringScope.ResolveAsync(db, caller.Caller, clock, query, municipalityDetail: true, cancellationToken);
            if (!resolved.IsSuccess) return resolved.Error!;
            var scope = resolved.Value!;
            var (start, end) = scope.Instants;
            var focus = scope.FocusCodes.ToList();
            var narrowed = scope.Narrowed;

            // People are counted by where they come from (herkomstgemeente): a municipality follows its own residents.
            var candidates = db.Candidates.AsNoTracking().Where(c => c.RegionCode == scope.RegionCode)
                .Where(c => !narrowed || focus.Contains(c.HerkomstGemeenteCode));
            // The queue now comes from the region's pool in memory (the same active candidates, always current).
            var pool = await pools.GetAsync(db, scope.RegionCode, scope.Today, cancellationToken);
            var queue = pool.Candidates.Select(c => c.Entity).Where(c => !narrowed || focus.Contains(c.HerkomstGemeenteCode)).ToList();
            var inflow = await candidates.CountAsync(c => c.CreatedAt >= start && c.CreatedAt < end, cancellationToken);

            var matches = db.Matches.AsNoTracking().Where(m => m.RegionCode == scope.RegionCode)
                .Where(m => !narrowed || focus.Contains(m.CandidateHerkomstCode));
            var moves = await db.MatchTransitions.AsNoTracking()
                .Where(t => t.At >= start && t.At < end)
                .Join(matches, t => t.MatchId, m => m.Id, (t, m) => new MatchMove(t.MatchId, t.To, t.At, m.DeclinedBy, m.DeclineReasonCode))
                .ToListAsync(cancellationToken);
            // A step is timed from the match's earlier history too, so the whole history of a match that completed one is read.
            var completedIds = moves.Where(StepDurations.Completes).Select(m => m.MatchId).Distinct().ToList();
            var histories = await db.MatchTransitions.AsNoTracking().Where(t => completedIds.Contains(t.MatchId))
                .Select(t => new MatchMove(t.MatchId, t.To, t.At, null, null)).ToListAsync(cancellationToken);

            // Tenancies started in the period (waiting times) and up to twelve months before it (follow-ups due in it).
            var tenancies = await db.Tenancies.AsNoTracking().Where(t => t.RegionCode == scope.RegionCode)
                .Where(t => !narrowed || focus.Contains(t.CandidateHerkomstCode))
                .Where(t => t.StartDate >= scope.Period.From.AddMonths(-12) && t.StartDate <= scope.Period.To)
                .Join(db.Candidates, t => t.CandidateId, c => c.Id, (t, c) => new { Tenancy = t, c.ReadySince })
                .ToListAsync(cancellationToken);
            var omklapLeases = await db.Tenancies.AsNoTracking().Where(t => t.RegionCode == scope.RegionCode)
                .Where(t => !narrowed || focus.Contains(t.CandidateHerkomstCode))
                .Where(t => t.OmklapDueDate >= scope.Period.From && t.OmklapDueDate <= scope.LastDueDay)
                .Select(t => new OmklapLease(t.OmklapDueDate!.Value, t.OmklapDate)).ToListAsync(cancellationToken);

            // The definitions (docs/monitoring.md) live in Domain/Monitoring.
            var period = scope.Period;
            var declines = Declines.ByPartyAndReason(moves, period).Select(d => (Key: DeclineKey(d), Decline: d)).ToList();
            var steps = StepDurations.In(histories, period);
            var waits = WaitingTime.In(tenancies.Select(t => new TenancyWait(t.ReadySince, t.Tenancy.StartDate)), period);
            var duurzaam = DuurzameUitstroom.In(tenancies.Select(t => t.Tenancy), period, scope.Today);
            var omklap = Omklap.In(omklapLeases, period, scope.Today);

            // Every count about people, and how they add up, for the small-number rule with secondary suppression.
            var counts = new AdditiveCounts();
            MonitoringCounts.AddQueue(counts, scope, queue);
            counts.Add(Inflow, inflow);
            foreach (var state in WorkflowCounts.Reported) counts.Add(WorkflowKey(state), WorkflowCounts.Entered(moves, state, period));
            MonitoringCounts.AddBreakdown(counts, WorkflowKey(MatchStatus.Declined), declines.Select(d => (d.Key, d.Decline.Count)));
            // The region's waiting times are over its placements, which spreiding and supply show too: the same counts.
            var (waiting, waitingQuarter) = scope.Narrowed
                ? (Waiting, (Func<string, string>)(q => $"{Waiting}.quarter.{q}"))
                : (MonitoringCounts.Placements, MonitoringCounts.PlacementQuarter);
            if (scope.Narrowed)
            {
                counts.Add(Waiting, waits.Tenancies);
                MonitoringCounts.AddBreakdown(counts, Waiting, waits.ByQuarter.Select(q => (waitingQuarter(q.Quarter.Label), q.Tenancies)));
            }
            else
            {
                MonitoringCounts.AddPlacements(counts, scope, [.. tenancies.Select(t => t.Tenancy).Where(t => period.Contains(t.StartDate))
                    .Select(t => new PlacedTenancy(t.UnitGemeenteCode, t.OwnerOrganisationId, t.StartDate))]);
            }
            foreach (var step in steps) counts.Add(StepKey(step.Step), step.Count);
            foreach (var d in duurzaam)
            {
                counts.Add(DuurzaamKey(d.Month, "due"), d.Due).Add(DuurzaamKey(d.Month, "recorded"), d.Recorded).Add(DuurzaamKey(d.Month, "stillHoused"), d.StillHoused)
                    .Breakdown(DuurzaamKey(d.Month, "due"), [DuurzaamKey(d.Month, "recorded")], complete: false)
                    .Breakdown(DuurzaamKey(d.Month, "recorded"), [DuurzaamKey(d.Month, "stillHoused")], complete: false);
            }
            counts.Add(OmklapDue, omklap.Due).Add(OmklapRealised, omklap.Realised).Breakdown(OmklapDue, [OmklapRealised], complete: false);
            var shown = counts.Suppress(scope.Suppress);

            var declinesShown = shown[WorkflowKey(MatchStatus.Declined)];
            return new MonitoringSummaryDto(
                scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress,
                Queue(scope, shown),
                shown[Inflow],
                new WorkflowFigures(
                    shown[WorkflowKey(MatchStatus.Proposed)], shown[WorkflowKey(MatchStatus.Nominated)], shown[WorkflowKey(MatchStatus.Accepted)],
                    shown[WorkflowKey(MatchStatus.Contracted)], declinesShown, shown[WorkflowKey(MatchStatus.Expired)]),
                // Fewer than five declines are not broken down: how many reasons there are would tell too much.
                declinesShown.Mark == CountMark.Small ? [] : [.. declines
                    .Select(d => new DeclineFigure(d.Decline.DeclinedBy, DeclineReasons.Find(d.Decline.ReasonCode)?.Side, d.Decline.ReasonCode, shown[d.Key]))
                    .OrderByDescending(d => d.Count.Shown ?? 0).ThenBy(d => d.ReasonCode, StringComparer.Ordinal)],
                new WaitingTimeFigures(shown[waiting], scope.Derived(waits.Tenancies, waits.MedianDays), scope.Derived(waits.Tenancies, waits.P90Days)),
                [.. waits.ByQuarter.Select(q => new QuarterWaitingTime(
                    q.Quarter.Label, q.Quarter.Period.From, q.Quarter.Period.To, shown[waitingQuarter(q.Quarter.Label)], scope.Derived(q.Tenancies, q.MedianDays)))],
                [.. steps.Select(step => new StepFigure(step.Step.Name, shown[StepKey(step.Step)], scope.Derived(step.Count, step.MedianDays)))],
                [.. duurzaam.Select(d =>
                {
                    var (due, recorded, stillHoused) = (shown[DuurzaamKey(d.Month, "due")], shown[DuurzaamKey(d.Month, "recorded")], shown[DuurzaamKey(d.Month, "stillHoused")]);
                    return new DuurzaamFigure(d.Month, due, recorded, stillHoused, Share(stillHoused, due, DuurzaamCounts.Share));
                })],
                new OmklapFigures(shown[OmklapDue], shown[OmklapRealised], Share(shown[OmklapRealised], shown[OmklapDue], OmklapCounts.Share)));
        }

        private const string Inflow = "inflow";
        private const string Waiting = "waiting";
        private const string OmklapDue = "omklap.due";
        private const string OmklapRealised = "omklap.realised";

        private static string WorkflowKey(MatchStatus to) => $"workflow.{to}";

        private static string DeclineKey(DeclineCount decline) => $"declines.{decline.DeclinedBy}.{decline.ReasonCode}";

        private static string StepKey(Step step) => $"steps.{step.Name}";

        private static string DuurzaamKey(int month, string figure) => $"duurzaam.{month}.{figure}";

        /// <summary>A share of two counts: null when either is hidden, since with the other it would give it back.</summary>
        private static double? Share(SmallCount part, SmallCount whole, Func<int, int, double?> share) => part.Hidden || whole.Hidden ? null : share(part.Value, whole.Value);

        private static QueueFigures Queue(MonitoringScope scope, IReadOnlyDictionary<string, SmallCount> shown) => new(
            shown[MonitoringCounts.Queue],
            shown[MonitoringCounts.Urgent],
            [.. Enum.GetValues<CandidateStatus>().Where(s => s is not (CandidateStatus.Housed or CandidateStatus.Withdrawn))
                .Select(s => new KeyCount(s.ToString(), shown[MonitoringCounts.Status(s)]))],
            [.. Enum.GetValues<CurrentSetting>().Select(s => new KeyCount(s.ToString(), shown[MonitoringCounts.Setting(s)]))],
            [.. Enum.GetValues<SupportNeed>().Select(s => new KeyCount(s.ToString(), shown[MonitoringCounts.Support(s)]))],
            [.. Enum.GetValues<PrikkelarmNeed>().Select(s => new KeyCount(s.ToString(), shown[MonitoringCounts.Prikkelarm(s)]))],
            [.. scope.Gemeenten.Where(g => scope.FocusCodes.Contains(g.Code))
                // With a municipality, its one row is the queue itself.
                .Select(g => new GemeenteCount(g.Code, g.Name, shown[scope.Gemeente is null ? MonitoringCounts.QueueGemeente(g.Code) : MonitoringCounts.Queue]))]);
    }

    public static RouteHandlerBuilder MapGetMonitoringSummary(this IEndpointRouteBuilder group) =>
        group.MapReport("/summary", (regionCode, point, gemeente, from, to) => new Query(regionCode, point, gemeente, from, to))
            .WithName("GetMonitoringSummary")
            .WithSummary("KPIs of the queue and the workflow: queue now, inflow, steps, declines, waiting times, duurzame uitstroom, omklap.")
            .WithDescription("People are counted by their herkomstgemeente. For every role except the Matchingspunt and Admin a count of 1-4 people is \"<5\", a count that would give one back by subtraction is \"x\", and figures derived from either are null. A municipality may ask for its own gemeente and for the whole region, not for another municipality (403 monitoring-scope). Definitions: docs/monitoring.md.")
            .Produces<MonitoringSummaryDto>()
            .ProducesValidationProblem()
            .ProducesForbidden();
}
