using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The MQTT pump: stepped from the scan loop (or its own schedule), never blocks. On every
    /// (re)connect it publishes state "online" (retained) and the birth, rewinds the journal and
    /// replays everything not yet acknowledged. Each publish slot goes to the oldest pending alarm
    /// or event first and only then to the oldest data record, so a live alarm waits at most one
    /// in-flight window behind a backlog. Data recorded before this connection is flagged
    /// "hist":true. A record is acknowledged in the journal only on its PUBACK (IMqttLink token).
    /// Commands are received, executed by the <see cref="CommandProcessor"/>, answered on reply and
    /// logged as events. Health is published on its interval (live, not journalled).
    /// </summary>
    public sealed class MqttSession
    {
        private static readonly byte[] s_histPrefix = { (byte)'{', (byte)'"', (byte)'h', (byte)'i', (byte)'s', (byte)'t', (byte)'"', (byte)':', (byte)'t', (byte)'r', (byte)'u', (byte)'e', (byte)',' };

        private readonly IMqttLink _link;
        private readonly IClock _clock;
        private readonly Journal.Journal _journal;
        private readonly MessageWriter _writer;
        private readonly MqttTopics _topics;
        private readonly AlarmEngine _engine;
        private readonly ZoneInfo[] _zones;
        private readonly CommandProcessor _commands;
        private readonly TelemetryRecorder _recorder;
        private readonly HealthFigures _health;
        private readonly MqttSessionOptions _options;

        private readonly byte[] _sendBuf;
        private readonly byte[] _liveBuf;
        private readonly JsonWriter _live;
        private readonly byte[] _topicBuf = new byte[256];
        private readonly byte[] _cmdBuf = new byte[CommandProcessor.MaxCommandBytes + 1];
        private readonly CommandResult _result = new CommandResult();

        private readonly int[] _inFlightToken;
        private readonly Journal.JournalEntry[] _inFlightEntry;
        private int _inFlightCount;

        private bool _connected;
        private bool _birthPending;
        private uint _historyBoundary;
        private long _lastHealthMono = long.MinValue;
        private bool _hasRetry;
        private Journal.JournalEntry _retry;
        private int _retryLength;
        private int _retryStart;
        private long _refusalWindowStart;
        private int _refusalEventsInWindow;
        private long _refusalsSuppressed;

        public MqttSession(IMqttLink link, IClock clock, Journal.Journal journal, MessageWriter writer, MqttTopics topics,
            AlarmEngine engine, ZoneInfo[] zones, CommandProcessor commands, TelemetryRecorder recorder,
            HealthFigures health, MqttSessionOptions options)
        {
            _link = link;
            _clock = clock;
            _journal = journal;
            _writer = writer;
            _topics = topics;
            _engine = engine;
            _zones = zones;
            _commands = commands;
            _recorder = recorder;
            _health = health;
            _options = options == null ? new MqttSessionOptions() : options;
            _sendBuf = new byte[journal.MaxPayloadLength + s_histPrefix.Length];
            _liveBuf = new byte[16384];
            _live = new JsonWriter(_liveBuf);
            _inFlightToken = new int[_options.InFlightWindow];
            _inFlightEntry = new Journal.JournalEntry[_options.InFlightWindow];
        }

        public long Published { get; private set; }
        public long Acknowledged { get; private set; }
        public long Connections { get; private set; }
        public long BirthsPublished { get; private set; }
        public long CommandsHandled { get; private set; }
        public int InFlight { get { return _inFlightCount; } }
        public CommandResult LastCommandResult { get { return _result; } }

        /// <summary>
        /// The last will the adapter registers before connecting: state "offline", retained.
        /// Returns the payload length in buffer.
        /// </summary>
        public int WriteWill(byte[] buffer)
        {
            JsonWriter w = new JsonWriter(buffer);
            _writer.WriteState(w, false, _clock.UtcMs);
            return w.Length;
        }

        public void Step()
        {
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
                _birthPending = true;
            }
            if (_birthPending && PublishBirth()) _birthPending = false;
            TakeAcknowledgements();
            ReceiveCommands();
            if (_clock.MonotonicMs - _lastHealthMono >= _options.HealthIntervalMs || _lastHealthMono == long.MinValue)
            {
                if (PublishHealth()) _lastHealthMono = _clock.MonotonicMs;
            }
            if (!_birthPending) PumpJournal();
        }

        private void OnConnected()
        {
            _connected = true;
            Connections++;
            _inFlightCount = 0;
            _hasRetry = false;
            _journal.Rewind();
            _historyBoundary = _journal.NextRecordSequence;
            _live.Reset();
            _writer.WriteState(_live, true, _clock.UtcMs);
            PublishLive(MessageKind.State, true);
            _birthPending = !PublishBirth();
        }

        private void OnDisconnected()
        {
            // Whatever was in flight is not acknowledged: it stays pending and is replayed.
            _connected = false;
            _inFlightCount = 0;
            _hasRetry = false;
        }

        private bool PublishBirth()
        {
            _live.Reset();
            _writer.WriteBirth(_live, _engine, _zones, _clock.IsTrusted, _clock.UtcMs);
            if (!PublishLive(MessageKind.Birth, false)) return false;
            BirthsPublished++;
            return true;
        }

        private bool PublishHealth()
        {
            _live.Reset();
            long lost = _engine == null ? 0 : _engine.Transitions.Overflowed;
            _writer.WriteHealth(_live, _clock.MonotonicMs, _health, _journal.Stats, _journal.PendingData, _journal.PendingPriority,
                lost, Published, Acknowledged, _clock.IsTrusted, _clock.UtcMs);
            return PublishLive(MessageKind.Health, false);
        }

        private bool PublishLive(MessageKind kind, bool retain)
        {
            if (_live.Overflowed) return false;
            int token = _link.Publish(_topics.Topic(kind), _liveBuf, 0, _live.Length, retain);
            if (token == 0) return false;
            Published++;
            return true;
        }

        private void TakeAcknowledgements()
        {
            int token;
            while (_link.TryTakeAcknowledged(out token))
            {
                for (int i = 0; i < _inFlightCount; i++)
                {
                    if (_inFlightToken[i] != token) continue;
                    _journal.Acknowledge(_inFlightEntry[i]);
                    Acknowledged++;
                    _inFlightCount--;
                    _inFlightToken[i] = _inFlightToken[_inFlightCount];
                    _inFlightEntry[i] = _inFlightEntry[_inFlightCount];
                    break;
                }
            }
        }

        private void PumpJournal()
        {
            int budget = _options.MaxPublishesPerStep;
            while (budget > 0 && _inFlightCount < _inFlightToken.Length)
            {
                Journal.JournalEntry e;
                int start;
                int length;
                if (_hasRetry)
                {
                    e = _retry;
                    length = _retryLength;
                    start = _retryStart;
                }
                else
                {
                    // Priority lane first on every slot: alarms and events never queue behind data.
                    int at = s_histPrefix.Length - 1;
                    if (!_journal.TryReadNext(true, _sendBuf, at, out e) && !_journal.TryReadNext(false, _sendBuf, at, out e)) return;
                    start = at;
                    length = e.PayloadLength;
                    if (e.Class == RecordClass.Data && e.RecordSequence < _historyBoundary && length > 1 && _sendBuf[at] == (byte)'{')
                    {
                        // Recorded before this connection: flag it historical ({"hist":true, …).
                        System.Array.Copy(s_histPrefix, 0, _sendBuf, 0, s_histPrefix.Length);
                        start = 0;
                        length += s_histPrefix.Length - 1;
                    }
                }
                MessageKind kind = e.Class == RecordClass.Data ? MessageKind.Data : e.Class == RecordClass.Alarm ? MessageKind.Alarm : MessageKind.Event;
                int token = _link.Publish(_topics.Topic(kind), _sendBuf, start, length, false);
                if (token == 0)
                {
                    _hasRetry = true;
                    _retry = e;
                    _retryLength = length;
                    _retryStart = start;
                    return;
                }
                _hasRetry = false;
                Published++;
                _inFlightToken[_inFlightCount] = token;
                _inFlightEntry[_inFlightCount] = e;
                _inFlightCount++;
                budget--;
            }
        }

        private void ReceiveCommands()
        {
            if (_commands == null) return;
            for (int n = 0; n < _options.MaxCommandsPerStep; n++)
            {
                int topicLength;
                int payloadLength;
                if (!_link.TryReceive(_topicBuf, out topicLength, _cmdBuf, out payloadLength)) return;
                CommandsHandled++;
                _commands.Handle(_cmdBuf, payloadLength, _result);
                _live.Reset();
                _writer.WriteReply(_live, _result, _clock.UtcMs);
                PublishLive(MessageKind.Reply, false);
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
