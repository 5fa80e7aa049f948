using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>The recorder's compact batches (CompactBatch; docs/mqtt.md "Compact data"): one row per sample of every channel.</summary>
    public sealed partial class TelemetryRecorder
    {
        /// <summary>
        /// A compact batch's buffer for a journal whose largest record payload is maxPayload: a quarter of the
        /// segment's record space less one record header, so four full batches fill a segment exactly (the
        /// JSON batch filled one segment to ≈ 75 %, issue 16 #4). At least 256 bytes.
        /// </summary>
        public static int CompactBatchBytes(int maxPayload)
        {
            int n = (maxPayload + Journal.JournalFormat.RecordHeaderSize) / 4 - Journal.JournalFormat.RecordHeaderSize;
            return n < 256 ? (maxPayload < 256 ? maxPayload : 256) : n;
        }

        /// <summary>The payload of the last compact batch journalled (offset, length) — for tests and the bench.</summary>
        public int LastCompactStart { get { return _compactStart; } }
        public int LastCompactEnd { get { return _compactEnd; } }

        /// <summary>One row: every channel with a reading, at the sample time; readings taken earlier carry their offset.</summary>
        private void SampleRow(long rowUtc)
        {
            int n = 0;
            for (int i = 0; i < _engine.ChannelCount; i++) if (_engine.HasReading(i)) n++;
            if (n == 0) return;
            if (!_batchOpen) OpenBatch(rowUtc);
            else if (!_compact.Fits(n))
            {
                Flush();
                OpenBatch(rowUtc);
            }
            _compact.StartRow();
            for (int i = 0; i < _engine.ChannelCount; i++)
            {
                if (!_engine.HasReading(i)) continue;
                Reading r = _engine.LastReading(i);
                _compact.Mark(i, CompactQuality(i, r) != Quality.Good, r.UtcMs != rowUtc);
            }
            _compact.BeginRow(rowUtc);
            for (int i = 0; i < _engine.ChannelCount; i++)
            {
                if (!_engine.HasReading(i)) continue;
                Reading r = _engine.LastReading(i);
                _compact.WriteReading(i, rowUtc, r, CompactQuality(i, r));
                _batchReadings++;
                ReadingsRecorded++;
            }
        }

        private Quality CompactQuality(int i, Reading r)
        {
            Quality q = _engine.EffectiveQuality(i) | (r.Quality & Quality.ClockUntrusted);
            if (!_clock.IsTrusted) q |= Quality.ClockUntrusted;
            return q;
        }

        /// <summary>One reading on its own (a row of one, at the reading's time).</summary>
        private void AddCompactReading(int channelIndex, Reading r)
        {
            if (channelIndex < 0 || channelIndex >= _compact.Width) return;
            if (!_batchOpen) OpenBatch(r.UtcMs);
            else if (!_compact.Fits(1))
            {
                Flush();
                OpenBatch(r.UtcMs);
            }
            Quality q = r.Quality;
            if (!_clock.IsTrusted) q |= Quality.ClockUntrusted;
            _compact.StartRow();
            _compact.Mark(channelIndex, q != Quality.Good, false);
            _compact.BeginRow(r.UtcMs);
            _compact.WriteReading(channelIndex, r.UtcMs, r, q);
            _batchReadings++;
            ReadingsRecorded++;
        }

        private void FlushCompact()
        {
            _nextBatchSeq = _writer.ReserveSequence();
            int start = _compact.Close(_writer.Identity.BootId, _writer.Identity.ConfigHashHex, _batchSeq, _nextBatchSeq);
            _compactStart = start;
            _compactEnd = _compact.End;
            if (_journal.Append(RecordClass.Data, _batchBuf, start, _compact.End - start)) BatchesRecorded++;
            else DroppedRecords++;
        }
    }
}
