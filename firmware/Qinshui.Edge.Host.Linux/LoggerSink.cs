using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Ports;
using CoreLevel = Qinshui.Edge.Core.Ports.LogLevel;
using MelLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Qinshui.Edge.Host.Linux;

/// <summary>The core's log port over Microsoft.Extensions.Logging.</summary>
public sealed class LoggerSink(ILogger logger) : ILogSink
{
    private static MelLevel Map(CoreLevel level) => level switch
    {
        CoreLevel.Debug => MelLevel.Debug,
        CoreLevel.Info => MelLevel.Information,
        CoreLevel.Warning => MelLevel.Warning,
        _ => MelLevel.Error,
    };

    public bool IsEnabled(CoreLevel level) => logger.IsEnabled(Map(level));

    public void Write(CoreLevel level, string message)
    {
#pragma warning disable CA2254 // the core's messages are already formatted text
        logger.Log(Map(level), message);
#pragma warning restore CA2254
    }
}
