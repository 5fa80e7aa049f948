using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Clock
{
    /// <summary>
    /// Watches the wall clock against the monotonic clock: a change of their offset by more than
    /// 30 s (SNTP sync, set_time, RTC fault) is a jump and is recorded as an event, and so is every
    /// change of trust. Timestamps in payloads are UTC ms; readings taken while the clock is not
    /// trusted carry Quality.ClockUntrusted (TelemetryRecorder). Step allocates only when it records.
    /// </summary>
    public sealed class ClockMonitor
    {
        public const long JumpThresholdMs = 30000;

        private readonly IClock _clock;
        private readonly TelemetryRecorder _recorder;
        private bool _started;
        private long _offsetMs;
        private bool _trusted;

        public ClockMonitor(IClock clock, TelemetryRecorder recorder)
        {
            _clock = clock;
            _recorder = recorder;
        }

        public long Jumps { get; private set; }
        public bool IsTrusted { get { return _clock.IsTrusted; } }

        public void Step()
        {
            long offset = _clock.UtcMs - _clock.MonotonicMs;
            bool trusted = _clock.IsTrusted;
            if (!_started)
            {
                _started = true;
                _offsetMs = offset;
                _trusted = trusted;
                return;
            }
            long delta = offset - _offsetMs;
            if (delta > JumpThresholdMs || delta < -JumpThresholdMs)
            {
                Jumps++;
                long s = delta / 1000;
                _recorder.RecordEvent("clock_jump", EventSeverity.Warning, null,
                    "wall clock jumped by " + s.ToString() + " s",
                    "时钟跳变 " + s.ToString() + " 秒");
            }
            _offsetMs = offset;
            if (trusted != _trusted)
            {
                _trusted = trusted;
                if (trusted) _recorder.RecordEvent("clock_trusted", EventSeverity.Info, null, "wall clock synchronised", "时钟已同步");
                else _recorder.RecordEvent("clock_untrusted", EventSeverity.Warning, null, "wall clock no longer trusted", "时钟不可信");
            }
        }
    }
}
