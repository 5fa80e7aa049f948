using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Journal
{
    /// <summary>The journal after a reboot: segment headers, interrupted reclaims, records and torn tails (Journal.cs says what is kept).</summary>
    public sealed partial class Journal
    {
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
                if (!IsValidSegmentHeader(_hdr))
                {
                    if (!IsErased(_hdr, 0, JournalFormat.SegmentHeaderSize)) _state[s] = StateHeaderDamaged;
                    continue;
                }
                _segSeq[s] = JournalFormat.ReadUInt32(_hdr, 4);
                if (_segSeq[s] > _maxSegSeq) _maxSegSeq = _segSeq[s];
                _state[s] = StateUsed;
            }
            ResolveRelocations();
            uint firstAdopted = _maxSegSeq + 1;
            AdoptSegmentsWithDamagedHeaders();
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] != StateUsed) continue;
                ScanSegment(s);
                // An adopted segment is read, never written again.
                if (_segSeq[s] >= firstAdopted) _used[s] = (ushort)_segmentSize;
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

        /// <summary>
        /// A segment whose header is damaged (one flipped byte) still holds valid records: keep them rather
        /// than lose the segment. Its sequence is unknown, so it counts as the newest (its records keep their
        /// own record sequence numbers) and is closed for writing; it is freed when all its records are acknowledged.
        /// A torn header of a segment never written (its first record erased) is simply free.
        /// </summary>
        private void AdoptSegmentsWithDamagedHeaders()
        {
            for (int s = 0; s < _segmentCount; s++)
            {
                if (_state[s] != StateHeaderDamaged) continue;
                _state[s] = StateFree;
                int first = Resync(s, JournalFormat.SegmentHeaderSize, _segmentSize);
                if (first < 0) continue;
                _maxSegSeq++;
                _segSeq[s] = _maxSegSeq;
                _state[s] = StateUsed;
                _stats.SegmentsAdopted++;
            }
        }

        /// <summary>
        /// The first offset in [from, end) where a whole record passes every check (magic, class, bounds, CRC),
        /// or -1: how the journal finds its way past a damaged record (issue 15 #7). A false match needs a
        /// CRC-32 collision (1 in 2^32 per candidate). Leaves that record in _scratch.
        /// </summary>
        private int Resync(int s, int from, int end)
        {
            for (int off = from; off + JournalFormat.RecordHeaderSize <= end; off++)
            {
                if (_store.Read(s, off, _one, 0, 1) != 1) return -1;
                if (_one[0] != JournalFormat.RecordMagic) continue;
                _store.Read(s, off, _scratch, 0, JournalFormat.RecordHeaderSize);
                int len;
                if (TryCheckRecord(s, off, out len)) return off;
            }
            return -1;
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
                    int next = Resync(s, off + 1, _segmentSize);
                    if (next < 0)
                    {
                        // Torn tail: nothing valid after it. Cut here; flash cannot be rewritten in place, so
                        // the segment is closed and appends continue in a fresh segment.
                        _stats.TornTailsCut++;
                        _used[s] = (ushort)_segmentSize;
                        return;
                    }
                    // Damage in the middle: it costs only the records in it; the rest of the segment is kept.
                    _stats.DamagedSpans++;
                    _stats.DamagedBytes += next - off;
                    off = next;
                    len = _scratch[3] | (_scratch[4] << 8);
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
    }
}
