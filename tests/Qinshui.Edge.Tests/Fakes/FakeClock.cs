using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>Virtual time: tests advance it explicitly; nothing sleeps.</summary>
public sealed class FakeClock : IClock
{
    public FakeClock(long startMonotonicMs = 1000, long startUtcMs = 1_790_000_000_000, bool trusted = true)
    {
        MonotonicMs = startMonotonicMs;
        UtcMs = startUtcMs;
        IsTrusted = trusted;
    }

    public long MonotonicMs { get; private set; }
    public long UtcMs { get; set; }
    public bool IsTrusted { get; set; }

    public void Advance(long ms)
    {
        if (ms < 0) throw new ArgumentOutOfRangeException(nameof(ms), "monotonic time never goes back");
        MonotonicMs += ms;
        UtcMs += ms;
    }

    public void AdvanceSeconds(double s) => Advance((long)(s * 1000));
}
