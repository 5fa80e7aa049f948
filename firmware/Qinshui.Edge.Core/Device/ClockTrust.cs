namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Whether the wall clock can be believed. The ESP32's RTC starts at 1970 after power-on and
    /// keeps time (with drift) over a soft reboot, so a plausible date alone proves nothing:
    /// the clock is trusted only after a synchronisation since boot (SNTP, or a set-time command),
    /// and stays trusted for MaxHoldMs without another one (the RTC drifts; HJ 352-2019 practice
    /// asks for ±30 s). A step of more than JumpThresholdMs between wall and monotonic time is a
    /// jump (counted, reported as an event by whoever reads JumpCount). A step back while the
    /// clock was trusted is not a trusted sync, whoever made it: it would stretch every "valid
    /// until" judged on the wall clock, so the clock is untrusted until a later synchronisation
    /// that does not step back again (within JumpThresholdMs) confirms it — a second source.
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
        private long _jumpBackAtMonotonicMs;

        public ClockTrust(long maxHoldMs)
        {
            _maxHoldMs = maxHoldMs;
        }

        public int JumpCount { get; private set; }
        public long LastJumpMs { get; private set; }

        /// <summary>A step back happened while trusted and no synchronisation has confirmed the new time since.</summary>
        public bool AwaitingConfirmation { get; private set; }

        /// <summary>A synchronisation happened (SNTP answer observed or time set by command).</summary>
        public void Synchronised(long utcMs, long monotonicMs)
        {
            if (utcMs < PlausibleFloorUtcMs) return;
            long step = Observe(utcMs, monotonicMs);
            // The sync that stepped back (or one observed at the same instant) cannot confirm itself;
            // a later one that does not step back again does (the new time restated, or the true time forward).
            if (AwaitingConfirmation && (monotonicMs <= _jumpBackAtMonotonicMs || step < -JumpThresholdMs)) return;
            AwaitingConfirmation = false;
            _synced = true;
            _syncedAtMonotonicMs = monotonicMs;
        }

        /// <summary>Compares a reading of the wall clock with the monotonic clock; counts jumps and returns the step (ms).</summary>
        public long Observe(long utcMs, long monotonicMs)
        {
            long step = 0;
            if (_hasAnchor)
            {
                long expected = _anchorUtcMs + (monotonicMs - _anchorMonotonicMs);
                step = utcMs - expected;
                if (step > JumpThresholdMs || step < -JumpThresholdMs)
                {
                    JumpCount++;
                    LastJumpMs = step;
                    if (step < 0 && (AwaitingConfirmation || IsTrusted(expected, monotonicMs)))
                    {
                        AwaitingConfirmation = true;
                        _jumpBackAtMonotonicMs = monotonicMs;
                    }
                }
            }
            _hasAnchor = true;
            _anchorUtcMs = utcMs;
            _anchorMonotonicMs = monotonicMs;
            return step;
        }

        public bool IsTrusted(long utcMs, long monotonicMs)
        {
            return _synced && !AwaitingConfirmation && utcMs >= PlausibleFloorUtcMs && monotonicMs - _syncedAtMonotonicMs <= _maxHoldMs;
        }
    }
}
