using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NML.Matching.Api.Tests.Faults;

/// <summary>
/// A webhook receiver on loopback that counts, per subscription (the last path segment) and event id, how often a
/// delivery arrived and how often it was answered 200. It can hold the first request until released (or until the
/// sender gives up on it), to catch a dispatcher in the middle of a send.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _firstArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;
    private bool _holdFirst;

    private HookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Deliveries answered 200, per (subscription, event id).</summary>
    public ConcurrentDictionary<(string Subscription, string EventId), int> Answered { get; } = new();

    /// <summary>Deliveries that arrived (answered or not), per (subscription, event id).</summary>
    public ConcurrentDictionary<(string Subscription, string EventId), int> Arrived { get; } = new();

    /// <summary>Completes when the first delivery has arrived (and, with <see cref="HoldFirst"/>, is being held).</summary>
    public Task FirstArrived => _firstArrived.Task;

    public TimeSpan Delay { get; set; }

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new HookReceiver(app);
        app.MapPost("/hook/{subscription}", async (string subscription, HttpContext context) =>
        {
            var key = (subscription, context.Request.Headers["X-NML-Event-Id"].ToString());
            await new StreamReader(context.Request.Body).ReadToEndAsync();
            receiver.Arrived.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref receiver._arrivals) == 1)
            {
                receiver._firstArrived.TrySetResult();
                if (receiver._holdFirst)
                {
                    // Held until released, or until the sender goes away (then nobody reads the answer).
                    await Task.WhenAny(receiver._release.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
                    if (context.RequestAborted.IsCancellationRequested) return;
                }
            }
            if (receiver.Delay > TimeSpan.Zero) await Task.Delay(receiver.Delay);
            receiver.Answered.AddOrUpdate(key, 1, (_, n) => n + 1);
            context.Response.StatusCode = 200;
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Urls.First();
        return receiver;
    }

    public string Url(string subscription) => $"{BaseUrl}/hook/{subscription}";

    /// <summary>Holds the first delivery that arrives until <see cref="Release"/>.</summary>
    public void HoldFirst() => _holdFirst = true;

    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }
}
