using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Journal
{
    /// <summary>The two replay lanes (alarms and events; data), read oldest first after every reconnect.</summary>
    public sealed partial class Journal
    {
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
            JournalCursor c = priority ? _priorityCursor : _dataCursor;
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
                    // Never delivered. Damage costs only itself: go on at the next valid record (issue 15 #7).
                    if (IsErased(_scratch, 0, JournalFormat.RecordHeaderSize))
                    {
                        c.Offset = _used[s];
                        continue;
                    }
                    if (!priority) _stats.CorruptRecordsSkipped++;
                    int next = Resync(s, off + 1, _used[s]);
                    c.Offset = next < 0 ? _used[s] : next;
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

        private bool MoveToNextSegment(JournalCursor c)
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
    }
}
