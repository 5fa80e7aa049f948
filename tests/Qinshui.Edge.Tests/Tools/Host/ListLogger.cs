using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>An ILogger that keeps its lines ("Warning: …") for assertions.</summary>
public sealed class ListLogger : ILogger, ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(logLevel + ": " + formatter(state, exception));
    public ILogger CreateLogger(string categoryName) => this;
    public void Dispose() { }
}
