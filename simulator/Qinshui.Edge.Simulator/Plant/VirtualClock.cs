using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// Deterministic virtual time for the plant, the bus and the gateway under test. Time is kept in
/// microseconds so that RS-485 character times (1.15 ms at 9600 baud) are exact; the core sees
/// milliseconds through <see cref="IClock"/>. Scheduled actions run in time order, ties in the
/// order they were scheduled, so a run with the same seed is the same run.
/// </summary>
public sealed class VirtualClock : IClock
{
    private readonly PriorityQueue<Action, (long AtMicros, long Sequence)> _due = new();
    private long _sequence;

    public VirtualClock(long startUtcMs = 1_795_852_800_000, bool trusted = true)
    {
        StartUtcMs = startUtcMs;
        IsTrusted = trusted;
    }

    public long StartUtcMs { get; }
    public long NowMicros { get; private set; }
    public long MonotonicMs => NowMicros / 1000;
    public long UtcMs => StartUtcMs + MonotonicMs;
    public bool IsTrusted { get; set; }
    public int PendingCount => _due.Count;

    /// <summary>Runs action when virtual time reaches atMicros (at once on the next advance if already past).</summary>
    public void ScheduleAt(long atMicros, Action action)
    {
        _due.Enqueue(action, (Math.Max(atMicros, NowMicros), _sequence++));
    }

    public void ScheduleAfterMicros(long delayMicros, Action action) => ScheduleAt(NowMicros + delayMicros, action);

    /// <summary>Advances to atMicros, running every action due on the way at its own time.</summary>
    public void AdvanceTo(long atMicros)
    {
        if (atMicros < NowMicros) throw new ArgumentOutOfRangeException(nameof(atMicros), "virtual time never goes back");
        while (_due.TryPeek(out var action, out var key) && key.AtMicros <= atMicros)
        {
            _due.Dequeue();
            NowMicros = key.AtMicros;
            action();
        }
        NowMicros = atMicros;
    }

    public void AdvanceMs(long ms) => AdvanceTo(NowMicros + ms * 1000);
}
