using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Events;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Matches;

/// <summary>
/// Expires overdue matches: every active match whose deadline has passed becomes Expired (by System), with the same
/// effects as a decline (unit Available, candidate back in the queue, the pair never proposed again). Runs every
/// <c>Workflow:ExpiryIntervalSeconds</c> (default 60) on the injected clock. Several API instances may run it at
/// once: each match is changed under its row version, so a race costs one instance a retry, never a double effect.
/// </summary>
public sealed class MatchDeadlineService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowSettings> settings, ILogger<MatchDeadlineService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, settings.Value.ExpiryIntervalSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
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
            match.Expire(now);
            await db.ReleaseAsync(match, 0, "Termijn verstreken", RegionalDate.Today(clock), now, cancellationToken);
            db.Emit(EventTypes.MatchExpired, match, now);
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
