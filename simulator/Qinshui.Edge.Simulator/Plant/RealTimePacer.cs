using System.Diagnostics;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// Real-time mode: holds the virtual clock back so it advances no faster than the wall clock
/// (times a speed factor). Used only by interactive runs; tests and --fast runs never wait.
/// </summary>
public sealed class RealTimePacer
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly double _speed;
    private readonly long _originMicros;

    public RealTimePacer(VirtualClock clock, double speed = 1.0)
    {
        if (speed <= 0) throw new ArgumentOutOfRangeException(nameof(speed));
        _speed = speed;
        _originMicros = clock.NowMicros;
    }

    /// <summary>How long the caller must wait before virtual time may reach targetMicros.</summary>
    public TimeSpan WaitBefore(long targetMicros)
    {
        double dueRealMs = (targetMicros - _originMicros) / 1000.0 / _speed;
        double ahead = dueRealMs - _stopwatch.Elapsed.TotalMilliseconds;
        return ahead > 0 ? TimeSpan.FromMilliseconds(ahead) : TimeSpan.Zero;
    }

    public void WaitUntil(long targetMicros)
    {
        var wait = WaitBefore(targetMicros);
        if (wait > TimeSpan.Zero) Thread.Sleep(wait);
    }
}
