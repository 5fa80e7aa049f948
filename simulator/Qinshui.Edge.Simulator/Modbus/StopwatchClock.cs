using System.Diagnostics;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Modbus;

/// <summary>The desktop clock port: Stopwatch for monotonic time, the system clock for UTC.</summary>
public sealed class StopwatchClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public long MonotonicMs => (long)Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
    public long UtcMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    public bool IsTrusted => true;
}
