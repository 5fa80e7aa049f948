using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Clock
{
    /// <summary>
    /// Reports what the <see cref="GuardedClock"/> saw: a change of the wall clock against the
    /// monotonic clock by more than 30 s (SNTP sync, set_time, RTC fault) is an event
    /// `clock_jump`; a backward one also withdraws trust until the time is confirmed (the event
    /// says so), and every change of trust is an event. Timestamps in payloads are UTC ms;
    /// readings taken while the clock is not trusted carry Quality.ClockUntrusted
    /// (TelemetryRecorder). Step allocates only when it records.
    /// </summary>
    public sealed class ClockMonitor
    {
        public const long JumpThresholdMs = GuardedClock.JumpToleranceMs;

        private readonly GuardedClock _clock;
        private readonly TelemetryRecorder _recorder;
        private bool _started;
        private int _jumpsSeen;
        private bool _trusted;

        /// <summary>Watches a plain clock (a guard of its own is put in front of it).</summary>
        public ClockMonitor(IClock clock, TelemetryRecorder recorder)
            : this(clock as GuardedClock ?? new GuardedClock(clock, null), recorder)
        {
        }

        public ClockMonitor(GuardedClock clock, TelemetryRecorder recorder)
        {
            _clock = clock;
            _recorder = recorder;
        }

        public long Jumps { get { return _clock.JumpCount; } }
        public bool IsTrusted { get { return _clock.IsTrusted; } }

        public void Step()
        {
            bool trusted = _clock.IsTrusted; // observes
            if (!_started)
            {
                _started = true;
                _jumpsSeen = _clock.JumpCount;
                _trusted = trusted;
                return;
            }
            if (_clock.JumpCount != _jumpsSeen)
            {
                _jumpsSeen = _clock.JumpCount;
                long s = _clock.LastJumpMs / 1000;
                if (s < 0 && _clock.AwaitingConfirmation)
                {
                    _recorder.RecordEvent("clock_jump", EventSeverity.Warning, null,
                        "wall clock jumped back by " + (-s).ToString() + " s: untrusted until the time is confirmed (set_time again); no permit or session starts meanwhile",
                        "时钟回拨 " + (-s).ToString() + " 秒：确认时间前不可信（再次下发 set_time），期间不得开始作业");
                }
                else
                {
                    _recorder.RecordEvent("clock_jump", EventSeverity.Warning, null,
                        "wall clock jumped by " + s.ToString() + " s",
                        "时钟跳变 " + s.ToString() + " 秒");
                }
            }
            if (trusted != _trusted)
            {
                _trusted = trusted;
                if (trusted) _recorder.RecordEvent("clock_trusted", EventSeverity.Info, null, "wall clock synchronised", "时钟已同步");
                else _recorder.RecordEvent("clock_untrusted", EventSeverity.Warning, null, "wall clock no longer trusted", "时钟不可信");
            }
        }
    }
}
