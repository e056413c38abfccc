using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Infrastructure.Idempotency;

/// <summary>Forgets idempotency keys after their retention, once an hour.</summary>
public sealed class IdempotencyCleanupService(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
                var threshold = clock.GetUtcNow().AddHours(-Math.Max(24, options.Value.RetentionHours));
                var removed = await db.IdempotencyRecords.Where(r => r.CreatedAt < threshold).ExecuteDeleteAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Forgot {Count} idempotency keys older than {Threshold}", removed, threshold);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cleaning up idempotency keys failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
