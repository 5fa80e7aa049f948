using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Journal
{
    /// <summary>Where the next record goes: the head segment, free segments, the reserve and reclaiming the oldest (Journal.cs says what is kept).</summary>
    public sealed partial class Journal
    {
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
    }
}
