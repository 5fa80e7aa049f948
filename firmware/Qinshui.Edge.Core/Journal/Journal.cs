using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Journal
{
    /// <summary>
    /// Store-and-forward journal over an <see cref="IRecordStore"/> of fixed-size segments.
    /// Records are appended with a CRC and made durable (Flush) before Append returns; a power
    /// cut at any byte leaves at most one torn record at the tail, which <see cref="Mount"/>
    /// detects by its CRC and cuts (the segment is closed for writing: flash cannot rewrite it).
    /// A record leaves only when the broker acknowledged it (<see cref="Acknowledge"/>); a
    /// segment is reclaimed once every record in it is acknowledged. When space runs out the
    /// oldest segment is reclaimed: its unsent data records are dropped and counted, its unsent
    /// alarm and event records are copied forward first, so they are never evicted for data.
    /// One segment is always kept free for that copy. All buffers are allocated at construction.
    /// </summary>
    public sealed partial class Journal : IJournalWriter
    {
        private const int StateFree = 0;
        private const int StateUsed = 1;
        /// <summary>During Mount only: a segment whose header fails its check but that may hold records.</summary>
        private const int StateHeaderDamaged = 2;

        private readonly IRecordStore _store;
        private readonly int _segmentCount;
        private readonly int _segmentSize;
        // Per-segment tables in the narrowest element type that holds their values (nanoFramework
        // packs primitive arrays; docs/memory.md): a state, the sequence (u32 as on flash), the
        // bytes used (a segment is at most 65 535 bytes) and the unacknowledged records by lane
        // (at most one per 13-byte record header).
        private readonly byte[] _state;
        private readonly uint[] _segSeq;
        private readonly ushort[] _used;
        private readonly ushort[] _pendingData;
        private readonly ushort[] _pendingPriority;
        private readonly byte[] _scratch;
        private readonly byte[] _hdr = new byte[JournalFormat.SegmentHeaderSize];
        private readonly byte[] _one = new byte[1];
        private readonly JournalStats _stats = new JournalStats();
        private int _head = -1;
        private uint _maxSegSeq;
        private uint _nextRecSeq = 1;

        // Read cursors of the two replay lanes: priority (alarms, events) and data.
        private readonly JournalCursor _priorityCursor = new JournalCursor();
        private readonly JournalCursor _dataCursor = new JournalCursor();

        public Journal(IRecordStore store)
        {
            _store = store;
            _segmentCount = store.SegmentCount;
            _segmentSize = store.SegmentSize;
            if (_segmentCount < 3) throw new System.ArgumentException("the journal needs at least 3 segments");
            if (_segmentSize < 256 || _segmentSize > MaxSegmentSize)
            {
                throw new System.ArgumentException("segment size must be 256 .. 65 535 bytes");
            }
            _state = new byte[_segmentCount];
            _segSeq = new uint[_segmentCount];
            _used = new ushort[_segmentCount];
            _pendingData = new ushort[_segmentCount];
            _pendingPriority = new ushort[_segmentCount];
            _scratch = new byte[_segmentSize];
            Mount();
        }

        /// <summary>Largest segment: its used-bytes count is held in 16 bits.</summary>
        public const int MaxSegmentSize = 65535;

        public JournalStats Stats { get { return _stats; } }

        /// <summary>Largest payload one record can hold (a segment minus the headers).</summary>
        public int MaxPayloadLength { get { return _segmentSize - JournalFormat.SegmentHeaderSize - JournalFormat.RecordHeaderSize; } }

        public int PendingPriority
        {
            get
            {
                int n = 0;
                for (int s = 0; s < _segmentCount; s++) if (_state[s] == StateUsed) n += _pendingPriority[s];
                return n;
            }
        }

        public int PendingData
        {
            get
            {
                int n = 0;
                for (int s = 0; s < _segmentCount; s++) if (_state[s] == StateUsed) n += _pendingData[s];
                return n;
            }
        }

        /// <summary>The sequence number the next appended record will get (records below it exist already).</summary>
        public uint NextRecordSequence { get { return _nextRecSeq; } }

        /// <summary>Bytes of storage in use (segments holding unacknowledged records).</summary>
        public int UsedSegments
        {
            get
            {
                int n = 0;
                for (int s = 0; s < _segmentCount; s++) if (_state[s] == StateUsed) n++;
                return n;
            }
        }

        /// <summary>Appends a record and flushes it: true means it is durable.</summary>
        public bool Append(RecordClass recordClass, byte[] payload, int offset, int count)
        {
            if (count < 0 || count > MaxPayloadLength || (int)recordClass < 0 || (int)recordClass > (int)RecordClass.Event)
            {
                _stats.RefusedAppends++;
                return false;
            }
            int need = JournalFormat.RecordHeaderSize + count;
            if (_head < 0 || _used[_head] + need > _segmentSize)
            {
                if (!OpenHead(need))
                {
                    _stats.RefusedAppends++;
                    return false;
                }
            }
            byte[] r = _scratch;
            r[0] = JournalFormat.RecordMagic;
            r[1] = JournalFormat.AckPending;
            r[2] = (byte)recordClass;
            r[3] = (byte)count;
            r[4] = (byte)(count >> 8);
            JournalFormat.WriteUInt32(r, 5, _nextRecSeq);
            System.Array.Copy(payload, offset, r, JournalFormat.RecordHeaderSize, count);
            uint crc = Crc32.Update(Crc32.Seed, r, 2, 7);
            crc = Crc32.Finish(Crc32.Update(crc, r, JournalFormat.RecordHeaderSize, count));
            JournalFormat.WriteUInt32(r, 9, crc);
            _store.Write(_head, _used[_head], r, 0, need);
            _store.Flush();
            _used[_head] = (ushort)(_used[_head] + need);
            _nextRecSeq++;
            if (recordClass == RecordClass.Data) _pendingData[_head]++;
            else _pendingPriority[_head]++;
            _stats.Appended++;
            return true;
        }

        /// <summary>
        /// The broker acknowledged this record: mark it (ack byte 0xFF → 0x00) and reclaim its
        /// segment when nothing in it is pending. An entry of a segment reclaimed meanwhile is ignored.
        /// </summary>
        public bool Acknowledge(JournalEntry entry)
        {
            int s = entry.Segment;
            if (s < 0 || s >= _segmentCount || _state[s] != StateUsed || _segSeq[s] != entry.SegmentSequence) return false;
            _store.Read(s, entry.Offset, _scratch, 0, JournalFormat.RecordHeaderSize);
            if (_scratch[0] != JournalFormat.RecordMagic || JournalFormat.ReadUInt32(_scratch, 5) != entry.RecordSequence) return false;
            if (_scratch[JournalFormat.AckByteOffset] != JournalFormat.AckPending) return false;
            _one[0] = JournalFormat.AckDone;
            _store.Write(s, entry.Offset + JournalFormat.AckByteOffset, _one, 0, 1);
            _store.Flush();
            if ((RecordClass)_scratch[2] == RecordClass.Data) _pendingData[s]--;
            else _pendingPriority[s]--;
            _stats.Acknowledged++;
            if (s != _head && _pendingData[s] + _pendingPriority[s] == 0) _state[s] = StateFree;
            return true;
        }
    }
}
