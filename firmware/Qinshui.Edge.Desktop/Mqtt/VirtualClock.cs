using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>Simulated time: advanced explicitly (benchmarks, scenarios).</summary>
public sealed class VirtualClock(long startUtcMs, bool trusted = true) : IClock
{
    public long MonotonicMs { get; private set; } = 1000;
    public long UtcMs { get; set; } = startUtcMs;
    public bool IsTrusted { get; set; } = trusted;

    public void Advance(long ms)
    {
        MonotonicMs += ms;
        UtcMs += ms;
    }
}
