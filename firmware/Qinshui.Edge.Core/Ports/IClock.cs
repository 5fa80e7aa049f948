namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Time as a port. The core never reads the system clock: the device adapter uses
    /// esp_timer (HighResTimer, µs) + SNTP/RTC, the desktop a Stopwatch, tests a fake clock.
    /// </summary>
    public interface IClock
    {
        /// <summary>Monotonic milliseconds since an arbitrary origin (boot). Never goes back.</summary>
        long MonotonicMs { get; }

        /// <summary>Wall-clock time, UTC milliseconds since the Unix epoch.</summary>
        long UtcMs { get; }

        /// <summary>True once the wall clock was synchronised since boot or read from a valid RTC.</summary>
        bool IsTrusted { get; }
    }
}
