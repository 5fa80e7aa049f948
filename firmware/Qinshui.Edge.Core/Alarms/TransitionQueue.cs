using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Fixed-capacity FIFO of transitions, preallocated. When full the oldest is overwritten and
    /// counted (<see cref="Overflowed"/>, reported as transitions_lost in health): the engine
    /// never blocks and never allocates; the caller drains it every scan.
    /// Stored as parallel primitive arrays, not an AlarmTransition[]: on nanoFramework every
    /// element of a struct array is a separately boxed object (≈120 bytes for this struct),
    /// while packed arrays cost 24 bytes per slot (docs/memory.md). Kind, from, to, level and
    /// quality share one int per slot.
    /// </summary>
    public sealed class TransitionQueue
    {
        // Layout of _packed: kind bits 0-2, from 3-5, to 6-8, level + 1 bits 9-13, quality bits 14-31.
        private const int LevelShift = 9;
        private const int QualityShift = 14;
        private const int LevelMask = 0x1F;
        /// <summary>The quality bits a slot keeps (every flag of <see cref="Quality"/> fits).</summary>
        public const int QualityMask = 0x3FFFF;

        private readonly int[] _packed;
        private readonly int[] _channel;
        private readonly double[] _value;
        private readonly long[] _atMs;
        private int _head;
        private int _count;
        private long _overflowed;

        public TransitionQueue(int capacity)
        {
            int n = capacity < 1 ? 1 : capacity;
            _packed = new int[n];
            _channel = new int[n];
            _value = new double[n];
            _atMs = new long[n];
        }

        public int Count { get { return _count; } }
        public int Capacity { get { return _packed.Length; } }

        /// <summary>Transitions lost because the queue was full (reported in health).</summary>
        public long Overflowed { get { return _overflowed; } }

        internal void Enqueue(ref AlarmTransition t)
        {
            int capacity = _packed.Length;
            if (_count == capacity)
            {
                _head = (_head + 1) % capacity;
                _count--;
                _overflowed++;
            }
            int i = (_head + _count) % capacity;
            _packed[i] = ((int)t.Kind & 7) | (((int)t.From & 7) << 3) | (((int)t.To & 7) << 6)
                | (((t.LevelIndex + 1) & LevelMask) << LevelShift) | (((int)t.Quality & QualityMask) << QualityShift);
            _channel[i] = t.ChannelIndex;
            _value[i] = t.Value;
            _atMs[i] = t.AtMs;
            _count++;
        }

        public bool TryDequeue(out AlarmTransition t)
        {
            t = default(AlarmTransition);
            if (_count == 0) return false;
            int i = _head;
            int p = _packed[i];
            t.Kind = (TransitionKind)(p & 7);
            t.From = (LevelStatus)((p >> 3) & 7);
            t.To = (LevelStatus)((p >> 6) & 7);
            t.LevelIndex = ((p >> LevelShift) & LevelMask) - 1;
            t.Quality = (Quality)((p >> QualityShift) & QualityMask);
            t.ChannelIndex = _channel[i];
            t.Value = _value[i];
            t.AtMs = _atMs[i];
            _head = (_head + 1) % _packed.Length;
            _count--;
            return true;
        }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}
