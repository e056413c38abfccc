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
using NML.Matching.Domain.Tenancies;

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

            var started = tenancies.Where(t => scope.Period.Contains(t.Tenancy.StartDate))
                .Select(t => (t.Tenancy.StartDate, Days: (double)Math.Max(0, t.Tenancy.StartDate.DayNumber - t.ReadySince.DayNumber))).ToList();

            return new MonitoringSummaryDto(
                scope.RegionCode, scope.Point, scope.Gemeente, scope.Period.From, scope.Period.To, scope.Suppress,
                Queue(scope, queue),
                scope.Count(inflow),
                new WorkflowFigures(
                    scope.Count(moves.Count(m => m.To == MatchStatus.Proposed)),
                    scope.Count(moves.Count(m => m.To == MatchStatus.Nominated)),
                    scope.Count(moves.Count(m => m.To == MatchStatus.Accepted)),
                    scope.Count(moves.Count(m => m.To == MatchStatus.Contracted)),
                    scope.Count(moves.Count(m => m.To == MatchStatus.Declined)),
                    scope.Count(moves.Count(m => m.To == MatchStatus.Expired))),
                [.. moves.Where(m => m.To == MatchStatus.Declined)
                    .GroupBy(m => (m.DeclinedBy, m.DeclineReasonCode))
                    .Select(g => new DeclineFigure(g.Key.DeclinedBy, DeclineReasons.Find(g.Key.DeclineReasonCode)?.Side, g.Key.DeclineReasonCode ?? string.Empty, scope.Count(g.Count())))
                    .OrderByDescending(d => d.Count.Shown ?? 0).ThenBy(d => d.ReasonCode, StringComparer.Ordinal)],
                WaitingTime(scope, started.Select(s => s.Days).ToList()),
                [.. scope.Period.Quarters().Select(q =>
                {
                    var days = started.Where(s => q.Period.Contains(s.StartDate)).Select(s => s.Days).ToList();
                    return new QuarterWaitingTime(q.Label, q.Period.From, q.Period.To, scope.Count(days.Count), scope.Derived(days.Count, Statistics.Median(days)));
                })],
                [.. Steps.Select(step =>
                {
                    var days = moves.Where(m => m.To == step.To)
                        .Select(m => (m.At, Before: histories[m.MatchId].Where(h => h.To == step.From && h.At <= m.At).Select(h => (DateTimeOffset?)h.At).Max()))
                        .Where(x => x.Before is not null)
                        .Select(x => (x.At - x.Before!.Value).TotalDays).ToList();
                    return new StepFigure(step.Name, scope.Count(days.Count), scope.Derived(days.Count, Statistics.Median(days)));
                })],
                [.. new[] { 6, 12 }.Select(month => Duurzaam(scope, month, tenancies.Select(t => t.Tenancy)))],
                Omklap(scope, omklapDue.Count, omklapDue.Count(o => o.OmklapDate is not null)));
        }

        private static QueueFigures Queue(MonitoringScope scope, IReadOnlyList<Candidate> queue)
        {
            IReadOnlyList<KeyCount> By<TEnum>(Func<Candidate, TEnum> key) where TEnum : struct, Enum =>
                [.. Enum.GetValues<TEnum>().Select(value => new KeyCount(value.ToString(), scope.Count(queue.Count(c => key(c).Equals(value)))))];

            var statuses = queue.Select(c => c.StatusOn(scope.Today)).ToList();
            return new QueueFigures(
                scope.Count(queue.Count),
                scope.Count(queue.Count(c => c.Urgent)),
                [.. Enum.GetValues<CandidateStatus>().Where(s => s is not (CandidateStatus.Housed or CandidateStatus.Withdrawn))
                    .Select(s => new KeyCount(s.ToString(), scope.Count(statuses.Count(x => x == s))))],
                By(c => c.CurrentSetting),
                By(c => c.SupportNeed),
                By(c => c.PrikkelarmNeed),
                [.. scope.Gemeenten.Where(g => scope.FocusCodes.Contains(g.Code))
                    .Select(g => new GemeenteCount(g.Code, g.Name, scope.Count(queue.Count(c => c.HerkomstGemeenteCode == g.Code))))]);
        }

        private static WaitingTimeFigures WaitingTime(MonitoringScope scope, IReadOnlyList<double> days) => new(
            scope.Count(days.Count),
            scope.Derived(days.Count, Statistics.Median(days)),
            scope.Derived(days.Count, Statistics.Percentile(days, 0.9)));

        private static DuurzaamFigure Duurzaam(MonitoringScope scope, int month, IEnumerable<Tenancy> tenancies)
        {
            var due = tenancies.Where(t => t.FollowUpDue(month) >= scope.Period.From && t.FollowUpDue(month) <= scope.LastDueDay).ToList();
            var recorded = due.Select(t => t.FollowUps.FirstOrDefault(f => f.Month == month)).Where(f => f is not null).ToList();
            var stillHoused = recorded.Count(f => f!.StillHoused);
            return new DuurzaamFigure(month, scope.Count(due.Count), scope.Count(recorded.Count), scope.Count(stillHoused),
                scope.Derived(stillHoused, scope.Derived(due.Count, Statistics.Ratio(stillHoused, due.Count, 3))));
        }

        private static OmklapFigures Omklap(MonitoringScope scope, int due, int realised) =>
            new(scope.Count(due), scope.Count(realised), scope.Derived(realised, scope.Derived(due, Statistics.Ratio(realised, due, 3))));
    }

    public static RouteHandlerBuilder MapGetMonitoringSummary(this IEndpointRouteBuilder group) =>
        group.MapReport("/summary", (regionCode, point, gemeente, from, to) => new Query(regionCode, point, gemeente, from, to))
            .WithName("GetMonitoringSummary")
            .WithSummary("KPIs of the queue and the workflow: queue now, inflow, steps, declines, waiting times, duurzame uitstroom, omklap.")
            .WithDescription("People are counted by their herkomstgemeente. For every role except the Matchingspunt and Admin a count of 1-4 people is \"<5\" and figures derived from it are null. A municipality may ask for its own gemeente and for the whole region, not for another municipality (403 monitoring-scope). Definitions: docs/monitoring.md.")
            .Produces<MonitoringSummaryDto>()
            .ProducesValidationProblem()
            .ProducesForbidden();
}
