using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DistSys.Supervision.Tests.Support;

/// <summary>Keeps every log entry (event id and formatted text) for assertions.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(int EventId, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId.Id, formatter(state, exception)));
}
