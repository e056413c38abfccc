using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NML.Matching.Api.Features.Matches;
using NML.Matching.Api.Features.Webhooks;
using NML.Matching.Api.Tests.Infrastructure;

namespace NML.Matching.Api.Tests;

/// <summary>The API with a short delivery timeout and the background dispatcher effectively idle (tests drive it).</summary>
public sealed class WebhookApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:TimeoutSeconds", "1");
        builder.UseSetting("Webhooks:IntervalSeconds", "86400");
        builder.UseSetting("Webhooks:MaxAttempts", "8");
    }
}

/// <summary>A real HTTP receiver on loopback that fails as told, then succeeds, and keeps what it received.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>How long a hung request waits for its sender to give up before the receiver answers it after all.</summary>
    private static readonly TimeSpan HangBound = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private int _hangsCutOff;
    private int _hangsAnswered;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentBag<(string EventId, string Type, string Timestamp, string Signature, string Body)> Received { get; } = [];

    public string Url { get; private set; } = string.Empty;

    /// <summary>Hung requests that their sender gave up on (its timeout worked).</summary>
    public int HangsCutOff => Volatile.Read(ref _hangsCutOff);

    /// <summary>Hung requests whose sender waited out <see cref="HangBound"/> (its timeout did not work): answered 200 but not kept.</summary>
    public int HangsAnswered => Volatile.Read(ref _hangsAnswered);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            if (receiver._script.TryDequeue(out var step))
            {
                await step(context);
                return;
            }
            receiver.Received.Add((context.Request.Headers["X-NML-Event-Id"].ToString(), context.Request.Headers["X-NML-Event-Type"].ToString(),
                context.Request.Headers["X-NML-Timestamp"].ToString(), context.Request.Headers["X-NML-Signature"].ToString(), body));
            context.Response.StatusCode = 200;
        });
        await app.StartAsync();
        receiver.Url = app.Urls.First() + "/hook";
        return receiver;
    }

    public void FailNext(int count) { for (var i = 0; i < count; i++) _script.Enqueue(c => { c.Response.StatusCode = 500; return Task.CompletedTask; }); }

    /// <summary>The next request hangs until its sender gives up on it (bounded, so that a sender without a timeout cannot hang the test).</summary>
    public void HangNext() => _script.Enqueue(async c =>
    {
        if (await Eventually.CancelledWithinAsync(c.RequestAborted, HangBound)) Interlocked.Increment(ref _hangsCutOff);
        else Interlocked.Increment(ref _hangsAnswered);
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class WebhookTests(WebhookApiFactory api) : IClassFixture<WebhookApiFactory>, IAsyncLifetime
{
    private Cast _cast = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _cast = await Cast.CreateAsync(api);
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private async Task<CreatedWebhookDto> SubscribeAsync(string key, WebhookReceiver? receiver = null)
    {
        var response = await api.WithKey(key).PostAsJsonAsync("/api/v1/webhooks",
            new { url = (receiver ?? _receiver).Url, events = new[] { "match.proposed", "match.nominated", "match.withdrawn" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedWebhookDto>(Json.Options))!;
    }

    private async Task<MatchDto> ProposeAsync()
    {
        var group = new JsonArray("HuiselijkGeweld");
        var unit = await api.WithKey(_cast.CorporationA).PostUnitAsync(Payloads.Unit("GM0983").With("targetGroups", group).With("supportOnSite", "TwentyFourSeven"));
        var candidate = await api.WithKey(_cast.ProviderA).RegisterCandidateAsync(Payloads.Candidate("GM0983")
            .With("targetGroups", group).With("supportNeed", "Intensief").With("needs24x7Nearby", true));
        var response = await api.WithKey(_cast.MatchingspuntNml).PostAsJsonAsync("/api/v1/matches", new { unitId = unit.Id, candidateId = candidate.Id });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MatchDto>(Json.Options))!;
    }

    [Fact]
    public async Task EventsArriveSignedAfterFailuresAndATimeout()
    {
        var subscription = await SubscribeAsync(_cast.ProviderA);
        var match = await ProposeAsync();
        (await api.WithKey(_cast.MatchingspuntNml).PostAsync($"/api/v1/matches/{match.Id}/nominate", null)).EnsureSuccessStatusCode();
        var dispatcher = api.Services.GetRequiredService<WebhookDispatcher>();

        _receiver.FailNext(2);
        _receiver.HangNext();
        for (var round = 0; round < 8 && _receiver.Received.Count < 2; round++)
        {
            // The delivery timeout runs on the injected clock: keep time moving while a round is in flight.
            var run = dispatcher.RunOnceAsync(CancellationToken.None);
            await Eventually.WaitUntilAsync(() =>
            {
                if (run.IsCompleted) return true;
                api.Clock.Advance(TimeSpan.FromMilliseconds(500));
                return false;
            }, Eventually.DefaultTimeout, $"dispatcher round {round} to finish", poll: TimeSpan.FromMilliseconds(50));
            await run;
            api.Clock.Advance(TimeSpan.FromHours(2));
        }

        var received = _receiver.Received.ToList();
        var state = await api.WithKey(_cast.ProviderA).GetStringAsync($"/api/v1/webhooks/{subscription.Id}/deliveries");
        Assert.True(received.Count == 2, state);
        // The hung request was given up on by the sender's timeout, not answered late.
        Assert.Equal((1, 0), (_receiver.HangsCutOff, _receiver.HangsAnswered));
        Assert.Equal(["match.nominated", "match.proposed"], received.Select(r => r.Type).Order());
        Assert.All(received, r => Assert.True(WebhookSignature.Verify(subscription.Secret, long.Parse(r.Timestamp, System.Globalization.CultureInfo.InvariantCulture), r.Body, r.Signature)));
        Assert.All(received, r => Assert.Contains(r.EventId, r.Body));
        var deliveries = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<NML.Matching.Api.Infrastructure.Paging.PagedList<WebhookDeliveryDto>>(
            $"/api/v1/webhooks/{subscription.Id}/deliveries", Json.Options);
        Assert.Equal(2, deliveries!.Items.Count);
        Assert.All(deliveries.Items, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
        Assert.Contains(deliveries.Items, d => d.Attempts > 2);
    }

    [Fact]
    public async Task ADeletedSubscriptionGetsNoMoreDeliveriesNotEvenRetried()
    {
        // A second subscription to the same event, on a receiver of its own, that is not deleted: its retry shows
        // that the dispatcher run after the deletion did retry what was due.
        await using var control = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(_cast.ProviderA);
        await SubscribeAsync(_cast.CorporationA, control);
        var match = await ProposeAsync();
        var dispatcher = api.Services.GetRequiredService<WebhookDispatcher>();
        _receiver.FailNext(1);
        control.FailNext(1);
        await dispatcher.RunOnceAsync(CancellationToken.None);
        var deliveries = await api.WithKey(_cast.ProviderA).GetFromJsonAsync<NML.Matching.Api.Infrastructure.Paging.PagedList<WebhookDeliveryDto>>(
            $"/api/v1/webhooks/{subscription.Id}/deliveries", Json.Options);
        var delivery = Assert.Single(deliveries!.Items);
        Assert.Empty(control.Received);

        Assert.Equal(HttpStatusCode.NoContent, (await api.WithKey(_cast.ProviderA).DeleteAsync($"/api/v1/webhooks/{subscription.Id}")).StatusCode);
        api.Clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Empty(_receiver.Received);
        Assert.Contains(control.Received, r => r.Type == "match.proposed" && r.Body.Contains(match.Id.ToString(), StringComparison.Ordinal));
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NML.Matching.Api.Persistence.MatchingDbContext>();
        Assert.Equal(DeliveryStatus.Failed, (await db.WebhookDeliveries.FindAsync(delivery.Id))!.Status);
        var retry = await api.WithKey(_cast.ProviderA).PostAsync($"/api/v1/webhooks/{subscription.Id}/deliveries/{delivery.Id}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
    }

    [Fact]
    public async Task TwoDispatchersNeverDeliverTheSameEventTwice()
    {
        await SubscribeAsync(_cast.MatchingspuntNml);
        for (var i = 0; i < 5; i++) await ProposeAsync();
        var first = api.Services.GetRequiredService<WebhookDispatcher>();
        var second = ActivatorUtilities.CreateInstance<WebhookDispatcher>(api.Services);

        for (var i = 0; i < 4; i++)
        {
            await Task.WhenAll(first.RunOnceAsync(CancellationToken.None), second.RunOnceAsync(CancellationToken.None));
        }

        var ids = _receiver.Received.Select(r => r.EventId).ToList();
        Assert.True(ids.Count >= 5, $"only {ids.Count} deliveries arrived");
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task AnOrganisationOnlyReceivesEventsAboutWhatItMaySee()
    {
        // The candidate's provider may see the match: its subscription, on a receiver of its own, is the control.
        await using var control = await WebhookReceiver.StartAsync();
        await SubscribeAsync(_cast.ProviderB);
        await SubscribeAsync(_cast.ProviderA, control);
        var match = await ProposeAsync();

        await api.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);

        Assert.Contains(control.Received, r => r.Type == "match.proposed" && r.Body.Contains(match.Id.ToString(), StringComparison.Ordinal));
        Assert.Empty(_receiver.Received);
    }

    [Theory]
    [InlineData("""{"url":"not a url","events":["match.proposed"]}""", "url")]
    [InlineData("""{"url":"https://example.org/hook","events":["match.eaten"]}""", "events[0]")]
    [InlineData("""{"url":"https://example.org/hook","events":[]}""", "events")]
    [InlineData("""{"url":"https://example.org/hook","events":["match.proposed"],"secret":"short"}""", "secret")]
    public async Task ABadSubscriptionIsABadRequestNamingTheField(string body, string field)
    {
        var response = await api.WithKey(_cast.ProviderA).PostAsync("/api/v1/webhooks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await OrganisationTests.AssertBadRequestNaming(response, field);
    }

    [Fact]
    public async Task SubscriptionsBelongToTheirOrganisation()
    {
        var mine = await SubscribeAsync(_cast.ProviderA);
        var theirs = await SubscribeAsync(_cast.ProviderB);
        var others = await api.WithKey(_cast.ProviderB).GetFromJsonAsync<List<WebhookDto>>("/api/v1/webhooks", Json.Options);
        var delete = await api.WithKey(_cast.ProviderB).DeleteAsync($"/api/v1/webhooks/{mine.Id}");
        var admin = await api.Admin().GetAsync("/api/v1/webhooks");

        Assert.Contains(others!, w => w.Id == theirs.Id);
        Assert.DoesNotContain(others!, w => w.Id == mine.Id);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task AnEventCommittedBeforeTheProcessStoppedIsDeliveredAfterRestart()
    {
        await SubscribeAsync(_cast.ProviderA);
        var match = await ProposeAsync(); // committed with its event; this process never dispatches it

        // "Restart": a new API process on the same database, with its own dispatcher.
        await using var restarted = await ApiFactory.OnSameDatabaseAsync(api);
        _ = restarted.Server;
        await restarted.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(CancellationToken.None);
        // The restarted process's own background dispatcher ticks too (every 2 s): whichever of the two claimed the
        // delivery may still be sending it when this pass returns.
        await Eventually.WaitUntilAsync(() => _receiver.Received.Any(r => r.Type == "match.proposed" && r.Body.Contains(match.Id.ToString(), StringComparison.Ordinal)),
            Eventually.DefaultTimeout, "the event to arrive from the restarted process");

        Assert.Contains(_receiver.Received, r => r.Type == "match.proposed" && r.Body.Contains(match.Id.ToString(), StringComparison.Ordinal));
    }
}
