using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The scan's side of forwarding: turns readings, alarm transitions and events into payloads
    /// and journals them (store-and-forward) before anything else happens to them. Readings are
    /// batched into one data message ([[channel index, Δt ms, value|null, quality bits], …]) until
    /// the batch buffer is nearly full or the batch interval elapsed. Allocates nothing in the
    /// steady state: every buffer is sized here.
    /// Issue 15 #10: the open batch lives in RAM until it is journalled, so a crash loses it. Each
    /// journalled batch therefore announces the sequence number reserved for the batch after it
    /// ("nb"): if the gateway dies with that batch open, the number never arrives and the platform
    /// sees the loss as a gap (docs/mqtt.md, "Deciding a gap"). Journalling the open batch more
    /// often would only shorten the loss, cost a flash write per flush and make batches smaller
    /// (fewer readings per message and per MiB, issue 16 #3/#4); it would still be invisible.
    /// </summary>
    public sealed partial class TelemetryRecorder
    {
        /// <summary>Room kept for one reading element plus the closing "]" and ,"nb":n}.</summary>
        private const int ElementReserve = 88;

        private readonly MessageWriter _writer;
        private readonly IJournalWriter _journal;
        private readonly IClock _clock;
        private readonly AlarmEngine _engine;
        private readonly byte[] _batchBuf;
        private readonly JsonWriter _batch;
        private readonly JsonWriter _msg;
        private readonly int _batchIntervalMs;
        private readonly string _configTag;
        private readonly AlarmMessageLimiter _limiter;
        /// <summary>The compact encoding's writer over the batch buffer (null: JSON batches).</summary>
        private CompactBatch _compact;
        private int _compactStart;
        private int _compactEnd;
        private bool _batchOpen;
        private long _batchStartMono;
        private long _batchTsUtc;
        private int _batchReadings;
        /// <summary>Sequence number the next batch opens with, announced by the last closed one (0: none yet).</summary>
        private long _nextBatchSeq;
        private long _batchSeq;

        /// <param name="batchCapacityBytes">At most the journal's MaxPayloadLength.</param>
        /// <param name="batchIntervalMs">A batch is closed after this long even if not full (latency bound).</param>
        public TelemetryRecorder(MessageWriter writer, IJournalWriter journal, IClock clock, AlarmEngine engine,
            int batchCapacityBytes, int batchIntervalMs)
            : this(writer, journal, clock, engine, batchCapacityBytes, batchIntervalMs, null)
        {
        }

        /// <param name="message">
        /// Writer for alarm and event messages, over a buffer that may be shared (the MQTT session's payload
        /// buffer): a message is written and journalled within one call, nothing stays in it. Null: 1 KiB of its own.
        /// </param>
        public TelemetryRecorder(MessageWriter writer, IJournalWriter journal, IClock clock, AlarmEngine engine,
            int batchCapacityBytes, int batchIntervalMs, JsonWriter message)
            : this(writer, journal, clock, engine, batchCapacityBytes, batchIntervalMs, message, false)
        {
        }

        /// <param name="compactData">
        /// Data batches in the compact encoding (docs/mqtt.md "Compact data": the same bytes on the wire and in the
        /// journal record; needs the alarm engine). Its batch buffer is a quarter of a journal segment
        /// (<see cref="CompactBatchBytes"/>), so full batches pack four to a segment with nothing left over.
        /// </param>
        public TelemetryRecorder(MessageWriter writer, IJournalWriter journal, IClock clock, AlarmEngine engine,
            int batchCapacityBytes, int batchIntervalMs, JsonWriter message, bool compactData)
        {
            _writer = writer;
            _journal = journal;
            _clock = clock;
            _engine = engine;
            if (compactData && engine != null)
            {
                _batchBuf = new byte[CompactBatchBytes(batchCapacityBytes)];
                byte[] decimals = new byte[engine.ChannelCount];
                for (int i = 0; i < decimals.Length; i++) decimals[i] = (byte)CompactData.DecimalsForSpan(engine.RangeMin(i), engine.RangeMax(i));
                _compact = new CompactBatch(_batchBuf, decimals);
            }
            else
            {
                _batchBuf = new byte[batchCapacityBytes];
                _batch = new JsonWriter(_batchBuf);
            }
            _msg = message == null ? new JsonWriter(new byte[1024]) : message;
            _batchIntervalMs = batchIntervalMs;
            _limiter = engine == null ? null
                : new AlarmMessageLimiter(engine.ChannelCount, AlarmMessageLimiter.DefaultWindowMs, AlarmMessageLimiter.DefaultMessagesPerWindow);
            string h = writer.Identity.ConfigHashHex;
            _configTag = h.Length > 8 ? h.Substring(0, 8) : h;
        }

        /// <summary>True when data batches are written in the compact encoding.</summary>
        public bool IsCompact { get { return _compact != null; } }

        /// <summary>Records the journal refused (full of alarms/events, storage failure) — reported in health.</summary>
        public long DroppedRecords { get; private set; }
        public long ReadingsRecorded { get; private set; }
        public long BatchesRecorded { get; private set; }

        /// <summary>Adds every channel's latest reading (with its effective quality) to the batch.</summary>
        public void SampleChannels()
        {
            if (_engine == null) return;
            if (_compact != null)
            {
                SampleRow(_clock.UtcMs);
                return;
            }
            for (int i = 0; i < _engine.ChannelCount; i++)
            {
                if (!_engine.HasReading(i)) continue;
                Reading r = _engine.LastReading(i);
                r.Quality = _engine.EffectiveQuality(i) | (r.Quality & Quality.ClockUntrusted);
                AddReading(i, r);
            }
        }

        /// <summary>
        /// Adds one reading of the channel with that index (as listed in the birth). A bad reading is
        /// sent as null with its quality: bad data is a fault, never a value. Readings taken while
        /// the clock is untrusted carry Quality.ClockUntrusted.
        /// </summary>
        public void AddReading(int channelIndex, Reading r)
        {
            if (_compact != null)
            {
                AddCompactReading(channelIndex, r);
                return;
            }
            if (!_batchOpen) OpenBatch(r.UtcMs);
            else if (_batch.Length + ElementReserve > _batchBuf.Length)
            {
                Flush();
                OpenBatch(r.UtcMs);
            }
            Quality q = r.Quality;
            if (!_clock.IsTrusted) q |= Quality.ClockUntrusted;
            _batch.StartArray();
            _batch.IntegerElement(channelIndex);
            _batch.IntegerElement(r.UtcMs - _batchTsUtc);
            if (QualityRules.IsBad(q)) _batch.NullElement();
            else _batch.NumberElement(r.Value, 4);
            _batch.IntegerElement((int)q);
            _batch.EndArray();
            _batchReadings++;
            ReadingsRecorded++;
        }

        private void OpenBatch(long firstUtcMs)
        {
            _batchTsUtc = firstUtcMs;
            _batchStartMono = _clock.MonotonicMs;
            long seq = _nextBatchSeq > 0 ? _nextBatchSeq : _writer.ReserveSequence();
            _nextBatchSeq = 0;
            _batchSeq = seq;
            _batchOpen = true;
            _batchReadings = 0;
            if (_compact != null)
            {
                _compact.Open(firstUtcMs);
                return;
            }
            _batch.Reset();
            _writer.Begin(_batch, seq, firstUtcMs);
            _batch.String("cfg", _configTag);
            _batch.StartArray("r");
        }

        /// <summary>Closes the batch when its interval has elapsed. Call every scan.</summary>
        public void Step()
        {
            if (_batchOpen && _clock.MonotonicMs - _batchStartMono >= _batchIntervalMs) Flush();
        }

        /// <summary>Closes and journals the open batch (if any).</summary>
        public void Flush()
        {
            if (!_batchOpen) return;
            _batchOpen = false;
            if (_batchReadings == 0)
            {
                // Nothing was sent under this number: the next batch takes it.
                _nextBatchSeq = _batchSeq;
                return;
            }
            if (_compact != null)
            {
                FlushCompact();
                return;
            }
            _batch.EndArray();
            _nextBatchSeq = _writer.ReserveSequence();
            _batch.Integer("nb", _nextBatchSeq);
            _batch.EndObject();
            if (_batch.Overflowed)
            {
                DroppedRecords++;
                return;
            }
            if (_journal.Append(RecordClass.Data, _batchBuf, 0, _batch.Length)) BatchesRecorded++;
            else DroppedRecords++;
        }

        /// <summary>Journals one alarm-engine transition (class Alarm: never evicted for data).</summary>
        public bool RecordTransition(ref AlarmTransition t)
        {
            long nowMono = _clock.MonotonicMs;
            long nowUtc = _clock.UtcMs;
            long atUtc = nowUtc - (nowMono - t.AtMs);
            _msg.Reset(_msg.Buffer, 0, _msg.Buffer.Length);
            _writer.WriteAlarm(_msg, _engine, ref t, atUtc, _clock.IsTrusted, nowUtc);
            return Append(RecordClass.Alarm);
        }

        /// <summary>The per-channel cap on alarm messages (null without an alarm engine).</summary>
        public AlarmMessageLimiter AlarmLimiter { get { return _limiter; } }

        /// <summary>
        /// Drains the engine's transition queue into the journal, at most the limiter's messages per channel
        /// and window; a window that held messages back ends in an <c>alarm_transitions_suppressed</c> event.
        /// Returns how many transitions were recorded.
        /// </summary>
        public int DrainTransitions()
        {
            if (_limiter != null) RecordSuppressedSummaries(_clock.MonotonicMs);
            int n = 0;
            AlarmTransition t;
            while (_engine.Transitions.TryDequeue(out t))
            {
                if (_limiter != null && !_limiter.Admit(ref t, t.AtMs)) continue;
                if (RecordTransition(ref t)) n++;
            }
            return n;
        }

        /// <summary>
        /// One event per channel whose window held messages back: the count and the last held-back change,
        /// so nothing is dropped silently. Allocates the sentence (only when messages were held back).
        /// </summary>
        private void RecordSuppressedSummaries(long nowMs)
        {
            int c;
            int count;
            int level;
            LevelStatus to;
            TransitionKind kind;
            while (_limiter.TryTakeSummary(nowMs, out c, out count, out level, out to, out kind))
            {
                string last = kind == TransitionKind.QualityChanged || level < 0 || level >= _engine.LevelCount(c)
                    ? "quality " + QualityRules.Describe(_engine.EffectiveQuality(c))
                    : LevelNames.Kind(_engine.LevelKindOf(c, level)) + " " + LevelStatusNames.Name(to);
                string seconds = (_limiter.WindowMs / 1000).ToString();
                string max = _limiter.MaxPerWindow.ToString();
                RecordEvent(AlarmTransitionsSuppressed, EventSeverity.Warning, _engine.ChannelId(c),
                    count + " alarm messages of this channel held back (more than " + max + " in " + seconds + " s); last: " + last + ".",
                    "该通道" + seconds + "秒内报警消息超过" + max + "条，" + count + "条未单独发送；最后一条：" + last + "。");
            }
        }

        /// <summary>Event code of the summary of held-back alarm messages (docs/mqtt.md).</summary>
        public const string AlarmTransitionsSuppressed = "alarm_transitions_suppressed";

        /// <summary>Journals an event (class Event: never evicted for data).</summary>
        /// <summary>
        /// Where gateway-level events go when set (the gateway's hash-chained event log), so every
        /// event the platform receives is in one verifiable chain. Unset: written as plain event messages.
        /// </summary>
        public IEventSink EventSink { get; set; }

        public bool RecordEvent(string code, EventSeverity severity, string subject, string english, string chinese)
        {
            if (EventSink != null) return EventSink.Record(code, severity, subject, english, chinese);
            _msg.Reset(_msg.Buffer, 0, _msg.Buffer.Length);
            _writer.WriteEvent(_msg, code, severity, subject, english, chinese, _clock.UtcMs);
            return Append(RecordClass.Event);
        }

        private bool Append(RecordClass cls)
        {
            if (_msg.Overflowed || !_journal.Append(cls, _msg.Buffer, 0, _msg.Length))
            {
                DroppedRecords++;
                return false;
            }
            return true;
        }
    }
}
