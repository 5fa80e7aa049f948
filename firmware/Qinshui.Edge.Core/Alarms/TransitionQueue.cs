namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Fixed-capacity FIFO of transitions, preallocated. When full the oldest is overwritten and
    /// counted: the engine never blocks and never allocates; the caller drains it every scan.
    /// </summary>
    public sealed class TransitionQueue
    {
        private readonly AlarmTransition[] _items;
        private int _head;
        private int _count;

        public TransitionQueue(int capacity)
        {
            _items = new AlarmTransition[capacity < 1 ? 1 : capacity];
        }

        public int Count { get { return _count; } }
        public int Capacity { get { return _items.Length; } }

        /// <summary>Transitions lost because the queue was full (reported in health).</summary>
        public long Overflowed { get; private set; }

        internal void Enqueue(ref AlarmTransition t)
        {
            if (_count == _items.Length)
            {
                _head = (_head + 1) % _items.Length;
                _count--;
                Overflowed++;
            }
            _items[(_head + _count) % _items.Length] = t;
            _count++;
        }

        public bool TryDequeue(out AlarmTransition t)
        {
            if (_count == 0)
            {
                t = default(AlarmTransition);
                return false;
            }
            t = _items[_head];
            _head = (_head + 1) % _items.Length;
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
