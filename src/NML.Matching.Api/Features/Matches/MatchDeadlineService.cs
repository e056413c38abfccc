using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Workflow;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// Keeps the workflow's clock: warns once, one working day before a match's deadline (match.deadline-approaching),
/// reminds once when a tenancy's follow-up or omklap is due and missing (tenancy.follow-up-due, tenancy.omklap-due),
/// and expires overdue matches: every active match whose deadline has passed becomes Expired (by System), with the same
/// effects as a decline (unit Available, candidate back in the queue, the pair never proposed again). Runs every
/// <c>Workflow:ExpiryIntervalSeconds</c> (default 60) on the injected clock. Several API instances may run it at
/// once: each match is changed under its row version, so a race costs one instance a retry, never a double effect.
/// </summary>
public sealed class MatchDeadlineService(
    IServiceScopeFactory scopes, Placement placement, TimeProvider clock, IOptions<WorkflowSettings> settings, ILogger<MatchDeadlineService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, settings.Value.ExpiryIntervalSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var reminders = await RemindAsync(stoppingToken);
                if (reminders > 0) logger.LogInformation("Sent {Count} deadline warnings and tenancy reminders", reminders);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending reminders failed; trying again at the next tick");
            }
            try
            {
                await ExpireOverdueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Expiring overdue matches failed; trying again at the next tick");
            }
        }
    }

    /// <summary>Sends the deadline warnings and tenancy reminders that are due; returns how many events it wrote.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = RegionalDate.Today(clock);
        var calendar = settings.Value.Calendar();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();

        // A week ahead covers any weekend and holiday between the warning day and the deadline.
        var horizon = now.AddDays(7);
        var near = await db.Matches.Where(m => Match.ActiveStatuses.Contains(m.Status) && m.DueAt != null && m.DueAt <= horizon && m.DeadlineWarnedAt == null)
            .OrderBy(m => m.DueAt).Take(500).ToListAsync(cancellationToken);
        // Each warning and reminder is raised by its match or tenancy, and saved with its marker as an outbox event.
        // Only while the deadline still lies ahead: after downtime an overdue match is expired, not warned about.
        var written = 0;
        foreach (var match in near.Where(m => m.DueAt > now && now >= calendar.OneWorkingDayBefore(m.DueAt!.Value)))
        {
            if (match.WarnDeadline(now)) written++;
        }

        var since = today.AddMonths(-13);
        var tenancies = await db.Tenancies.Where(t => t.StartDate >= since || (t.OmklapDueDate != null && t.OmklapDate == null)).Take(2000).ToListAsync(cancellationToken);
        foreach (var tenancy in tenancies)
        {
            written += tenancy.TakeFollowUpReminders(today, now).Count;
            if (tenancy.TakeOmklapReminder(today, now)) written++;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance sent them at the same moment; nothing is lost, nothing is doubled.
            return 0;
        }
        return written;
    }

    /// <summary>Expires every overdue active match once; returns how many.</summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var overdue = await db.Matches.Where(m => Match.ActiveStatuses.Contains(m.Status) && m.DueAt != null && m.DueAt < now)
            .OrderBy(m => m.DueAt).Select(m => m.Id).Take(500).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in overdue)
        {
            db.ChangeTracker.Clear();
            var match = await db.Matches.FirstAsync(m => m.Id == id, cancellationToken);
            if (!match.IsActive || match.DueAt >= now) continue;
            var waitingIn = match.Status;
            var (unit, candidate) = await db.PartiesOfAsync(match, cancellationToken);
            placement.Expire(match, unit, candidate, RegionalDate.Today(clock), now);
            db.Record(now, Actor.System, "match.expired", "match", match.Id.ToString(), new { status = waitingIn }, new { status = match.Status });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogInformation("Match {MatchId} changed while expiring it; leaving it to the next tick", id);
            }
        }
        if (expired > 0) logger.LogInformation("Expired {Count} overdue matches", expired);
        return expired;
    }
}
