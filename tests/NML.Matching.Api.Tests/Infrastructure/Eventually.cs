using System.Diagnostics;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// Waiting for something that happens on another thread or process: poll a condition until it holds, and fail
/// with a clear message once the bound has passed. Use this instead of a fixed <c>Task.Delay</c>, which is too
/// short on a busy machine and too long everywhere else.
/// </summary>
public static class Eventually
{
    /// <summary>The bound for things that take milliseconds when all is well (a delivery, a background tick).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> when <paramref name="timeout"/>
    /// passes first. The condition is asked every <paramref name="poll"/> (25 ms unless given).
    /// </summary>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, TimeSpan? poll = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what, poll);

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, TimeSpan, string, TimeSpan?)"/>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? poll = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout) Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            await Task.Delay(poll ?? Poll);
        }
    }

    /// <summary>
    /// Waits until <paramref name="token"/> is cancelled (for example a request the sender gave up on). Returns
    /// false, rather than failing, when <paramref name="timeout"/> passes first, so that a receiver can answer and
    /// the test can report it.
    /// </summary>
    public static async Task<bool> CancelledWithinAsync(CancellationToken token, TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(token, bound.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // One of the two ended the wait; which one is the answer.
        }
        return token.IsCancellationRequested;
    }
}
