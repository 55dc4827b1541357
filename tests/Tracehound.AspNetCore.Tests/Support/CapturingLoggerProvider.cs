using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Tracehound.AspNetCore.Tests.Support;

/// <summary>Keeps every log entry (message and structured values) for assertions.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public IReadOnlyList<LogEntry> WithId(int id) => [.. Entries.Where(e => e.EventId.Id == id && e.Category.StartsWith("Tracehound", StringComparison.Ordinal))];

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(p => $"{p.Key}={p.Value}").ToArray()
                : [];
            provider.Entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, string[] Values, string? Exception)
{
    public string AllText => string.Join('\n', [Message, .. Values, Exception ?? string.Empty]);
}
