namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Whether the wall clock can be believed. The ESP32's RTC starts at 1970 after power-on and
    /// keeps time (with drift) over a soft reboot, so a plausible date alone proves nothing:
    /// the clock is trusted only after a synchronisation since boot (SNTP, or a set-time command),
    /// and stays trusted for MaxHoldMs without another one (the RTC drifts; HJ 352-2019 practice
    /// asks for ±30 s). A step of more than JumpThresholdMs between wall and monotonic time is a
    /// jump (counted, reported as an event by whoever reads JumpCount).
    /// </summary>
    public sealed class ClockTrust
    {
        public const long JumpThresholdMs = 30000;

        /// <summary>Earliest plausible wall time: 2026-01-01T00:00:00Z (the firmware cannot run before it was built).</summary>
        public const long PlausibleFloorUtcMs = 1767225600000L;

        private readonly long _maxHoldMs;
        private bool _hasAnchor;
        private long _anchorUtcMs;
        private long _anchorMonotonicMs;
        private long _syncedAtMonotonicMs;
        private bool _synced;

        public ClockTrust(long maxHoldMs)
        {
            _maxHoldMs = maxHoldMs;
        }

        public int JumpCount { get; private set; }
        public long LastJumpMs { get; private set; }

        /// <summary>A synchronisation happened (SNTP answer observed or time set by command).</summary>
        public void Synchronised(long utcMs, long monotonicMs)
        {
            if (utcMs < PlausibleFloorUtcMs) return;
            Observe(utcMs, monotonicMs);
            _synced = true;
            _syncedAtMonotonicMs = monotonicMs;
        }

        /// <summary>Compares a reading of the wall clock with the monotonic clock; counts jumps.</summary>
        public void Observe(long utcMs, long monotonicMs)
        {
            if (_hasAnchor)
            {
                long expected = _anchorUtcMs + (monotonicMs - _anchorMonotonicMs);
                long step = utcMs - expected;
                if (step > JumpThresholdMs || step < -JumpThresholdMs)
                {
                    JumpCount++;
                    LastJumpMs = step;
                }
            }
            _hasAnchor = true;
            _anchorUtcMs = utcMs;
            _anchorMonotonicMs = monotonicMs;
        }

        public bool IsTrusted(long utcMs, long monotonicMs)
        {
            return _synced && utcMs >= PlausibleFloorUtcMs && monotonicMs - _syncedAtMonotonicMs <= _maxHoldMs;
        }
    }
}
