using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The journal records published and not yet acknowledged (QoS 1, MQTT 3.1.1 §4.3.2), each under
    /// the token the link gave its publish, plus one record a refused publish left to retry. A PUBACK
    /// removes exactly the record whose token it carries (<see cref="TryRemove"/>): PUBACKs may come
    /// in any order, so the oldest row is not the acknowledged one.
    /// Memory (docs/memory.md): one int[] of <see cref="RowInts"/> ints per slot — token, segment,
    /// offset, segment sequence, record sequence — not JournalEntry[] (nanoFramework boxes every struct
    /// element). The row after the window is the retry row; its token column keeps the record's class
    /// and payload length (a record is under 64 KiB).
    /// </summary>
    public sealed class InFlightWindow
    {
        public const int RowInts = 5;

        private readonly int[] _rows;
        private readonly int _capacity;
        private int _count;
        private bool _hasRetry;

        /// <param name="capacity">Publishes that may wait for their PUBACK at once (at least 1).</param>
        public InFlightWindow(int capacity)
        {
            if (capacity < 1) throw new System.ArgumentException("the in-flight window needs at least one slot");
            _capacity = capacity;
            _rows = new int[(capacity + 1) * RowInts];
        }

        public int Capacity { get { return _capacity; } }

        /// <summary>Records published and waiting for their PUBACK.</summary>
        public int Count { get { return _count; } }

        public bool IsFull { get { return _count >= _capacity; } }

        /// <summary>True when a refused publish left a record to send again before any other.</summary>
        public bool HasRetry { get { return _hasRetry; } }

        /// <summary>
        /// The connection is gone (or new): nothing in flight will be acknowledged and the retry is
        /// void; every record stays pending in the journal and is replayed from there.
        /// </summary>
        public void Clear()
        {
            _count = 0;
            _hasRetry = false;
        }

        /// <summary>Keeps a published record under its token. False when the window is full (nothing kept).</summary>
        public bool Add(int token, JournalEntry entry)
        {
            if (_count >= _capacity) return false;
            Write(_count, token, entry);
            _count++;
            return true;
        }

        /// <summary>
        /// The broker acknowledged token: takes out the record published under it and returns it.
        /// False for a token not in the window (a PUBACK of a live message, or of a connection gone).
        /// </summary>
        public bool TryRemove(int token, out JournalEntry entry)
        {
            for (int row = 0; row < _count; row++)
            {
                if (_rows[row * RowInts] != token) continue;
                entry = Read(row);
                _count--;
                // The last row fills the hole: order in the window means nothing (PUBACKs come in any order).
                System.Array.Copy(_rows, _count * RowInts, _rows, row * RowInts, RowInts);
                return true;
            }
            entry = new JournalEntry();
            return false;
        }

        /// <summary>A publish of this record was refused by the link: keep where it lives to read it again.</summary>
        public void KeepRetry(JournalEntry entry)
        {
            Write(_capacity, ((int)entry.Class << 16) | (entry.PayloadLength & 0xFFFF), entry);
            _hasRetry = true;
        }

        /// <summary>Takes the record a refused publish left (its class and length included). False when none.</summary>
        public bool TryTakeRetry(out JournalEntry entry)
        {
            if (!_hasRetry)
            {
                entry = new JournalEntry();
                return false;
            }
            _hasRetry = false;
            entry = Read(_capacity);
            int packed = _rows[_capacity * RowInts];
            entry.PayloadLength = packed & 0xFFFF;
            entry.Class = (RecordClass)(packed >> 16);
            return true;
        }

        private JournalEntry Read(int row)
        {
            JournalEntry e = new JournalEntry();
            int at = row * RowInts;
            e.Segment = _rows[at + 1];
            e.Offset = _rows[at + 2];
            e.SegmentSequence = (uint)_rows[at + 3];
            e.RecordSequence = (uint)_rows[at + 4];
            return e;
        }

        private void Write(int row, int token, JournalEntry e)
        {
            int at = row * RowInts;
            _rows[at] = token;
            _rows[at + 1] = e.Segment;
            _rows[at + 2] = e.Offset;
            _rows[at + 3] = (int)e.SegmentSequence;
            _rows[at + 4] = (int)e.RecordSequence;
        }
    }
}
