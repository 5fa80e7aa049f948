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
    public sealed class Journal : IJournalWriter
    {
        private const int StateFree = 0;
        private const int StateUsed = 1;

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
        private readonly Cursor _priorityCursor = new Cursor();
        private readonly Cursor _dataCursor = new Cursor();

        private sealed class Cursor
        {
            public int Segment = -1;
            public uint SegSeq;
            public int Offset;

            public void Rewind()
            {
                Segment = -1;
                SegSeq = 0;
                Offset = 0;
            }
        }

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

        /// <summary>
        /// Scans the store: validates segment headers, walks records checking each CRC, cuts a
        /// torn tail, and rebuilds the pending counts. Called by the constructor (after a reboot).
        /// </summary>
        public void Mount()
        {
            _head = -1;
            _maxSegSeq = 0;
            _nextRecSeq = 1;
            for (int s = 0; s < _segmentCount; s++)
            {
                _state[s] = StateFree;
                _pendingData[s] = 0;
                _pendingPriority[s] = 0;
                _used[s] = 0;
                _segSeq[s] = 0;
                if (_store.Read(s, 0, _hdr, 0, JournalFormat.SegmentHeaderSize) != JournalFormat.SegmentHeaderSize) continue;
                if (!IsValidSegmentHeader(_hdr)) continue;
                _segSeq[s] = JournalFormat.ReadUInt32(_hdr, 4);
                if (_segSeq[s] > _maxSegSeq) _maxSegSeq = _segSeq[s];
                _state[s] = StateUsed;
            }
            ResolveRelocations();
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] == StateUsed) ScanSegment(s);
            }
            // The newest segment stays the head (if it is not closed); fully acknowledged older ones are free.
            uint best = 0;
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] == StateUsed && _segSeq[s] >= best)
                {
                    best = _segSeq[s];
                    _head = s;
                }
            }
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] == StateUsed && s != _head && _pendingData[s] + _pendingPriority[s] == 0) _state[s] = StateFree;
            }
            if (_head >= 0 && _used[_head] >= _segmentSize) _head = -1;
            _priorityCursor.Rewind();
            _dataCursor.Rewind();
        }

        private static bool IsValidSegmentHeader(byte[] h)
        {
            if (h[0] != (byte)'Q' || h[1] != (byte)'J' || h[2] != (byte)'S' || h[3] != (byte)'1') return false;
            return Crc32.Compute(h, 0, 12) == JournalFormat.ReadUInt32(h, 12);
        }

        /// <summary>
        /// Finishes or undoes a reclaim cut short by a power loss: a complete copy wins and its
        /// source segment is erased; an incomplete copy is erased and the source stays.
        /// </summary>
        private void ResolveRelocations()
        {
            for (int t = 0; t < _segmentCount; t++)
            {
                if (_state[t] != StateUsed) continue;
                _store.Read(t, 0, _hdr, 0, JournalFormat.SegmentHeaderSize);
                uint from = JournalFormat.ReadUInt32(_hdr, 8);
                if (from == JournalFormat.NoSegment) continue;
                bool complete = _hdr[JournalFormat.CopyCompleteOffset] != 0xFF;
                int source = -1;
                for (int s = 0; s < _segmentCount; s++)
                {
                    if (_state[s] == StateUsed && s != t && _segSeq[s] == from) source = s;
                }
                if (complete && source >= 0)
                {
                    _store.Erase(source);
                    _state[source] = StateFree;
                }
                else if (!complete && source >= 0)
                {
                    _store.Erase(t);
                    _state[t] = StateFree;
                }
            }
        }

        private void ScanSegment(int s)
        {
            int off = JournalFormat.SegmentHeaderSize;
            while (true)
            {
                if (off + JournalFormat.RecordHeaderSize > _segmentSize)
                {
                    _used[s] = (ushort)off;
                    return;
                }
                _store.Read(s, off, _scratch, 0, JournalFormat.RecordHeaderSize);
                if (IsErased(_scratch, 0, JournalFormat.RecordHeaderSize))
                {
                    _used[s] = (ushort)off;
                    return;
                }
                int len;
                if (!TryCheckRecord(s, off, out len))
                {
                    // Torn tail (or damage): cut here. Flash cannot be rewritten in place, so the
                    // segment is closed; appends continue in a fresh segment.
                    _stats.TornTailsCut++;
                    _used[s] = (ushort)_segmentSize;
                    return;
                }
                uint recSeq = JournalFormat.ReadUInt32(_scratch, 5);
                if (recSeq >= _nextRecSeq) _nextRecSeq = recSeq + 1;
                if (_scratch[JournalFormat.AckByteOffset] == JournalFormat.AckPending)
                {
                    if ((RecordClass)_scratch[2] == RecordClass.Data) _pendingData[s]++;
                    else _pendingPriority[s]++;
                }
                off += JournalFormat.RecordHeaderSize + len;
            }
        }

        private static bool IsErased(byte[] b, int o, int n)
        {
            for (int i = 0; i < n; i++) if (b[o + i] != 0xFF) return false;
            return true;
        }

        /// <summary>Reads the record at off into _scratch (header at 0, payload at 13) and checks magic, bounds, class, CRC.</summary>
        private bool TryCheckRecord(int s, int off, out int len)
        {
            len = 0;
            if (_scratch[0] != JournalFormat.RecordMagic) return false;
            int cls = _scratch[2];
            if (cls > (int)RecordClass.Event) return false;
            len = _scratch[3] | (_scratch[4] << 8);
            if (off + JournalFormat.RecordHeaderSize + len > _segmentSize) return false;
            if (len > 0) _store.Read(s, off + JournalFormat.RecordHeaderSize, _scratch, JournalFormat.RecordHeaderSize, len);
            uint crc = Crc32.Update(Crc32.Seed, _scratch, 2, 7);
            crc = Crc32.Finish(Crc32.Update(crc, _scratch, JournalFormat.RecordHeaderSize, len));
            return crc == JournalFormat.ReadUInt32(_scratch, 9);
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

        private int FreeCount()
        {
            int n = 0;
            for (int s = 0; s < _segmentCount; s++) if (_state[s] == StateFree) n++;
            return n;
        }

        /// <summary>True when a free segment other than first exists (stops at the first one found).</summary>
        private bool HasSecondFree(int first)
        {
            for (int i = 1; i < _segmentCount; i++)
            {
                if (_state[(first + i) % _segmentCount] == StateFree) return true;
            }
            return false;
        }

        private int FindFree()
        {
            int start = _head < 0 ? 0 : _head + 1;
            for (int i = 0; i < _segmentCount; i++)
            {
                int s = (start + i) % _segmentCount;
                if (_state[s] == StateFree) return s;
            }
            return -1;
        }

        private int Oldest(int except)
        {
            int best = -1;
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] != StateUsed || s == except) continue;
                if (best < 0 || _segSeq[s] < _segSeq[best]) best = s;
            }
            return best;
        }

        private int OldestWithoutPriority()
        {
            int best = -1;
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] != StateUsed || _pendingPriority[s] != 0) continue;
                if (best < 0 || _segSeq[s] < _segSeq[best]) best = s;
            }
            return best;
        }

        private void StartSegment(int s)
        {
            StartSegment(s, JournalFormat.NoSegment);
        }

        private void StartSegment(int s, uint relocatedFrom)
        {
            _store.Erase(s);
            _maxSegSeq++;
            _hdr[0] = (byte)'Q';
            _hdr[1] = (byte)'J';
            _hdr[2] = (byte)'S';
            _hdr[3] = (byte)'1';
            JournalFormat.WriteUInt32(_hdr, 4, _maxSegSeq);
            JournalFormat.WriteUInt32(_hdr, 8, relocatedFrom);
            JournalFormat.WriteUInt32(_hdr, 12, Crc32.Compute(_hdr, 0, 12));
            // Only the 16 CRC-covered bytes: the copy-complete byte stays erased until the copy is done,
            // so a torn header write can never look like a completed relocation.
            _store.Write(s, 0, _hdr, 0, 16);
            _store.Flush();
            _state[s] = StateUsed;
            _segSeq[s] = _maxSegSeq;
            _used[s] = JournalFormat.SegmentHeaderSize;
            _pendingData[s] = 0;
            _pendingPriority[s] = 0;
        }

        /// <summary>Makes a head segment with room for need bytes, reclaiming the oldest segments if needed.</summary>
        private bool OpenHead(int need)
        {
            for (int attempt = 0; attempt <= _segmentCount; attempt++)
            {
                if (_head >= 0 && _used[_head] + need <= _segmentSize) return true;
                int s0 = FindFree();
                if (s0 >= 0 && HasSecondFree(s0))
                {
                    int s = s0;
                    StartSegment(s);
                    _head = s;
                    continue;
                }
                int victim = FreeCount() == 0 ? OldestWithoutPriority() : Oldest(-1);
                if (victim < 0 || victim == _head && UsedSegments == 1)
                {
                    // Only the head exists and it is full: start the reserve (nothing to reclaim).
                    int s = FindFree();
                    if (s < 0) return false;
                    StartSegment(s);
                    _head = s;
                    continue;
                }
                if (!Reclaim(victim)) return false;
            }
            return _head >= 0 && _used[_head] + need <= _segmentSize;
        }

        /// <summary>
        /// Frees the victim segment: its pending alarm/event records are copied into the reserve
        /// segment first (which becomes the head); its pending data records are evicted and counted.
        /// </summary>
        private bool Reclaim(int victim)
        {
            if (_pendingPriority[victim] == 0)
            {
                _stats.EvictedDataRecords += _pendingData[victim];
                _store.Erase(victim);
                _state[victim] = StateFree;
                if (victim == _head) _head = -1;
                return true;
            }
            int target = FindFree();
            if (target < 0) return false;
            StartSegment(target, _segSeq[victim]);
            int off = JournalFormat.SegmentHeaderSize;
            int end = _used[victim];
            bool allCopied = true;
            while (off + JournalFormat.RecordHeaderSize <= end)
            {
                _store.Read(victim, off, _scratch, 0, JournalFormat.RecordHeaderSize);
                int len;
                if (!TryCheckRecord(victim, off, out len)) break;
                int total = JournalFormat.RecordHeaderSize + len;
                bool pending = _scratch[JournalFormat.AckByteOffset] == JournalFormat.AckPending;
                RecordClass cls = (RecordClass)_scratch[2];
                if (pending && cls != RecordClass.Data)
                {
                    if (_used[target] + total > _segmentSize)
                    {
                        allCopied = false;
                        break;
                    }
                    // Same bytes, same record sequence and CRC: a relocated record is the same record.
                    _store.Write(target, _used[target], _scratch, 0, total);
                    _used[target] = (ushort)(_used[target] + total);
                    _pendingPriority[target]++;
                    _stats.RelocatedRecords++;
                }
                off += total;
            }
            _store.Flush();
            if (!allCopied)
            {
                // The segment is full of alarms and events: nothing may be evicted for them. Undo.
                _store.Erase(target);
                _state[target] = StateFree;
                return false;
            }
            // Copy complete (mount keeps the copy and erases the source if the power fails from here on).
            _one[0] = 0x00;
            _store.Write(target, JournalFormat.CopyCompleteOffset, _one, 0, 1);
            _store.Flush();
            _stats.EvictedDataRecords += _pendingData[victim];
            _store.Erase(victim);
            _state[victim] = StateFree;
            _head = target;
            return true;
        }

        /// <summary>
        /// Rewinds both replay lanes to the oldest record (after a reconnect: everything not yet
        /// acknowledged is sent again, with the same boot id and sequence number as before).
        /// </summary>
        public void Rewind()
        {
            _priorityCursor.Rewind();
            _dataCursor.Rewind();
        }

        /// <summary>
        /// Reads the next unacknowledged record of a lane (priority: alarms and events; otherwise
        /// data), oldest first, into buffer at bufferOffset. A record failing its CRC is skipped,
        /// counted and never returned. False when the lane has nothing more for now.
        /// </summary>
        public bool TryReadNext(bool priority, byte[] buffer, int bufferOffset, out JournalEntry entry)
        {
            Cursor c = priority ? _priorityCursor : _dataCursor;
            entry = new JournalEntry();
            while (true)
            {
                if (c.Segment < 0 || _state[c.Segment] != StateUsed || _segSeq[c.Segment] != c.SegSeq)
                {
                    if (!MoveToNextSegment(c)) return false;
                }
                if (c.Offset + JournalFormat.RecordHeaderSize > _used[c.Segment])
                {
                    if (!MoveToNextSegment(c)) return false;
                    continue;
                }
                int s = c.Segment;
                int off = c.Offset;
                _store.Read(s, off, _scratch, 0, JournalFormat.RecordHeaderSize);
                int len;
                if (!TryCheckRecord(s, off, out len))
                {
                    // Damaged after it was written (mount checked it): skip to the end of the segment.
                    _stats.CorruptRecordsSkipped++;
                    c.Offset = _used[s];
                    continue;
                }
                c.Offset = off + JournalFormat.RecordHeaderSize + len;
                RecordClass cls = (RecordClass)_scratch[2];
                if (_scratch[JournalFormat.AckByteOffset] != JournalFormat.AckPending) continue;
                if ((cls != RecordClass.Data) != priority) continue;
                if (buffer.Length - bufferOffset < len) continue;
                System.Array.Copy(_scratch, JournalFormat.RecordHeaderSize, buffer, bufferOffset, len);
                entry.Segment = s;
                entry.Offset = off;
                entry.SegmentSequence = _segSeq[s];
                entry.RecordSequence = JournalFormat.ReadUInt32(_scratch, 5);
                entry.Class = cls;
                entry.PayloadLength = len;
                return true;
            }
        }

        /// <summary>
        /// Reads again the record an earlier <see cref="TryReadNext"/> returned (its bytes may have been
        /// overwritten meanwhile: the MQTT pump's payload buffer is shared). False when the record is gone
        /// (its segment was reclaimed), already acknowledged, or fails its CRC now.
        /// </summary>
        public bool TryReadAgain(JournalEntry entry, byte[] buffer, int bufferOffset)
        {
            int s = entry.Segment;
            if (s < 0 || s >= _segmentCount || _state[s] != StateUsed || _segSeq[s] != entry.SegmentSequence) return false;
            if (entry.Offset + JournalFormat.RecordHeaderSize > _used[s]) return false;
            _store.Read(s, entry.Offset, _scratch, 0, JournalFormat.RecordHeaderSize);
            int len;
            if (!TryCheckRecord(s, entry.Offset, out len)) return false;
            if (_scratch[JournalFormat.AckByteOffset] != JournalFormat.AckPending) return false;
            if (JournalFormat.ReadUInt32(_scratch, 5) != entry.RecordSequence || len != entry.PayloadLength) return false;
            if (buffer.Length - bufferOffset < len) return false;
            System.Array.Copy(_scratch, JournalFormat.RecordHeaderSize, buffer, bufferOffset, len);
            return true;
        }

        private bool MoveToNextSegment(Cursor c)
        {
            int best = -1;
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] != StateUsed) continue;
                if (c.Segment >= 0 && _segSeq[s] <= c.SegSeq) continue;
                if (best < 0 || _segSeq[s] < _segSeq[best]) best = s;
            }
            if (best < 0) return false;
            c.Segment = best;
            c.SegSeq = _segSeq[best];
            c.Offset = JournalFormat.SegmentHeaderSize;
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
