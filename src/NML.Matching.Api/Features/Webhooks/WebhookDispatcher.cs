using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Persistence.Records;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Features.Webhooks;

/// <summary>
/// Delivers outbox events to subscriptions. Two steps, each safe with several API instances running it at once:
/// fan-out takes unfanned events with <c>FOR UPDATE SKIP LOCKED</c> and creates one delivery per matching
/// subscription (unique per subscription and event); delivery claims due deliveries with <c>FOR UPDATE SKIP
/// LOCKED</c> by moving their next attempt a lease ahead, sends them outside any transaction, and records the result.
/// An organisation only receives events about resources it may see. Failures back off exponentially with jitter
/// until <see cref="WebhookSettings.MaxAttempts"/>, then the delivery is Failed.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock, IOptions<WebhookSettings> options, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Webhook dispatch failed; trying again at the next tick");
            }
        }
    }

    /// <summary>One pass: fan out new events, then send what is due. Returns the deliveries attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await FanOutAsync(cancellationToken);
        return await DeliverAsync(cancellationToken);
    }

    private async Task FanOutAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var events = await db.OutboxEvents
                .FromSql($"SELECT * FROM outbox_events WHERE dispatched_at IS NULL ORDER BY sequence LIMIT 200 FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (events.Count == 0) return;
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.DeletedAt == null)
                .Join(db.Organisations, s => s.OrganisationId, o => o.Id, (s, o) => new { s.Id, s.Events, o.Type, OrganisationId = o.Id, o.RegionCode, o.GemeenteCode, o.Active })
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var e in events)
            {
                foreach (var s in subscriptions.Where(s => s.Active && s.Events.Contains(e.Type)))
                {
                    var maySee = s.Type switch
                    {
                        OrganisationType.Matchingspunt => s.RegionCode == e.RegionCode,
                        OrganisationType.Gemeente => s.GemeenteCode is not null && e.AudienceGemeenten.Contains(s.GemeenteCode),
                        _ => e.AudienceOrganisations.Contains(s.OrganisationId),
                    };
                    if (!maySee) continue;
                    db.WebhookDeliveries.Add(new WebhookDelivery
                    {
                        Id = Guid.CreateVersion7(now),
                        SubscriptionId = s.Id,
                        EventId = e.Id,
                        EventType = e.Type,
                        Status = DeliveryStatus.Pending,
                        NextAttemptAt = now,
                        CreatedAt = now,
                    });
                }
                e.DispatchedAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        List<(WebhookDelivery Delivery, string Url, string Secret, string Payload)> claimed = [];
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            var due = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var rows = await db.WebhookDeliveries
                    .FromSql($"SELECT * FROM webhook_deliveries WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED")
                    .ToListAsync(cancellationToken);
                foreach (var d in rows) d.NextAttemptAt = leaseUntil;
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return rows;
            });
            if (due.Count == 0) return 0;
            var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
            var eventIds = due.Select(d => d.EventId).ToList();
            var subs = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
            var payloads = await db.OutboxEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Payload, cancellationToken);
            // A subscription deleted after its deliveries were queued gets nothing more: those deliveries end as Failed.
            var stopped = due.Where(d => subs[d.SubscriptionId].DeletedAt is not null).Select(d => d.Id).ToList();
            if (stopped.Count > 0)
            {
                await db.WebhookDeliveries.Where(d => stopped.Contains(d.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DeliveryStatus.Failed)
                    .SetProperty(d => d.LastError, "The subscription was deleted."), cancellationToken);
            }
            claimed = [.. due.Where(d => subs[d.SubscriptionId].DeletedAt is null).Select(d => (d, subs[d.SubscriptionId].Url, subs[d.SubscriptionId].Secret, payloads[d.EventId]))];
        }

        foreach (var (delivery, url, secret, payload) in claimed)
        {
            var (statusCode, error) = await SendAsync(delivery, url, secret, payload, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            var attempts = delivery.Attempts + 1;
            var succeeded = statusCode is >= 200 and < 300;
            var finished = clock.GetUtcNow();
            var status = succeeded ? DeliveryStatus.Delivered : attempts >= settings.MaxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
            var next = succeeded ? finished : finished + Backoff(attempts, settings);
            await db.WebhookDeliveries.Where(d => d.Id == delivery.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.DeliveredAt, succeeded ? finished : null), cancellationToken);
        }
        return claimed.Count;
    }

    private async Task<(int? StatusCode, string? Error)> SendAsync(WebhookDelivery delivery, string url, string secret, string payload, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-NML-Event-Id", delivery.EventId.ToString());
        request.Headers.Add("X-NML-Event-Type", delivery.EventType);
        request.Headers.Add("X-NML-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-NML-Signature", WebhookSignature.Sign(secret, timestamp, payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("NML.Matching-Webhooks", "1"));
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            return (null, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Exponential backoff with full jitter: a random delay up to base · 2^(attempt−1), capped.</summary>
    internal static TimeSpan Backoff(int attempt, WebhookSettings settings)
    {
        var ceiling = Math.Min(settings.MaxDelaySeconds, settings.BaseDelaySeconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromSeconds(Math.Max(1, ceiling * Random.Shared.NextDouble()));
    }
}
