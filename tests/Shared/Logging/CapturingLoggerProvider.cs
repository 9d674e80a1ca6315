using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansGroq.Testing;

/// <summary>Keeps every log entry, rendered with its structured values and exception, so tests can search it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs) : "";
            owner.Entries.Enqueue($"{logLevel} {category} {eventId} {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
