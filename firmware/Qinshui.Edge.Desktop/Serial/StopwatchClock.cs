using System.Diagnostics;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Serial;

/// <summary>The desktop clock port: Stopwatch for monotonic time, the system clock for UTC.</summary>
public sealed class StopwatchClock : IClock, IMicrosecondClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long MonotonicMs => MonotonicMicros / 1000;

    /// <summary>Microseconds on the same timeline: the Modbus master times the 3.5-character silence exactly.</summary>
    public long MonotonicMicros => (long)(Stopwatch.GetElapsedTime(_start).Ticks / 10);
    public long UtcMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    public bool IsTrusted => true;
}
