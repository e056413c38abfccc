using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Auditing;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Retention;

/// <summary>
/// The AVG retention job: once a day it anonymises candidates that were withdrawn, or housed (tenancy started),
/// longer ago than <see cref="RetentionSettings.CandidateMonths"/>, and clears the free text of their matches. Each
/// anonymisation is audited (<c>candidate.anonymised</c>). Safe on several instances: rows are updated under their
/// row version, so a race makes one instance skip the batch and try again.
/// </summary>
public sealed class CandidateRetentionService(IServiceScopeFactory scopes, IOptions<RetentionSettings> settings, TimeProvider clock, ILogger<CandidateRetentionService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled) return;
        using var timer = new PeriodicTimer(TimeSpan.FromHours(settings.Value.IntervalHours), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The retention run failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Anonymises everything that is due now; returns how many candidates it anonymised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            var now = clock.GetUtcNow();
            var cutoff = now.AddMonths(-settings.Value.CandidateMonths);
            var cutoffDay = Domain.Registers.RegionalDate.DateOf(cutoff);
            var due = await db.Candidates
                .Where(c => c.AnonymisedAt == null)
                .Where(c => (c.WithdrawnAt != null && c.WithdrawnAt < cutoff)
                    || (c.Placement == CandidatePlacement.Housed && db.Tenancies.Any(t => t.CandidateId == c.Id && t.StartDate < cutoffDay)))
                .OrderBy(c => c.Id).Take(settings.Value.BatchSize)
                .ToListAsync(cancellationToken);
            if (due.Count == 0) break;

            var ids = due.Select(c => c.Id).ToList();
            var matches = await db.Matches.Include(m => m.History).Where(m => ids.Contains(m.CandidateId)).ToListAsync(cancellationToken);
            foreach (var candidate in due)
            {
                var reason = candidate.WithdrawnAt is not null ? "withdrawn" : "housed";
                candidate.Anonymise(now);
                foreach (var match in matches.Where(m => m.CandidateId == candidate.Id)) match.RedactFreeText(WithoutOverrideReason(match.Snapshot), now);
                db.Record(now, Actor.System, "candidate.anonymised", "candidate", candidate.Id.ToString(), null,
                    new { reason, retentionMonths = settings.Value.CandidateMonths, matches = matches.Count(m => m.CandidateId == candidate.Id) });
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                total += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance (or a user) changed one of these rows; the next pass picks up what is still due.
                logger.LogInformation("Retention batch raced with another writer; retrying");
            }
        }
        if (total > 0) logger.LogInformation("Retention: {Count} candidates anonymised after {Months} months", total, settings.Value.CandidateMonths);
        return total;
    }

    /// <summary>The match snapshot without the override reason (free text); the scores and rules stay.</summary>
    private static string WithoutOverrideReason(string snapshot)
    {
        try
        {
            var stored = StoredJson.Deserialize<MatchSnapshot>(snapshot);
            if (stored.OverrideReason is not null) return StoredJson.Serialize(stored.WithoutOverrideReason());
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a snapshot: leave it as it is.
        }
        return snapshot;
    }
}
