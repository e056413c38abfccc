using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NML.Matching.Api.Tests.Infrastructure;

/// <summary>
/// Keeps the log lines an API process writes (added as one more logger provider), so that a test can wait for
/// something the process only reports in its log, such as a background tick that failed.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    /// <summary>The lines of a category (a class's full name) at a level, whose message starts with <paramref name="prefix"/>.</summary>
    public int Count(string category, LogLevel level, string prefix) =>
        _lines.Count(l => l.Category == category && l.Level == level && l.Message.StartsWith(prefix, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
