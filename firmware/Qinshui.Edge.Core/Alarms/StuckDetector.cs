namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Frozen-sensor (flatline) diagnostic of every channel (issue 13 #2). Each good sample is compared
    /// with a reference: a change of at least the channel's minimum variation moves the reference and
    /// restarts the window; a channel whose samples all stayed within it for the whole window is stuck.
    /// Stuck latches: it ends only when the signal has moved again and a reset is accepted (a person
    /// looks at the head). Samples taken while inhibited restart the window (calibration gas is a
    /// deliberate change, not evidence of a live head). Memory: packed arrays per channel, sized here;
    /// nothing allocates afterwards.
    /// </summary>
    public sealed class StuckDetector
    {
        private const long None = long.MinValue;
        private const byte Watching = 0;
        private const byte StuckState = 1;
        private const byte MovedSinceStuck = 2;

        private readonly int[] _windowMs;
        private readonly float[] _minVariation;
        private readonly float[] _reference;
        private readonly long[] _sinceMs;
        private readonly byte[] _state;

        public StuckDetector(ChannelConfig[] channels)
        {
            int n = channels.Length;
            _windowMs = new int[n];
            _minVariation = new float[n];
            _reference = new float[n];
            _sinceMs = new long[n];
            _state = new byte[n];
            for (int c = 0; c < n; c++)
            {
                _windowMs[c] = channels[c].StuckWindowMs > 0 ? channels[c].StuckWindowMs : 0;
                _minVariation[c] = (float)channels[c].StuckMinVariation;
                _sinceMs[c] = None;
            }
        }

        public int WindowMs(int channel) { return _windowMs[channel]; }
        public double MinVariation(int channel) { return _minVariation[channel]; }

        public bool IsStuck(int channel) { return _state[channel] != Watching; }

        /// <summary>Stuck, but the signal has moved since: a reset may now clear it.</summary>
        public bool HasMovedSinceStuck(int channel) { return _state[channel] == MovedSinceStuck; }

        /// <summary>A good sample at nowMs.</summary>
        public void Observe(int channel, double value, long nowMs)
        {
            if (_windowMs[channel] == 0) return;
            double d = value - _reference[channel];
            if (d < 0) d = -d;
            // The reference is a float: 0.1 % slack so that a change of exactly the minimum variation counts.
            bool moved = _sinceMs[channel] == None || d >= _minVariation[channel] * 0.999;
            if (!moved) return;
            if (_state[channel] == StuckState && _sinceMs[channel] != None) _state[channel] = MovedSinceStuck;
            _reference[channel] = (float)value;
            _sinceMs[channel] = nowMs;
        }

        /// <summary>Judges the window at nowMs (call while the data is good and not inhibited). True when it just became stuck.</summary>
        public bool Judge(int channel, long nowMs)
        {
            if (_windowMs[channel] == 0 || _state[channel] != Watching || _sinceMs[channel] == None) return false;
            if (nowMs - _sinceMs[channel] < _windowMs[channel]) return false;
            _state[channel] = StuckState;
            return true;
        }

        /// <summary>Inhibited: forget the reference; the window starts again with the next good sample.</summary>
        public void Restart(int channel)
        {
            if (_state[channel] == Watching) _sinceMs[channel] = None;
        }

        /// <summary>A reset: clears a stuck channel whose signal has moved since. False while it has not moved.</summary>
        public bool TryClear(int channel, long nowMs)
        {
            if (_state[channel] == Watching) return true;
            if (_state[channel] != MovedSinceStuck) return false;
            _state[channel] = Watching;
            _sinceMs[channel] = nowMs;
            return true;
        }
    }
}
