using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NML.Matching.Api.Features.Webhooks;
using NML.Matching.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NML.Matching.Api.Tests.Faults;

/// <summary>
/// The outbox when processes die or run side by side. <c>WebhookTests.AnEventCommittedBeforeTheProcessStoppedIsDeliveredAfterRestart</c>
/// shows an event delivered by a second process while the first lives on; here the first process is gone (its host
/// disposed right after the commit, or mid-send), and a new one delivers by its own background dispatcher.
/// <c>WebhookTests.TwoDispatchersNeverDeliverTheSameEventTwice</c> runs two dispatchers in one process; here they
/// are in two API instances.
/// </summary>
public sealed class OutboxFaultTests(FaultApiFactory api, ITestOutputHelper output) : IClassFixture<FaultApiFactory>, IAsyncLifetime
{
    private readonly List<(string Key, Guid Id)> _subscriptions = [];
    private Cast _cast = null!;
    private MatchMaker _maker = null!;
    private TestDatabase _db = null!;
    private HookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _maker = new MatchMaker(api, _cast);
        _db = new TestDatabase(api.Database, api.ConnectionString);
        _receiver = await HookReceiver.StartAsync();
    }

    // Each test subscribes its own receiver; the subscriptions end with the test, so that the next one sees only its own.
    public async Task DisposeAsync()
    {
        foreach (var (key, id) in _subscriptions) await api.WithKey(key).DeleteAsync($"/api/v1/webhooks/{id}");
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnEventCommittedJustBeforeItsProcessWentAwayIsDeliveredByTheNextProcess()
    {
        await SubscribeAsync(_cast.ProviderA, "died-after-commit");
        var doomed = await StartInstanceAsync(dispatching: false);
        var match = await _maker.ProposeAsync(doomed.WithKey(_cast.MatchingspuntNml));
        await doomed.DisposeAsync(); // gone right after the commit; its dispatcher never ran

        var eventId = await _db.ScalarAsync<Guid>("SELECT id FROM outbox_events WHERE type = 'match.proposed' AND payload->'data'->>'matchId' = @m", ("m", match.Id.ToString()));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE id = @e AND dispatched_at IS NOT NULL", ("e", eventId)));

        await using var next = await StartInstanceAsync(dispatching: true); // its background dispatcher alone
        await WaitForAsync(() => _receiver.Answered.ContainsKey(("died-after-commit", eventId.ToString())), "the event to arrive from the next process");
        Assert.Equal(1, _receiver.Arrived[("died-after-commit", eventId.ToString())]);
        await WaitForAsync(async () => (await _db.RowsAsync("SELECT status, attempts FROM webhook_deliveries WHERE event_id = @e", ("e", eventId)))
            .Single() is ["Delivered", "1"], "the delivery to be recorded");
    }

    /// <summary>
    /// The process dies while it sends: the delivery was claimed (its lease written) and the request is on its way,
    /// but the outcome is never recorded. The next process leaves the delivery alone while the lease runs, then
    /// sends it: the receiver sees it twice, answers it once (at least once; receivers deduplicate by event id).
    /// </summary>
    [Fact]
    public async Task ADeliveryCutOffByTheDeathOfItsProcessIsSentAgainWhenItsLeaseEnds()
    {
        await SubscribeAsync(_cast.ProviderA, "died-mid-send");
        _receiver.HoldFirst();
        var match = await _maker.ProposeAsync();
        var eventId = (await _db.ScalarAsync<Guid>("SELECT id FROM outbox_events WHERE type = 'match.proposed' AND payload->'data'->>'matchId' = @m", ("m", match.Id.ToString()))).ToString();

        var doomed = await StartInstanceAsync(dispatching: false);
        using (var death = new CancellationTokenSource())
        {
            var sending = doomed.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(death.Token);
            await _receiver.FirstArrived.WaitAsync(TestDatabase.Patience);
            death.Cancel(); // the request is cut off and nothing after it runs
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TestDatabase.Patience));
        }
        await doomed.DisposeAsync();
        var left = await _db.RowsAsync("SELECT status, attempts FROM webhook_deliveries WHERE event_id = @e", ("e", Guid.Parse(eventId)));
        Assert.Equal(["Pending", "0"], Assert.Single(left));

        await using var next = await StartInstanceAsync(dispatching: true);
        Assert.Equal(0, await next.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None));
        Assert.False(_receiver.Answered.ContainsKey(("died-mid-send", eventId)));
        next.Clock.Advance(TimeSpan.FromSeconds(new WebhookSettings().LeaseSeconds + 1));
        await WaitForAsync(() => _receiver.Answered.ContainsKey(("died-mid-send", eventId)), "the delivery to be taken over");

        Assert.Equal(2, _receiver.Arrived[("died-mid-send", eventId)]);
        Assert.Equal(1, _receiver.Answered[("died-mid-send", eventId)]);
        await WaitForAsync(async () => (await _db.RowsAsync("SELECT status, attempts FROM webhook_deliveries WHERE event_id = @e", ("e", Guid.Parse(eventId))))
            .Single() is ["Delivered", "1"], "the delivery to be recorded");
    }

    /// <summary>
    /// A background dispatcher whose ticks fail while the database is away keeps its process up and goes on:
    /// the events written before and after the outage arrive once.
    /// </summary>
    [Fact]
    public async Task TheBackgroundDispatcherGoesOnAfterAnOutage()
    {
        await SubscribeAsync(_cast.ProviderA, "outage");
        var logs = new LogCapture();
        await using var instance = await StartInstanceAsync(dispatching: true, logs);
        var before = await _maker.ProposeAsync();
        int Failures() => logs.Count(typeof(WebhookDispatcher).FullName!, LogLevel.Warning, "Webhook dispatch failed");
        var failuresBefore = Failures();
        await _db.TakeAwayAsync();
        try
        {
            // A few ticks of the dispatcher (one a second) fail, and say so in the log.
            await Eventually.WaitUntilAsync(() => Failures() >= failuresBefore + 2, TestDatabase.Patience, "two ticks of the dispatcher to fail while the database is away");
        }
        finally
        {
            await _db.BringBackAsync();
        }
        var after = await _maker.ProposeAsync();

        var events = await _db.RowsAsync("SELECT id FROM outbox_events WHERE payload->'data'->>'matchId' IN (@a, @b)", ("a", before.Id.ToString()), ("b", after.Id.ToString()));
        Assert.Equal(2, events.Count);
        await WaitForAsync(() => events.All(e => _receiver.Answered.ContainsKey(("outage", e[0]))), "both events to arrive");
        Assert.All(_receiver.Arrived.Values, n => Assert.Equal(1, n));
        Assert.Equal(HttpStatusCode.OK, (await instance.Anonymous().GetAsync("/health/ready")).StatusCode);
    }

    /// <summary>
    /// One instance's dispatcher has claimed the pending deliveries and is stuck sending the first (the receiver
    /// holds it). The other instance's dispatcher finds nothing to send, then sends only what was written after,
    /// and when the first is let go it finishes its own: every event arrives once.
    /// </summary>
    [Fact]
    public async Task ADeliveryInFlightOnOneInstanceIsNeverSentByTheOther()
    {
        await SubscribeAsync(_cast.MatchingspuntNml, "in-flight");
        _receiver.HoldFirst();
        await using var other = await StartInstanceAsync(dispatching: false);
        var first = api.Services.GetRequiredService<WebhookDispatcher>();
        var second = other.Services.GetRequiredService<WebhookDispatcher>();
        for (var i = 0; i < 3; i++) await _maker.ProposeAsync();

        var stuck = first.RunOnceAsync(CancellationToken.None);
        await _receiver.FirstArrived.WaitAsync(TestDatabase.Patience);
        var whileStuck = await second.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 2; i++) await _maker.ProposeAsync(other.WithKey(_cast.MatchingspuntNml));
        var newOnes = await second.RunOnceAsync(CancellationToken.None);
        var stillStuck = !stuck.IsCompleted;
        _receiver.Release();
        var firstSent = await stuck.WaitAsync(TestDatabase.Patience);

        Assert.True(stillStuck);
        Assert.Equal((0, 2, 3), (whileStuck, newOnes, firstSent));
        Assert.Equal(5, _receiver.Answered.Count);
        Assert.All(_receiver.Arrived.Values, n => Assert.Equal(1, n));
        // Only this test's subscription: the class shares its database, and another test leaves failed deliveries.
        var rows = await _db.RowsAsync("SELECT d.status, d.attempts, s.url, d.last_error, d.next_attempt_at FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE s.url LIKE '%/in-flight' AND (d.status <> 'Delivered' OR d.attempts <> 1)");
        Assert.True(rows.Count == 0, string.Join("\n", rows.Select(r => string.Join(" | ", r))));
    }

    /// <summary>
    /// Both instances' dispatchers poll without pause while matches are proposed through both, with three
    /// subscriptions and a receiver that answers a little slowly: each (subscription, event) arrives exactly once.
    /// </summary>
    [Fact]
    public async Task TwoInstancesRacingOverOneOutboxDeliverEachEventOnce()
    {
        _receiver.Delay = TimeSpan.FromMilliseconds(5);
        string[] names = ["mp", "owner", "provider"];
        await SubscribeAsync(_cast.MatchingspuntNml, names[0]);
        await SubscribeAsync(_cast.CorporationA, names[1]);
        await SubscribeAsync(_cast.ProviderA, names[2]);
        await using var other = await StartInstanceAsync(dispatching: false);
        var dispatchers = new[] { api.Services.GetRequiredService<WebhookDispatcher>(), other.Services.GetRequiredService<WebhookDispatcher>() };
        const int proposals = 16;
        var expected = proposals * names.Length;
        var sent = new int[2];
        var producing = 1;

        async Task PollAsync(int instance)
        {
            var deadline = DateTime.UtcNow + TestDatabase.Patience;
            while (Volatile.Read(ref producing) == 1 || _receiver.Answered.Count < expected)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Only {_receiver.Answered.Count} of {expected} deliveries arrived.");
                var n = await dispatchers[instance].RunOnceAsync(CancellationToken.None);
                Interlocked.Add(ref sent[instance], n);
                if (n == 0) await Task.Delay(10);
            }
        }

        var pollers = new[] { Task.Run(() => PollAsync(0)), Task.Run(() => PollAsync(1)) };
        for (var i = 0; i < proposals; i++) await _maker.ProposeAsync(i % 2 == 0 ? api.WithKey(_cast.MatchingspuntNml) : other.WithKey(_cast.MatchingspuntNml));
        Volatile.Write(ref producing, 0);
        await Task.WhenAll(pollers).WaitAsync(TimeSpan.FromMinutes(2));

        output.WriteLine($"deliveries sent by the first instance: {sent[0]}, by the second: {sent[1]}");
        Assert.Equal(expected, _receiver.Answered.Count);
        Assert.All(names, name => Assert.Equal(proposals, _receiver.Answered.Keys.Count(k => k.Subscription == name)));
        Assert.All(_receiver.Arrived.Values, n => Assert.Equal(1, n));
        Assert.Equal(expected, sent[0] + sent[1]);
    }

    /// <summary>
    /// Another API process on this database. Without <paramref name="dispatching"/> its background dispatcher never
    /// ticks (the tests call it); with it, it ticks every second.
    /// </summary>
    private async Task<Instance> StartInstanceAsync(bool dispatching, LogCapture? logs = null)
    {
        var owner = await ApiFactory.OnSameDatabaseAsync(api);
        var host = owner.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:IntervalSeconds", dispatching ? "1" : "86400");
            if (logs is not null) b.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });
        _ = host.Server;
        return new Instance(owner, host);
    }

    /// <summary>An API process: the host, and the factory whose clock and database it uses.</summary>
    private sealed class Instance(ApiFactory owner, WebApplicationFactory<Program> host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public FakeTimeProvider Clock => owner.Clock;

        public HttpClient Anonymous() => host.CreateClient();

        public HttpClient WithKey(string key)
        {
            var client = host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            await owner.DisposeAsync();
        }
    }

    private async Task SubscribeAsync(string key, string name)
    {
        var response = await api.WithKey(key).PostAsJsonAsync("/api/v1/webhooks", new { url = _receiver.Url(name), events = new[] { "match.proposed" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        _subscriptions.Add((key, (await response.Content.ReadFromJsonAsync<CreatedWebhookDto>(Json.Options))!.Id));
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => Eventually.WaitUntilAsync(condition, TestDatabase.Patience, what);

    private static Task WaitForAsync(Func<Task<bool>> condition, string what) => Eventually.WaitUntilAsync(condition, TestDatabase.Patience, what);
}
