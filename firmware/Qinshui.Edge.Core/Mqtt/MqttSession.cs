using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The MQTT pump: stepped from the scan loop (or its own schedule), never blocks. On every
    /// (re)connect it publishes state "online" (retained) and the birth, rewinds the journal and
    /// replays everything not yet acknowledged. Each publish slot goes to the oldest pending alarm
    /// or event first and only then to the oldest data record, and data never takes the window's last
    /// slot, so an alarm or event recorded during a replay is published at the next step, before any
    /// further backlog message. Data recorded before this connection is flagged
    /// "hist":true. A record is acknowledged in the journal only on its PUBACK (IMqttLink token).
    /// Commands are received, executed by the <see cref="CommandProcessor"/>, answered on reply and
    /// logged as events. Health is published on its interval (live, not journalled).
    /// Memory (docs/memory.md): one payload buffer serves journal replays, live messages (birth,
    /// meta pages, health, replies) and received commands, and may be shared with the telemetry
    /// recorder's alarm messages and the event recorder: nothing stays in it between calls. That
    /// holds because <see cref="IMqttLink.Publish"/> copies the payload before it returns, and a
    /// publish the link refused is read again from the journal instead of being kept here.
    /// </summary>
    public sealed class MqttSession
    {
        /// <summary>The longest command topic is 80 bytes (qinshui/v1/ + two 32-character ids + /cmd).</summary>
        public const int TopicBufferBytes = 128;
        /// <summary>Live messages (health, replies, the birth summary) need less than this.</summary>
        public const int MinPayloadBytes = 1024;
        private const int NotPending = int.MinValue;

        private static readonly byte[] s_histPrefix = { (byte)'{', (byte)'"', (byte)'h', (byte)'i', (byte)'s', (byte)'t', (byte)'"', (byte)':', (byte)'t', (byte)'r', (byte)'u', (byte)'e', (byte)',' };

        private readonly IMqttLink _link;
        private readonly IClock _clock;
        private readonly Journal.Journal _journal;
        private readonly MessageWriter _writer;
        private readonly MqttTopics _topics;
        private readonly AlarmEngine _engine;
        private readonly CommandProcessor _commands;
        private readonly TelemetryRecorder _recorder;
        private readonly HealthFigures _health;
        private readonly MqttSessionOptions _options;

        /// <summary>The shared payload buffer: journal records, commands (and whatever else shares it).</summary>
        private readonly JsonWriter _payload;
        /// <summary>Live messages: the payload writer, unless one birth item needs more (then sized for it at start-up).</summary>
        private readonly JsonWriter _live;
        private readonly BirthPages _birthPages;
        private readonly byte[] _topicBuf = new byte[TopicBufferBytes];
        private readonly CommandResult _result = new CommandResult();

        /// <summary>Journal records waiting for their PUBACK, and the one a refused publish left to retry.</summary>
        private readonly InFlightWindow _inFlight;

        private bool _connected;
        /// <summary>Next birth message to publish: -1 the birth, 0.. a meta page; NotPending when all went.</summary>
        private int _birthNext = NotPending;
        private uint _historyBoundary;
        private long _lastHealthMono = long.MinValue;
        private long _refusalWindowStart;
        private int _refusalEventsInWindow;
        private long _refusalsSuppressed;
        private long _journalDamageReported;

        public MqttSession(IMqttLink link, IClock clock, Journal.Journal journal, MessageWriter writer, MqttTopics topics,
            AlarmEngine engine, ZoneInfo[] zones, CommandProcessor commands, TelemetryRecorder recorder,
            HealthFigures health, MqttSessionOptions options)
            : this(link, clock, journal, writer, topics, engine, zones, commands, recorder, health, options, null)
        {
        }

        /// <param name="payload">
        /// The shared payload writer (its buffer at least <see cref="PayloadBytes"/> for this journal), or
        /// null for a buffer of the session's own. Users of a shared buffer must not keep anything in it
        /// between calls, and reset the writer with the full buffer before writing.
        /// </param>
        public MqttSession(IMqttLink link, IClock clock, Journal.Journal journal, MessageWriter writer, MqttTopics topics,
            AlarmEngine engine, ZoneInfo[] zones, CommandProcessor commands, TelemetryRecorder recorder,
            HealthFigures health, MqttSessionOptions options, JsonWriter payload)
        {
            _link = link;
            _clock = clock;
            _journal = journal;
            _writer = writer;
            _topics = topics;
            _engine = engine;
            _commands = commands;
            _recorder = recorder;
            _health = health;
            _options = options == null ? new MqttSessionOptions() : options;
            int need = PayloadBytes(journal.MaxPayloadLength);
            if (payload == null) payload = new JsonWriter(new byte[need]);
            else if (payload.Buffer.Length < need) throw new System.ArgumentException("the payload buffer must hold a command and a journal entry: " + need.ToString() + " bytes");
            _payload = payload;
            _birthPages = new BirthPages(writer, engine, zones, payload);
            // A birth item longer than a page of the shared buffer (a zone watching very many channels):
            // live messages get a buffer of their own, sized for this configuration at start-up.
            _live = _birthPages.RequiredBufferBytes <= payload.Buffer.Length ? payload : new JsonWriter(new byte[_birthPages.RequiredBufferBytes]);
            _inFlight = new InFlightWindow(_options.InFlightWindow);
        }

        /// <summary>
        /// Bytes the session's payload buffer needs: a whole command (<see cref="CommandProcessor.MaxCommandBytes"/>
        /// + 1, so an oversized one is recognised), a journal record with the "hist" prefix, and at least
        /// <see cref="MinPayloadBytes"/> for live messages. Meta pages fill whatever the buffer holds.
        /// </summary>
        public static int PayloadBytes(int journalMaxPayloadLength)
        {
            int n = CommandProcessor.MaxCommandBytes + 1;
            int replayBytes = journalMaxPayloadLength + s_histPrefix.Length - 1;
            if (replayBytes > n) n = replayBytes;
            return n < MinPayloadBytes ? MinPayloadBytes : n;
        }

        /// <summary>The birth's meta pages as planned for this configuration.</summary>
        public BirthPages BirthPages { get { return _birthPages; } }

        /// <summary>The payload buffer (shared with the recorders when the runtime wires it so).</summary>
        public byte[] PayloadBuffer { get { return _payload.Buffer; } }

        public long Published { get; private set; }
        public long Acknowledged { get; private set; }
        public long Connections { get; private set; }
        public long BirthsPublished { get; private set; }
        public long MetaPagesPublished { get; private set; }
        public long CommandsHandled { get; private set; }
        public int InFlight { get { return _inFlight.Count; } }
        public CommandResult LastCommandResult { get { return _result; } }

        /// <summary>
        /// The last will the adapter registers before connecting: state "offline", retained, with the common
        /// header but no sequence number of its own (<see cref="MessageWriter.WriteWill"/>).
        /// Returns the payload length in buffer.
        /// </summary>
        public int WriteWill(byte[] buffer)
        {
            JsonWriter w = new JsonWriter(buffer);
            _writer.WriteWill(w, _clock.UtcMs);
            return w.Length;
        }

        public void Step()
        {
            ReportJournalDamage();
            bool up = _link.IsConnected;
            if (!up)
            {
                if (_connected) OnDisconnected();
                return;
            }
            if (!_connected) OnConnected();
            if (_commands != null && _commands.RebirthRequested)
            {
                _commands.RebirthRequested = false;
                _birthNext = -1;
            }
            PublishBirth();
            TakeAcknowledgements();
            ReceiveCommands();
            if (_clock.MonotonicMs - _lastHealthMono >= _options.HealthIntervalMs || _lastHealthMono == long.MinValue)
            {
                if (PublishHealth()) _lastHealthMono = _clock.MonotonicMs;
            }
            if (_birthNext == NotPending) PumpJournal();
        }

        private void OnConnected()
        {
            _connected = true;
            Connections++;
            _inFlight.Clear();
            _journal.Rewind();
            _historyBoundary = _journal.NextRecordSequence;
            ResetLive();
            _writer.WriteState(_live, true, _clock.UtcMs);
            // A message the link refused was never sent: its number goes back, or the platform sees a gap.
            if (!PublishLive(MessageKind.State, true)) _writer.ReleaseLastSequence();
            _birthNext = -1;
            PublishBirth();
        }

        private void OnDisconnected()
        {
            // Whatever was in flight is not acknowledged: it stays pending and is replayed.
            _connected = false;
            _inFlight.Clear();
        }

        private void ResetLive()
        {
            _live.Reset(_live.Buffer, 0, _live.Buffer.Length);
        }

        /// <summary>
        /// The birth, then its meta pages in order, before any journal record. A publish the link
        /// refuses is tried again on the next step from where it stopped.
        /// </summary>
        private void PublishBirth()
        {
            while (_birthNext != NotPending)
            {
                ResetLive();
                if (_birthNext < 0)
                {
                    _writer.WriteBirth(_live, _birthPages.ChannelCount, _birthPages.ProfileCount, _birthPages.ZoneCount, _birthPages.PageCount,
                        _clock.IsTrusted, _clock.UtcMs);
                    if (!PublishLive(MessageKind.Birth, false))
                    {
                        _writer.ReleaseLastSequence();
                        return;
                    }
                    BirthsPublished++;
                }
                else
                {
                    _birthPages.Write(_live, _writer, _birthNext, _clock.UtcMs);
                    if (!PublishLive(MessageKind.Meta, false))
                    {
                        _writer.ReleaseLastSequence();
                        return;
                    }
                    MetaPagesPublished++;
                }
                _birthNext++;
                if (_birthNext >= _birthPages.PageCount) _birthNext = NotPending;
            }
        }

        private bool PublishHealth()
        {
            ResetLive();
            long lost = _engine == null ? 0 : _engine.Transitions.Overflowed;
            _writer.WriteHealth(_live, _clock.MonotonicMs, _health, _journal.Stats, _journal.PendingData, _journal.PendingPriority,
                lost, Published, Acknowledged, _clock.IsTrusted, _clock.UtcMs);
            if (PublishLive(MessageKind.Health, false)) return true;
            _writer.ReleaseLastSequence();
            return false;
        }

        private bool PublishLive(MessageKind kind, bool retain)
        {
            if (_live.Overflowed) return false;
            int token = _link.Publish(_topics.Topic(kind), _live.Buffer, 0, _live.Length, retain);
            if (token == 0) return false;
            Published++;
            return true;
        }

        private void TakeAcknowledgements()
        {
            int token;
            while (_link.TryTakeAcknowledged(out token))
            {
                Journal.JournalEntry e;
                if (!_inFlight.TryRemove(token, out e)) continue;
                _journal.Acknowledge(e);
                Acknowledged++;
            }
        }

        private void PumpJournal()
        {
            int budget = _options.MaxPublishesPerStep;
            byte[] buf = _payload.Buffer;
            // The record goes at the prefix's length - 1, so {"hist":true, can replace its opening brace in place.
            int at = s_histPrefix.Length - 1;
            while (budget > 0 && !_inFlight.IsFull)
            {
                Journal.JournalEntry e;
                if (_inFlight.TryTakeRetry(out e))
                {
                    // The refused record's bytes did not wait in the shared buffer: read it again.
                    if (!_journal.TryReadAgain(e, buf, at)) continue;
                }
                // Priority lane first on every slot: alarms and events never queue behind data.
                else if (!_journal.TryReadNext(true, buf, at, out e))
                {
                    // Data never takes the window's last slot: an alarm or event recorded during a replay goes
                    // out at the next step, before any further data, without waiting for a PUBACK (issue 16 #6).
                    if (_inFlight.Capacity > 1 && _inFlight.Count >= _inFlight.Capacity - 1) return;
                    if (!_journal.TryReadNext(false, buf, at, out e)) return;
                }
                int start = at;
                int length = e.PayloadLength;
                if (e.Class == RecordClass.Data && e.RecordSequence < _historyBoundary && length > 1 && buf[at] == (byte)'{')
                {
                    // Recorded before this connection: flag it historical ({"hist":true, …).
                    System.Array.Copy(s_histPrefix, 0, buf, 0, s_histPrefix.Length);
                    start = 0;
                    length += s_histPrefix.Length - 1;
                }
                else if (e.Class == RecordClass.Data && e.RecordSequence < _historyBoundary && CompactData.IsCompact(buf, at, length))
                {
                    buf[at] |= CompactData.HistBit; // the compact form's "hist" flag, set in the copy only
                }
                MessageKind kind = e.Class == RecordClass.Data ? MessageKind.Data : e.Class == RecordClass.Alarm ? MessageKind.Alarm : MessageKind.Event;
                int token = _link.Publish(_topics.Topic(kind), buf, start, length, false);
                if (token == 0)
                {
                    _inFlight.KeepRetry(e);
                    return;
                }
                Published++;
                _inFlight.Add(token, e);
                budget--;
            }
        }

        /// <summary>
        /// Journal damage (issue 15 #7) is said, not only counted: an event with what was skipped, whenever
        /// the journal's damage counters grew (mount after a reboot, or a replay that met a bad record).
        /// </summary>
        private void ReportJournalDamage()
        {
            Journal.JournalStats js = _journal.Stats;
            long seen = js.DamagedSpans + js.TornTailsCut + js.SegmentsAdopted + js.CorruptRecordsSkipped;
            if (seen == _journalDamageReported || _recorder == null) return;
            _journalDamageReported = seen;
            string figures = js.DamagedSpans.ToString() + " damaged stretch(es) (" + js.DamagedBytes.ToString() + " B) skipped, "
                + js.TornTailsCut.ToString() + " torn tail(s) cut, " + js.SegmentsAdopted.ToString() + " segment(s) with a damaged header kept, "
                + js.CorruptRecordsSkipped.ToString() + " entries failing their CRC never sent";
            _recorder.RecordEvent("journal_damaged", EventSeverity.Warning, null,
                "journal damage: " + figures + "; everything else is kept",
                "日志存储损坏：" + figures + "；其余记录均已保留");
        }

        private void ReceiveCommands()
        {
            if (_commands == null) return;
            byte[] buf = _payload.Buffer;
            for (int n = 0; n < _options.MaxCommandsPerStep; n++)
            {
                int topicLength;
                int payloadLength;
                if (!_link.TryReceive(_topicBuf, out topicLength, buf, out payloadLength)) return;
                CommandsHandled++;
                // The command is parsed (strings copied) before it is executed; from here on the buffer is free
                // again (an executed command may record events through a recorder sharing it).
                _commands.Handle(buf, payloadLength, _result);
                ResetLive();
                _writer.WriteReply(_live, _result, _clock.UtcMs);
                if (!PublishLive(MessageKind.Reply, false)) _writer.ReleaseLastSequence();
                LogCommand();
            }
        }

        private void LogCommand()
        {
            if (_recorder == null) return;
            string subject = _result.Command;
            if (_result.Ok)
            {
                _recorder.RecordEvent("command_accepted", EventSeverity.Info, subject,
                    "command " + subject + " (" + _result.Id + ") accepted", "命令 " + subject + "（" + _result.Id + "）已执行");
                return;
            }
            long now = _clock.MonotonicMs;
            if (now - _refusalWindowStart >= 60000)
            {
                if (_refusalsSuppressed > 0)
                {
                    _recorder.RecordEvent("command_refusals_suppressed", EventSeverity.Warning, null,
                        _refusalsSuppressed.ToString() + " more refused commands were not logged",
                        "另有 " + _refusalsSuppressed.ToString() + " 条被拒绝的命令未记录");
                }
                _refusalWindowStart = now;
                _refusalEventsInWindow = 0;
                _refusalsSuppressed = 0;
            }
            if (_refusalEventsInWindow >= _options.MaxRefusalEventsPerMinute)
            {
                _refusalsSuppressed++;
                return;
            }
            _refusalEventsInWindow++;
            _recorder.RecordEvent("command_refused", EventSeverity.Warning, _result.Code,
                "command refused: " + _result.Code + " — " + _result.English, "命令被拒绝：" + _result.Code + " — " + _result.Chinese);
        }
    }
}
