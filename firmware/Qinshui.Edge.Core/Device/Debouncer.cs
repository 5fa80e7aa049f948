namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Time-based debounce of a sampled contact: a new level is accepted only after it has been
    /// read unchanged for DebounceMs. Polled from the scan with monotonic time; no interrupts,
    /// no allocation. Until the first full debounce period after start the state is unknown.
    /// </summary>
    public sealed class Debouncer
    {
        private readonly int _debounceMs;
        private bool _candidate;
        private long _candidateSinceMs;
        private bool _hasCandidate;

        public Debouncer(int debounceMs)
        {
            _debounceMs = debounceMs < 0 ? 0 : debounceMs;
        }

        /// <summary>True once a level has been stable for the debounce time.</summary>
        public bool IsKnown { get; private set; }
        public bool State { get; private set; }

        /// <summary>Feeds one raw sample; returns the debounced state (meaningful only when IsKnown).</summary>
        public bool Sample(bool raw, long nowMs)
        {
            if (!_hasCandidate || raw != _candidate)
            {
                _candidate = raw;
                _candidateSinceMs = nowMs;
                _hasCandidate = true;
            }
            if (nowMs - _candidateSinceMs >= _debounceMs)
            {
                State = _candidate;
                IsKnown = true;
            }
            return State;
        }
    }
}
