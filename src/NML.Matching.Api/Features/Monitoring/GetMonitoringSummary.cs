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
    public static readonly (string Name, MatchStatus From, MatchStatus To)[] Steps =
    [
        ("ProposedToNominated", MatchStatus.Proposed, MatchStatus.Nominated),
        ("NominatedToAccepted", MatchStatus.Nominated, MatchStatus.Accepted),
        ("AcceptedToContracted", MatchStatus.Accepted, MatchStatus.Contracted),
    ];

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
                .Join(matches, t => t.MatchId, m => m.Id, (t, m) => new { t.MatchId, t.To, t.At, m.DeclinedBy, m.DeclineReasonCode })
                .ToListAsync(cancellationToken);
            var completedIds = moves.Where(m => m.To is MatchStatus.Nominated or MatchStatus.Accepted or MatchStatus.Contracted).Select(m => m.MatchId).Distinct().ToList();
            var histories = (await db.MatchTransitions.AsNoTracking().Where(t => completedIds.Contains(t.MatchId))
                    .Select(t => new { t.MatchId, t.To, t.At }).ToListAsync(cancellationToken))
                .ToLookup(t => t.MatchId);

            var tenancies = await db.Tenancies.AsNoTracking().Where(t => t.RegionCode == scope.RegionCode)
                .Where(t => !narrowed || focus.Contains(t.CandidateHerkomstCode))
                .Where(t => t.StartDate >= scope.Period.From.AddMonths(-12) && t.StartDate <= scope.Period.To)
                .Join(db.Candidates, t => t.CandidateId, c => c.Id, (t, c) => new { Tenancy = t, c.ReadySince })
                .ToListAsync(cancellationToken);
            var omklapDue = await db.Tenancies.AsNoTracking().Where(t => t.RegionCode == scope.RegionCode)
                .Where(t => !narrowed || focus.Contains(t.CandidateHerkomstCode))
                .Where(t => t.OmklapDueDate >= scope.Period.From && t.OmklapDueDate <= scope.LastDueDay)
                .Select(t => new { t.OmklapDate }).ToListAsync(cancellationToken);

            var inPeriod = tenancies.Where(t => scope.Period.Contains(t.Tenancy.StartDate)).ToList();
            var started = inPeriod.Select(t => (t.Tenancy.StartDate, Days: (double)Math.Max(0, t.Tenancy.StartDate.DayNumber - t.ReadySince.DayNumber))).ToList();
            var quarters = scope.Period.Quarters();
            var declines = moves.Where(m => m.To == MatchStatus.Declined).GroupBy(m => (m.DeclinedBy, m.DeclineReasonCode))
                .Select(g => (Key: $"declines.{g.Key.DeclinedBy}.{g.Key.DeclineReasonCode}", g.Key.DeclinedBy, ReasonCode: g.Key.DeclineReasonCode ?? string.Empty, Count: g.Count()))
                .ToList();
            var steps = Steps.Select(step => (step.Name, Days: moves.Where(m => m.To == step.To)
                .Select(m => (m.At, Before: histories[m.MatchId].Where(h => h.To == step.From && h.At <= m.At).Select(h => (DateTimeOffset?)h.At).Max()))
                .Where(x => x.Before is not null)
                .Select(x => (x.At - x.Before!.Value).TotalDays).ToList())).ToList();
            var omklapRealised = omklapDue.Count(o => o.OmklapDate is not null);

            // Every count about people, and how they add up, for the small-number rule with secondary suppression.
            var counts = new AdditiveCounts();
            MonitoringCounts.AddQueue(counts, scope, queue);
            counts.Add(Inflow, inflow);
            foreach (var (key, to) in Workflow) counts.Add(key, moves.Count(m => m.To == to));
            MonitoringCounts.AddBreakdown(counts, WorkflowKey(MatchStatus.Declined), declines.Select(d => (d.Key, d.Count)));
            // The region's waiting times are over its placements, which spreiding and supply show too: the same counts.
            var (waiting, waitingQuarter) = scope.Narrowed
                ? (Waiting, (Func<string, string>)(q => $"{Waiting}.quarter.{q}"))
                : (MonitoringCounts.Placements, MonitoringCounts.PlacementQuarter);
            if (scope.Narrowed)
            {
                counts.Add(Waiting, started.Count);
                MonitoringCounts.AddBreakdown(counts, Waiting, quarters.Select(q => (waitingQuarter(q.Label), started.Count(s => q.Period.Contains(s.StartDate)))));
            }
            else
            {
                MonitoringCounts.AddPlacements(counts, scope, [.. inPeriod.Select(t => new Placement(t.Tenancy.UnitGemeenteCode, t.Tenancy.OwnerOrganisationId, t.Tenancy.StartDate))]);
            }
            foreach (var (name, days) in steps) counts.Add($"steps.{name}", days.Count);
            foreach (var month in DuurzaamMonths)
            {
                var due = tenancies.Select(t => t.Tenancy).Where(t => t.FollowUpDue(month) >= scope.Period.From && t.FollowUpDue(month) <= scope.LastDueDay).ToList();
                var recorded = due.Select(t => t.FollowUps.FirstOrDefault(f => f.Month == month)).Where(f => f is not null).ToList();
                counts.Add(DuurzaamKey(month, "due"), due.Count).Add(DuurzaamKey(month, "recorded"), recorded.Count).Add(DuurzaamKey(month, "stillHoused"), recorded.Count(f => f!.StillHoused))
                    .Breakdown(DuurzaamKey(month, "due"), [DuurzaamKey(month, "recorded")], complete: false)
                    .Breakdown(DuurzaamKey(month, "recorded"), [DuurzaamKey(month, "stillHoused")], complete: false);
            }
            counts.Add(OmklapDue, omklapDue.Count).Add(OmklapRealised, omklapRealised).Breakdown(OmklapDue, [OmklapRealised], complete: false);
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
                    .Select(d => new DeclineFigure(d.DeclinedBy, DeclineReasons.Find(d.ReasonCode)?.Side, d.ReasonCode, shown[d.Key]))
                    .OrderByDescending(d => d.Count.Shown ?? 0).ThenBy(d => d.ReasonCode, StringComparer.Ordinal)],
                new WaitingTimeFigures(shown[waiting],
                    scope.Derived(started.Count, Statistics.Median([.. started.Select(s => s.Days)])),
                    scope.Derived(started.Count, Statistics.Percentile([.. started.Select(s => s.Days)], 0.9))),
                [.. quarters.Select(q =>
                {
                    var days = started.Where(s => q.Period.Contains(s.StartDate)).Select(s => s.Days).ToList();
                    return new QuarterWaitingTime(q.Label, q.Period.From, q.Period.To, shown[waitingQuarter(q.Label)], scope.Derived(days.Count, Statistics.Median(days)));
                })],
                [.. steps.Select(step => new StepFigure(step.Name, shown[$"steps.{step.Name}"], scope.Derived(step.Days.Count, Statistics.Median(step.Days))))],
                [.. DuurzaamMonths.Select(month =>
                {
                    var (due, recorded, stillHoused) = (shown[DuurzaamKey(month, "due")], shown[DuurzaamKey(month, "recorded")], shown[DuurzaamKey(month, "stillHoused")]);
                    return new DuurzaamFigure(month, due, recorded, stillHoused, Share(stillHoused, due));
                })],
                new OmklapFigures(shown[OmklapDue], shown[OmklapRealised], Share(shown[OmklapRealised], shown[OmklapDue])));
        }

        private static readonly int[] DuurzaamMonths = [6, 12];
        private const string Inflow = "inflow";
        private const string Waiting = "waiting";
        private const string OmklapDue = "omklap.due";
        private const string OmklapRealised = "omklap.realised";

        private static readonly (string Key, MatchStatus To)[] Workflow =
            [.. new[] { MatchStatus.Proposed, MatchStatus.Nominated, MatchStatus.Accepted, MatchStatus.Contracted, MatchStatus.Declined, MatchStatus.Expired }.Select(s => (WorkflowKey(s), s))];

        private static string WorkflowKey(MatchStatus to) => $"workflow.{to}";

        private static string DuurzaamKey(int month, string figure) => $"duurzaam.{month}.{figure}";

        /// <summary>A share of two counts: null when either is hidden, since with the other it would give it back.</summary>
        private static double? Share(SmallCount part, SmallCount whole) => part.Hidden || whole.Hidden ? null : Statistics.Ratio(part.Value, whole.Value, 3);

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
