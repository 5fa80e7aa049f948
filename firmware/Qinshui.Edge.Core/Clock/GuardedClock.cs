using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Clock
{
    /// <summary>
    /// The clock the gateway's logic sees: the port's clock, except that a backward jump of the wall
    /// clock (against the monotonic clock) larger than <see cref="JumpToleranceMs"/> while it was
    /// trusted makes it untrusted until the time is confirmed. A set-back is how a permit or a
    /// certificate would be stretched (ARCHITECTURE.md, safety principle 4), so it is never a
    /// trusted sync by itself. Confirmation: a later authenticated set_time that does not step
    /// back again (the same time restated, or the true time forward). Forward jumps keep trust:
    /// they only end what has ended. Jumps are observed on every
    /// read of UtcMs or IsTrusted, so no reader can act on a jumped clock before it is noticed.
    /// Allocates nothing.
    /// </summary>
    public sealed class GuardedClock : IClock, IClockAdjuster
    {
        /// <summary>HJ 352-2019 practice: a logger's clock within 30 s of Beijing time; a larger step is a jump.</summary>
        public const long JumpToleranceMs = 30000;

        private readonly IClock _inner;
        private readonly IClockAdjuster _adjuster;
        private bool _started;
        private long _offsetMs;
        private bool _lastTrusted;

        public GuardedClock(IClock inner, IClockAdjuster adjuster)
        {
            _inner = inner;
            _adjuster = adjuster;
        }

        public IClock Inner { get { return _inner; } }
        public long MonotonicMs { get { return _inner.MonotonicMs; } }

        public long UtcMs
        {
            get
            {
                Observe();
                return _inner.UtcMs;
            }
        }

        public bool IsTrusted
        {
            get
            {
                Observe();
                return _lastTrusted && !AwaitingConfirmation;
            }
        }

        /// <summary>A backward jump happened and no agreeing time has been stated since.</summary>
        public bool AwaitingConfirmation { get; private set; }

        /// <summary>Jumps (either way) beyond the tolerance since boot; the last one's size (ms, negative = back).</summary>
        public int JumpCount { get; private set; }
        public long LastJumpMs { get; private set; }

        /// <summary>Backward jumps that withdrew trust.</summary>
        public int BackwardJumpCount { get; private set; }

        /// <summary>Times confirmed after a backward jump.</summary>
        public int ConfirmationCount { get; private set; }

        /// <summary>Compares the wall clock with the monotonic clock now; notes a jump.</summary>
        public void Observe()
        {
            long offset = _inner.UtcMs - _inner.MonotonicMs;
            bool trusted = _inner.IsTrusted;
            if (!_started)
            {
                _started = true;
                _offsetMs = offset;
                _lastTrusted = trusted;
                return;
            }
            long delta = offset - _offsetMs;
            if (delta > JumpToleranceMs || delta < -JumpToleranceMs)
            {
                JumpCount++;
                LastJumpMs = delta;
                // Only a clock that was believed can stretch a validity: a set-back of an untrusted
                // clock (the first sync after boot) judged nothing before it.
                if (delta < 0 && _lastTrusted)
                {
                    AwaitingConfirmation = true;
                    BackwardJumpCount++;
                }
            }
            _offsetMs = offset;
            _lastTrusted = trusted;
        }

        /// <summary>
        /// The set_time command. After a backward jump, an authenticated time that does not step
        /// back again confirms the clock: the same time restated (the set-back was right) or a time
        /// forward (it was wrong) — neither can stretch a validity. A set that steps back is a jump.
        /// </summary>
        public bool TrySetUtc(long utcMs)
        {
            Observe();
            long diff = utcMs - _inner.UtcMs;
            bool agrees = diff <= JumpToleranceMs && diff >= -JumpToleranceMs;
            // The port sets (and, on the device, runs its own ClockTrust over) the time; an
            // agreeing time is passed on too, so the port's trust gets its confirming sync.
            if (_adjuster != null && !_adjuster.TrySetUtc(utcMs)) return false;
            if (_adjuster == null && !agrees) return false;
            Observe(); // a set-back by this very command is a jump: trust withdrawn here
            if (AwaitingConfirmation && diff >= -JumpToleranceMs)
            {
                AwaitingConfirmation = false;
                ConfirmationCount++;
            }
            return true;
        }
    }
}
