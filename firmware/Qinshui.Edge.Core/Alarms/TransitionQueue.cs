using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Fixed-capacity FIFO of transitions, preallocated. When full the oldest is overwritten and
    /// counted: the engine never blocks and never allocates; the caller drains it every scan.
    /// Stored as parallel primitive arrays, not an AlarmTransition[]: on nanoFramework every
    /// element of a struct array is a separately boxed object (≈120 bytes for this struct),
    /// while packed arrays cost ≈31 bytes per slot (docs/memory.md).
    /// </summary>
    public sealed class TransitionQueue
    {
        private readonly byte[] _kind;
        private readonly int[] _channel;
        private readonly int[] _level;
        private readonly byte[] _from;
        private readonly byte[] _to;
        private readonly double[] _value;
        private readonly int[] _quality;
        private readonly long[] _atMs;
        private int _head;
        private int _count;

        public TransitionQueue(int capacity)
        {
            int n = capacity < 1 ? 1 : capacity;
            _kind = new byte[n];
            _channel = new int[n];
            _level = new int[n];
            _from = new byte[n];
            _to = new byte[n];
            _value = new double[n];
            _quality = new int[n];
            _atMs = new long[n];
        }

        public int Count { get { return _count; } }
        public int Capacity { get { return _kind.Length; } }

        /// <summary>Transitions lost because the queue was full (reported in health).</summary>
        public long Overflowed { get; private set; }

        internal void Enqueue(ref AlarmTransition t)
        {
            int capacity = _kind.Length;
            if (_count == capacity)
            {
                _head = (_head + 1) % capacity;
                _count--;
                Overflowed++;
            }
            int i = (_head + _count) % capacity;
            _kind[i] = (byte)t.Kind;
            _channel[i] = t.ChannelIndex;
            _level[i] = t.LevelIndex;
            _from[i] = (byte)t.From;
            _to[i] = (byte)t.To;
            _value[i] = t.Value;
            _quality[i] = (int)t.Quality;
            _atMs[i] = t.AtMs;
            _count++;
        }

        public bool TryDequeue(out AlarmTransition t)
        {
            t = default(AlarmTransition);
            if (_count == 0) return false;
            int i = _head;
            t.Kind = (TransitionKind)_kind[i];
            t.ChannelIndex = _channel[i];
            t.LevelIndex = _level[i];
            t.From = (LevelStatus)_from[i];
            t.To = (LevelStatus)_to[i];
            t.Value = _value[i];
            t.Quality = (Quality)_quality[i];
            t.AtMs = _atMs[i];
            _head = (_head + 1) % _kind.Length;
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
