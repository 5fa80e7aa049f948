using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The simulated gateway's own wall clock (its RTC): the plant's virtual time plus an offset that
/// the `set_time` command and the `set_clock` timeline action move, and a trust flag. The
/// monotonic clock is the plant's, untouched: a wall-clock change never moves virtual time, so the
/// plant, the platform and the expectations keep true time while the gateway sees the jump.
/// Like the device before issue 13, a successful set counts as a sync here (trusted): judging a
/// set-back is the core's job (Clock/GuardedClock), not the port's. The offset survives power cuts
/// (an RTC keeps time over a reboot).
/// </summary>
public sealed class GatewayWallClock(IClock plantClock) : IClock, IClockAdjuster
{
    private bool _trusted = true;

    /// <summary>How far the gateway's wall clock is from true (plant) time, ms; negative = behind.</summary>
    public long OffsetMs { get; private set; }

    public long MonotonicMs => plantClock.MonotonicMs;
    public long UtcMs => plantClock.UtcMs + OffsetMs;
    public bool IsTrusted => _trusted && plantClock.IsTrusted;

    /// <summary>The set_time command's port: refuses a time before the firmware could exist, as the device does.</summary>
    public bool TrySetUtc(long utcMs)
    {
        if (utcMs < ClockTrust.PlausibleFloorUtcMs) return false;
        OffsetMs = utcMs - plantClock.UtcMs;
        _trusted = true;
        return true;
    }

    /// <summary>The timeline's set_clock: moves the wall clock by jumpMs (negative = back) and/or sets whether it is trusted.</summary>
    public void Jump(long jumpMs) => OffsetMs += jumpMs;

    public void SetTrusted(bool trusted) => _trusted = trusted;
}
