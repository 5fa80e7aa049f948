using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Caps the alarm messages one channel may send per window (issue 13 #5): a reading chattering
    /// at a threshold, or a loop flapping between good and faulted, must not flood the platform
    /// and the journal. Only machine-made transitions (level and quality changes) are capped;
    /// acknowledge, reset and inhibit are people's actions and always go out. Nothing is dropped
    /// silently: when a window in which messages were held back ends, <see cref="TryTakeSummary"/>
    /// hands out the count and the last held-back change for an <c>alarm_transitions_suppressed</c>
    /// event. Only messages are capped: the alarm engine and the interlocks act on every transition.
    /// One tumbling window serves every channel: it opens with the first message after the last one
    /// ended. State: a byte, an int and a short per channel, sized at construction; nothing allocates.
    /// </summary>
    public sealed class AlarmMessageLimiter
    {
        public const int DefaultWindowMs = 60000;
        public const int DefaultMessagesPerWindow = 10;

        private const long None = long.MinValue;

        private readonly int _windowMs;
        private readonly int _maxPerWindow;
        // One window for all channels (memory: a byte, an int and a short per channel, docs/memory.md).
        private long _windowStartMs = None;
        private readonly byte[] _sent;
        private readonly int[] _suppressed;
        // The last held-back transition: level index + 1 (bits 0-7), To status (bits 8-10), kind (bits 11-13).
        private readonly short[] _last;
        private int _channelsWithSuppressed;

        public AlarmMessageLimiter(int channels, int windowMs, int maxPerWindow)
        {
            _windowMs = windowMs < 1 ? 1 : windowMs;
            _maxPerWindow = maxPerWindow < 1 ? 1 : (maxPerWindow > 255 ? 255 : maxPerWindow);
            _sent = new byte[channels];
            _suppressed = new int[channels];
            _last = new short[channels];
        }

        public int WindowMs { get { return _windowMs; } }
        public int MaxPerWindow { get { return _maxPerWindow; } }

        /// <summary>Messages held back over the recorder's life (every one of them is in a summary event).</summary>
        public long TotalSuppressed { get; private set; }

        /// <summary>True when the transition may be sent; false when it is held back (and counted).</summary>
        public bool Admit(ref AlarmTransition t, long nowMs)
        {
            if (t.Kind != TransitionKind.LevelChanged && t.Kind != TransitionKind.QualityChanged) return true;
            int c = t.ChannelIndex;
            if (c < 0 || c >= _sent.Length) return true;
            // A window with held-back messages is summarised (TryTakeSummary) before the next opens.
            if (Ended(nowMs) && _channelsWithSuppressed == 0) Open(nowMs);
            if (!Ended(nowMs) && _sent[c] < _maxPerWindow)
            {
                _sent[c]++;
                return true;
            }
            if (_suppressed[c] == 0) _channelsWithSuppressed++;
            _suppressed[c]++;
            _last[c] = (short)(((t.LevelIndex + 1) & 0xFF) | (((int)t.To & 7) << 8) | (((int)t.Kind & 7) << 11));
            TotalSuppressed++;
            return false;
        }

        private bool Ended(long nowMs) { return _windowStartMs == None || nowMs - _windowStartMs >= _windowMs; }

        private void Open(long nowMs)
        {
            _windowStartMs = nowMs;
            for (int i = 0; i < _sent.Length; i++) _sent[i] = 0;
        }

        /// <summary>
        /// After the window has ended, one channel that had messages held back in it: how many, and the last
        /// of them (its level index, -1 for a quality change, and the status it went to). Each once.
        /// </summary>
        public bool TryTakeSummary(long nowMs, out int channel, out int count, out int lastLevel, out LevelStatus lastTo, out TransitionKind lastKind)
        {
            channel = -1;
            count = 0;
            lastLevel = -1;
            lastTo = LevelStatus.Normal;
            lastKind = TransitionKind.LevelChanged;
            if (_channelsWithSuppressed == 0 || !Ended(nowMs)) return false;
            for (int c = 0; c < _suppressed.Length; c++)
            {
                if (_suppressed[c] == 0) continue;
                channel = c;
                count = _suppressed[c];
                lastLevel = (_last[c] & 0xFF) - 1;
                lastTo = (LevelStatus)((_last[c] >> 8) & 7);
                lastKind = (TransitionKind)((_last[c] >> 11) & 7);
                _suppressed[c] = 0;
                _channelsWithSuppressed--;
                return true;
            }
            return false;
        }
    }
}
