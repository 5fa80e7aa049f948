using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Clock;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// The gateway: one configuration, its ports, and the scan that runs them. Data flows one
    /// way through a scan: poll → condition → alarms → welding/confined-space authorisation →
    /// interlocks → outputs → events → telemetry; then the MQTT pump drains the journal. Nothing
    /// on the safety path waits on the network, the journal or the log. Every buffer is sized
    /// here; a steady-state Scan allocates nothing. An exception in the scan drops every output
    /// and withholds the supervisor's kick, so the watchdog reboots the device.
    /// </summary>
    public sealed class GatewayRuntime : IWorkAuthorisation, IZoneStatus, IZoneCommands, IRemoteUpdateHandler, IWeldingEvents, IEventSink
    {
        /// <summary>The transition queue never holds fewer slots than this (a few channels still get room for commands' acknowledges and resets).</summary>
        public const int MinTransitionCapacity = 16;
        public const int SampleIntervalMs = 1000;

        // The parsed GatewayConfig is not kept: each part copies what it needs at construction, so
        // the configuration objects can be dropped after start-up (memory budget, docs/memory.md).
        private readonly string _gatewayId;
        private readonly IGatewayPorts _ports;
        private readonly GatewayBoot _boot;
        private readonly IClock _clock;

        private readonly AlarmEngine _alarms;
        private readonly ModbusPoller[] _pollers;
        // Per channel: its bus (a byte: GatewayConfig.MaxSourceBus = 255) and point on that bus's
        // poller (-1: not polled), the time of the reading last fed, and its analog input (the
        // array only when some channel has one: an array slot costs 12 bytes on nanoFramework,
        // docs/memory.md). The parsed GatewayConfig itself is not kept.
        private readonly byte[] _channelBus;
        private readonly int[] _channelPoint;
        private readonly long[] _channelFedMs;
        private readonly IAnalogInput[] _channelAnalog;

        private readonly Journal.Journal _journal;
        private readonly EventRecorder _events;
        private readonly IDigitalOutput[] _outputs;
        private readonly IDigitalInput[] _inputs;
        private readonly ZoneEngine _zones;

        private readonly WeldingRegistry _registry;
        private readonly PermitBook _permits;
        private readonly WeldingStation[] _stations;
        private readonly int[] _stationZone;
        private readonly IDigitalOutput[] _stationEnable;
        private readonly ConfinedSpaceGuard[] _guards;
        private readonly int[] _guardZone;

        private readonly GatewayIdentity _identity;
        private readonly MessageWriter _writer;
        private readonly TelemetryRecorder _recorder;
        private readonly CommandProcessor _commands;
        private readonly MqttSession _session;
        private readonly HealthFigures _health = new HealthFigures();
        private readonly ClockMonitor _clockMonitor;
        private readonly ConfigTransfer _transfer;

        private long _lastSampleMs = long.MinValue;
        private bool _failed;
        private string _failure;

        public GatewayRuntime(GatewayConfig config, IGatewayPorts ports, GatewayBoot boot)
        {
            _gatewayId = config.GatewayId;
            _ports = ports;
            _boot = boot;
            _clock = ports.Clock;

            _alarms = new AlarmEngine(config.Channels, TransitionCapacityFor(config.Channels));

            // Buses and channel sources.
            _pollers = new ModbusPoller[config.Buses.Length];
            for (int b = 0; b < _pollers.Length; b++)
            {
                ISerialLine line = ports.Serial(b, config.BusPorts[b]);
                if (line == null) Fail("no serial line for bus " + config.BusIds[b]);
                else _pollers[b] = new ModbusPoller(new ModbusMaster(line, _clock, config.Buses[b].CreateTiming(), ModbusPoller.MaxRequestBytes), _clock, config.Buses[b].Devices);
            }
            int n = config.Channels.Length;
            _channelBus = new byte[n];
            _channelPoint = new int[n];
            _channelFedMs = new long[n];
            for (int c = 0; c < n; c++)
            {
                if (config.SourceKind(c) == ChannelSourceKind.Analog && _channelAnalog == null) _channelAnalog = new IAnalogInput[n];
            }
            for (int c = 0; c < n; c++)
            {
                _channelPoint[c] = -1;
                _channelFedMs[c] = long.MinValue;
                int bus = config.SourceBus(c);
                if (bus >= 0 && _pollers[bus] != null)
                {
                    _channelBus[c] = (byte)bus;
                    _channelPoint[c] = _pollers[bus].FirstPoint(config.SourceDevice(c)) + config.SourcePoint(c);
                }
                else if (config.SourceKind(c) == ChannelSourceKind.Analog)
                {
                    _channelAnalog[c] = ports.Analog(config.SourceAnalogInputId(c));
                    if (_channelAnalog[c] == null) Fail("no analog input " + config.SourceAnalogInputId(c));
                }
            }

            // Journal and the hash-chained event log.
            _journal = new Journal.Journal(ports.JournalStore);
            _journal.Mount();
            string bootId = GatewayIdentity.BootIdFrom((uint)boot.BootCounter);
            // One payload buffer for the MQTT session (journal replays, live messages, commands), alarm
            // messages and events: each writes and journals or publishes within one call, nothing stays in
            // it, and the MQTT link copies a payload before Publish returns (memory budget, docs/memory.md).
            JsonWriter payload = new JsonWriter(new byte[MqttSession.PayloadBytes(_journal.MaxPayloadLength)]);
            // One SHA-256 for the event chain and the command MAC: neither runs inside the other.
            ISha256 sha = ports.NewSha256();
            // An event longer than one journal record cannot be journalled, so it need not be longer.
            int eventBytes = _journal.MaxPayloadLength < EventRecorder.DefaultBufferSize ? _journal.MaxPayloadLength : EventRecorder.DefaultBufferSize;
            _events = new EventRecorder(_journal, sha, _clock, boot.BootCounter, bootId, boot.LastEventHash, payload, eventBytes);

            // Interlocks.
            InterlockConfig ic = config.Interlocks;
            _outputs = new IDigitalOutput[ic.Outputs.Length];
            for (int i = 0; i < _outputs.Length; i++)
            {
                _outputs[i] = ports.Output(ic.Outputs[i].Id);
                if (_outputs[i] == null) Fail("no output port " + ic.Outputs[i].Id);
            }
            _inputs = new IDigitalInput[ic.Inputs.Length];
            for (int i = 0; i < _inputs.Length; i++)
            {
                _inputs[i] = ports.Input(ic.Inputs[i].Id);
                if (_inputs[i] == null) Fail("no input port " + ic.Inputs[i].Id);
            }
            if (_failed)
            {
                // A missing port: run the engine without ports, so it stays in its safe state.
                for (int i = 0; i < _outputs.Length; i++) if (_outputs[i] != null) _outputs[i].Write(false);
            }
            _zones = new ZoneEngine(ic, _alarms, _failed ? null : _outputs, _failed ? null : _inputs, _clock, _events, this);
            // Only the zone engine's errors are ever reported (ConfigInvalid event); its warnings were
            // the validator's business and would only hold strings in the heap (docs/memory.md).
            _zones.ConfigErrors.DropWarnings();

            // Welding and confined spaces.
            WeldingSettings w = config.Welding;
            _registry = new WeldingRegistry(w.Welders, w.Machines);
            string[] zoneIds = new string[ic.Zones.Length];
            for (int z = 0; z < zoneIds.Length; z++) zoneIds[z] = ic.Zones[z].Id;
            _permits = new PermitBook(w.PermitCapacity, config.GatewayId, boot.Key, zoneIds, boot.LastPermitCounter);
            _stations = new WeldingStation[w.Stations.Length];
            _stationZone = new int[w.Stations.Length];
            _stationEnable = new IDigitalOutput[w.Stations.Length];
            for (int i = 0; i < _stations.Length; i++)
            {
                WeldingStationSpec s = w.Stations[i];
                IDigitalOutput enable = ports.Output(s.EnableOutputId);
                ICardReader reader = ports.CardReader(s.CardReaderId);
                _stationEnable[i] = enable;
                if (enable == null || reader == null)
                {
                    Fail("no enable output or card reader for welding station " + s.Id);
                    enable = new NullOutput();
                }
                int[] gas = new int[s.GasChannelIds.Length];
                for (int k = 0; k < gas.Length; k++) gas[k] = config.IndexOfChannel(s.GasChannelIds[k]);
                IWeldingMachineLink link = MachineLink(config, s);
                _stations[i] = new WeldingStation(new WeldingStationConfig(s.Id, s.ZoneId, s.ExpectedMachineCode, gas, s.SettleMs, s.ArcThresholdAmps),
                    link, enable, reader, _registry, _permits, _alarms, this, _clock, this, w.SpecialPeriods);
                _stationZone[i] = _zones.IndexOfZone(s.ZoneId);
            }
            _guards = new ConfinedSpaceGuard[w.ConfinedSpaces.Length];
            _guardZone = new int[w.ConfinedSpaces.Length];
            for (int i = 0; i < _guards.Length; i++)
            {
                ConfinedSpaceSpec s = w.ConfinedSpaces[i];
                int[] toxic = new int[s.ToxicChannelIds.Length];
                for (int k = 0; k < toxic.Length; k++) toxic[k] = config.IndexOfChannel(s.ToxicChannelIds[k]);
                _guards[i] = new ConfinedSpaceGuard(s.ZoneId, config.IndexOfChannel(s.OxygenChannelId), toxic, ports.CardReader(s.CardReaderId),
                    _registry, _permits, _alarms, _clock, this);
                _guardZone[i] = _zones.IndexOfZone(s.ZoneId);
            }

            // MQTT: telemetry into the journal, the session that drains it, authenticated commands.
            _identity = new GatewayIdentity(config.SiteId, config.GatewayId, bootId, boot.FirmwareVersion, config.Hash ?? "");
            _writer = new MessageWriter(_identity);
            ZoneInfo[] zoneInfos = new ZoneInfo[ic.Zones.Length];
            for (int z = 0; z < zoneInfos.Length; z++)
            {
                string[] chans = new string[ic.Zones[z].ChannelCount];
                for (int k = 0; k < chans.Length; k++) chans[k] = ic.Zones[z].ChannelId(k);
                zoneInfos[z] = new ZoneInfo(ic.Zones[z].Id, ic.Zones[z].OutputIds, chans);
            }
            _recorder = new TelemetryRecorder(_writer, _journal, _clock, _alarms, _journal.MaxPayloadLength, config.Mqtt.DataBatchIntervalMs, payload);
            // Command and clock events join the zones' and welding's hash chain: one verifiable log.
            _recorder.EventSink = this;
            HmacSha256 hmac = new HmacSha256(boot.Key, sha, sha);
            _commands = new CommandProcessor(config.GatewayId, hmac, _clock, _alarms, this, this, ports.ClockAdjuster, boot.LastCommandCounter);
            MqttSessionOptions options = new MqttSessionOptions();
            options.HealthIntervalMs = config.Mqtt.HealthIntervalMs;
            _session = ports.Mqtt == null || !config.Mqtt.Enabled ? null
                : new MqttSession(ports.Mqtt, _clock, _journal, _writer, new MqttTopics(config.SiteId, config.GatewayId), _alarms, zoneInfos, _commands, _recorder, _health, options, payload);
            _clockMonitor = new ClockMonitor(_clock, _recorder);
            // Chunked configuration pushes: bookkeeping only; the envelope lives in the staging store until it is complete.
            _transfer = ports.ConfigStaging == null ? null : new ConfigTransfer(ports.ConfigStaging, _clock, SignedEnvelope.MaxEnvelopeBytes);
        }

        /// <summary>
        /// Slots of the alarm transition queue, drained once per scan: one per channel and one per
        /// level, so that one scan in which every channel's quality and every level changes (the
        /// first readings after boot, a bus failure faulting every channel) loses nothing. When
        /// more arrive in one scan, the queue overwrites its oldest and counts them
        /// (TransitionQueue.Overflowed, transitions_lost in health).
        /// </summary>
        public static int TransitionCapacityFor(ChannelConfig[] channels)
        {
            int n = channels.Length;
            for (int i = 0; i < channels.Length; i++) n += channels[i].Levels.Length;
            return n < MinTransitionCapacity ? MinTransitionCapacity : n;
        }

        public AlarmEngine Alarms { get { return _alarms; } }
        public ZoneEngine Zones { get { return _zones; } }
        public Journal.Journal Journal { get { return _journal; } }
        public EventRecorder Events { get { return _events; } }
        public PermitBook Permits { get { return _permits; } }
        public WeldingRegistry Registry { get { return _registry; } }
        public WeldingStation[] Stations { get { return _stations; } }
        public ConfinedSpaceGuard[] ConfinedSpaces { get { return _guards; } }
        public MqttSession Session { get { return _session; } }
        public CommandProcessor Commands { get { return _commands; } }
        public HealthFigures Health { get { return _health; } }
        /// <summary>The chunked configuration transfer (null when the ports offer no staging store).</summary>
        public ConfigTransfer ConfigTransfer { get { return _transfer; } }
        public GatewayIdentity Identity { get { return _identity; } }
        public ModbusPoller Poller(int bus) { return _pollers[bus]; }
        /// <summary>Number of Modbus buses (a poller each, null where the bus's line is missing).</summary>
        public int BusCount { get { return _pollers.Length; } }

        /// <summary>False when a port was missing: the gateway stays in its safe state (outputs off) and says why.</summary>
        public bool IsOperational { get { return !_failed; } }
        public string Failure { get { return _failure; } }

        /// <summary>A configuration received over MQTT that verified; the composition root stores it and restarts.</summary>
        public byte[] PendingConfig { get; private set; }
        public long PendingConfigCounter { get; private set; }

        /// <summary>
        /// Hook for the composition root: the counter of the configuration running now, so that
        /// update_config refuses an older or equal one as replayed (a rollback) instead of accepting it.
        /// </summary>
        public void AcceptConfigsAbove(long counter)
        {
            if (counter > PendingConfigCounter) PendingConfigCounter = counter;
        }

        /// <summary>Issue time of <see cref="PendingConfig"/>: with body and counter, the device re-creates the exact signed envelope to store.</summary>
        public long PendingConfigIssuedUtcMs { get; private set; }

        /// <summary>Feeds an externally measured reading (the simulator, a host-side sensor) into a channel.</summary>
        public void Feed(int channel, Reading reading)
        {
            if (!_clock.IsTrusted) reading.Quality |= Quality.ClockUntrusted;
            _alarms.Update(channel, reading, _clock.MonotonicMs);
        }

        /// <summary>One scan. Call it every few tens of milliseconds; it never blocks.</summary>
        public void Scan()
        {
            long now = _clock.MonotonicMs;
            try
            {
                for (int b = 0; b < _pollers.Length; b++)
                {
                    if (_pollers[b] != null) _pollers[b].Step();
                }
                FeedChannels(now);
                _alarms.Tick(now);
                UpdateAlarmPolling();
                for (int i = 0; i < _stations.Length; i++) _stations[i].Step();
                for (int i = 0; i < _guards.Length; i++) _guards[i].Step();
                if (_ports.Mqtt != null && _ports.Mqtt.IsConnected) _zones.NotifyPlatformLinkAlive(now);
                _zones.Evaluate(now);

                _recorder.DrainTransitions();
                if (_lastSampleMs == long.MinValue || now - _lastSampleMs >= SampleIntervalMs)
                {
                    _lastSampleMs = now;
                    _recorder.SampleChannels();
                }
                _recorder.Step();
                _clockMonitor.Step();
                ExpireTransfer();
                if (_session != null) _session.Step();
                _health.ScanCount++;
                if (!_failed && _ports.Supervisor != null) _ports.Supervisor.Kick();
            }
            catch (Exception)
            {
                // De-energise to trip: every output off; no kick, so the watchdog reboots us.
                AllOff();
                _health.ScanOverruns++;
            }
        }

        private void ExpireTransfer()
        {
            if (_transfer == null || !_transfer.IsActive) return;
            string id = _transfer.ActiveId;
            if (_transfer.Expire())
            {
                Record("config_transfer_expired", EventSeverity.Warning, id, "configuration transfer " + id + " expired (no chunk for 60 s): discarded, the running configuration stays",
                    "配置传输 " + id + " 已过期（60 秒未收到分块）：已丢弃，保留当前配置");
            }
        }

        private void AllOff()
        {
            for (int i = 0; i < _outputs.Length; i++)
            {
                if (_outputs[i] != null) _outputs[i].Write(false);
            }
            for (int i = 0; i < _stationEnable.Length; i++)
            {
                if (_stationEnable[i] != null) _stationEnable[i].Write(false);
            }
        }

        private void FeedChannels(long now)
        {
            bool trusted = _clock.IsTrusted;
            for (int c = 0; c < _channelPoint.Length; c++)
            {
                if (_channelPoint[c] >= 0)
                {
                    Reading r = _pollers[_channelBus[c]].ReadingOf(_channelPoint[c]);
                    if (r.Unit == Unit.None) r.Unit = _alarms.ChannelUnit(c);
                    if (!trusted) r.Quality |= Quality.ClockUntrusted;
                    // A new poll, or a new verdict on the last one: after MissesBeforeFault failed polls the
                    // poller flags CommunicationFault and keeps the last good poll's time, so comparing times
                    // alone never fed the fault and the last value stayed good until it was stale (maxAgeMs,
                    // up to an hour). Bad data is a fault at once, never a value.
                    if (r.MonotonicMs == _channelFedMs[c] && r.Quality == _alarms.LastReading(c).Quality) continue;
                    _channelFedMs[c] = r.MonotonicMs;
                    _alarms.Update(c, r, now);
                }
                else if (_channelAnalog != null && _channelAnalog[c] != null)
                {
                    double mA;
                    Reading r = new Reading(0, _alarms.ChannelUnit(c), Quality.Good, now, _clock.UtcMs);
                    if (!_channelAnalog[c].TryReadMilliamps(out mA))
                    {
                        r.Quality = Quality.CommunicationFault;
                    }
                    else
                    {
                        r.Quality = LoopCurrent.Classify(mA);
                        r.Value = LoopCurrent.ToEngineering(mA, _alarms.RangeMin(c), _alarms.RangeMax(c));
                    }
                    if (!trusted) r.Quality |= Quality.ClockUntrusted;
                    _alarms.Update(c, r, now);
                }
            }
        }

        private void UpdateAlarmPolling()
        {
            for (int c = 0; c < _channelPoint.Length; c++)
            {
                if (_channelPoint[c] < 0) continue;
                bool inAlarm = false;
                for (int i = 0; i < _alarms.LevelCount(c); i++)
                {
                    LevelStatus s = _alarms.Status(c, i);
                    if (s == LevelStatus.Active || s == LevelStatus.Pending) inAlarm = true;
                }
                _pollers[_channelBus[c]].SetInAlarm(_channelPoint[c], inAlarm);
            }
        }

        private int PointIndex(GatewayConfig config, int bus, string device, string point)
        {
            ModbusPoller p = _pollers[bus];
            for (int d = 0; d < p.DeviceCount; d++)
            {
                ModbusDeviceConfig dc = config.Buses[bus].Devices[d];
                if (dc.Name != device) continue;
                for (int k = 0; k < dc.Profile.Points.Length; k++)
                {
                    if (dc.Profile.Points[k].Id == point) return p.FirstPoint(d) + k;
                }
            }
            return -1;
        }

        private IWeldingMachineLink MachineLink(GatewayConfig config, WeldingStationSpec s)
        {
            if (s.BusIndex < 0 || s.BusIndex >= _pollers.Length || _pollers[s.BusIndex] == null) return new NoMachine();
            return new PollerMachineLink(_pollers[s.BusIndex],
                PointIndex(config, s.BusIndex, s.MachineDevice, "identity_code"),
                PointIndex(config, s.BusIndex, s.MachineDevice, "model"),
                PointIndex(config, s.BusIndex, s.MachineDevice, "arc_current"));
        }

        private void Fail(string reason)
        {
            if (!_failed)
            {
                _failed = true;
                _failure = reason;
            }
            if (_ports.Log != null) _ports.Log.Write(LogLevel.Error, "gateway not operational: " + reason);
        }

        // ------------------------------------------------------------ IWorkAuthorisation, IZoneStatus

        public bool IsAuthorised(int zoneIndex, long nowMs)
        {
            for (int i = 0; i < _stations.Length; i++)
            {
                if (_stationZone[i] == zoneIndex && _stations[i].IsRunning) return true;
            }
            for (int i = 0; i < _guards.Length; i++)
            {
                if (_guardZone[i] == zoneIndex && _guards[i].IsAuthorised) return true;
            }
            return false;
        }

        public bool ConditionsHoldExceptAuthorisation(string zoneId)
        {
            int z = _zones.IndexOfZone(zoneId);
            if (z < 0) return false;
            int others = ~Conditions.Bit(ConditionKind.WorkNotAuthorised);
            return (_zones.LiveMask(z) & others) == 0 && (_zones.LatchedMask(z) & others) == 0;
        }

        // ------------------------------------------------------------ IZoneCommands

        public ZoneCommandOutcome RequestTrip(string zoneId, string reason)
        {
            int z = _zones.IndexOfZone(zoneId);
            if (z < 0) return ZoneCommandOutcome.UnknownZone;
            return _zones.RequestTrip(z, reason) ? ZoneCommandOutcome.Accepted : ZoneCommandOutcome.Refused;
        }

        public ZoneCommandOutcome RequestRemoteReset(string zoneId)
        {
            int z = _zones.IndexOfZone(zoneId);
            if (z < 0) return ZoneCommandOutcome.UnknownZone;
            ZoneResetOutcome o = _zones.RequestRemoteReset(z);
            switch (o)
            {
                case ZoneResetOutcome.Accepted: return ZoneCommandOutcome.Accepted;
                case ZoneResetOutcome.RemoteResetNotAllowed:
                case ZoneResetOutcome.LocalResetRequired: return ZoneCommandOutcome.RemoteResetNotAllowed;
                case ZoneResetOutcome.SettleTimeRunning:
                case ZoneResetOutcome.CausePersists: return ZoneCommandOutcome.CausePersists;
                default: return ZoneCommandOutcome.Refused;
            }
        }

        // ------------------------------------------------------------ IRemoteUpdateHandler

        public void Apply(string command, JsonValue args, CommandResult result)
        {
            if (command == "config_chunk")
            {
                ConfigChunk(args, result);
                return;
            }
            JsonValue envelope = args == null ? null : args.Get("envelope");
            if (envelope == null || !envelope.IsObject)
            {
                result.Refuse("malformed", "the command needs an \"envelope\" object (a signed document)", "命令需要 \"envelope\" 对象（签名文档）");
                return;
            }
            if (command == "update_permits")
            {
                WeldingReason r = _permits.Apply(envelope, _clock.UtcMs, _clock.IsTrusted);
                if (r == WeldingReason.None || r == WeldingReason.PermitCancelled)
                {
                    RecordSimple(EventKind.PermitAccepted, _permits.LastPermitId, WeldingReasonText.Code(r));
                    result.Accept(r == WeldingReason.None ? "Permit accepted." : "Permit cancelled.", r == WeldingReason.None ? "作业票已接受。" : "作业票已撤销。");
                }
                else
                {
                    RecordSimple(EventKind.PermitRefused, _permits.LastPermitId, WeldingReasonText.Code(r));
                    result.Refuse(WeldingReasonText.Code(r), WeldingReasonText.English(r), WeldingReasonText.Chinese(r));
                }
                return;
            }
            if (command == "update_registry")
            {
                string error;
                EnvelopeOutcome o = _registry.ApplySigned(envelope, _gatewayId, _boot.Key, out error);
                if (o == EnvelopeOutcome.Accepted)
                {
                    RecordSimple(EventKind.RegistryUpdated, "registry", "accepted");
                    result.Accept("Registry replaced.", "登记表已更新。");
                }
                else
                {
                    result.Refuse(SignedEnvelope.Code(o), "Registry refused: " + SignedEnvelope.Code(o) + (error != null ? " (" + error + ")" : ""), "登记表被拒绝：" + SignedEnvelope.Code(o));
                }
                return;
            }
            if (command == "update_config")
            {
                byte[] body;
                long counter, issued;
                EnvelopeOutcome o = SignedEnvelope.Open(envelope, "config", _gatewayId, _boot.Key, PendingConfigCounter, out body, out counter, out issued);
                AcceptConfig(o, body, counter, issued, result);
                return;
            }
            result.Refuse("unknown_command");
        }

        /// <summary>
        /// The one verify/accept path of a configuration envelope, pushed whole (update_config) or in
        /// chunks (config_chunk): MAC, type, gateway, counter (SignedEnvelope), then the content
        /// (GatewayConfigReader). Only then is it pending; every refusal leaves the running
        /// configuration and the pending one as they were.
        /// </summary>
        private void AcceptConfig(EnvelopeOutcome o, byte[] body, long counter, long issued, CommandResult result)
        {
            if (o != EnvelopeOutcome.Accepted)
            {
                result.Refuse(SignedEnvelope.Code(o), "Configuration refused: " + SignedEnvelope.Code(o), "配置被拒绝：" + SignedEnvelope.Code(o));
                return;
            }
            Validation.ValidationErrors errors = new Validation.ValidationErrors();
            GatewayConfig candidate = GatewayConfigReader.Read(body, 0, body.Length, errors);
            if (candidate == null)
            {
                Validation.ValidationError first = errors[0];
                result.Refuse("config_invalid", "Configuration invalid, the last good one stays: " + first.Path + ": " + first.English,
                    "配置无效，保留上一份有效配置：" + first.Path + "：" + first.Chinese);
                return;
            }
            if (candidate.GatewayId != _gatewayId)
            {
                result.Refuse("wrong_gateway", "The configuration is for gateway " + candidate.GatewayId + ".", "该配置属于网关 " + candidate.GatewayId + "。");
                return;
            }
            PendingConfig = body;
            PendingConfigCounter = counter;
            PendingConfigIssuedUtcMs = issued;
            RecordSimple(EventKind.ConfigReceived, candidate.Hash, "accepted");
            result.Accept("Configuration " + candidate.Hash + " accepted; applied at restart.", "配置 " + candidate.Hash + " 已接受，重启后生效。");
            result.ConfigHash = candidate.Hash;
        }

        /// <summary>
        /// One chunk of a configuration transfer (docs/mqtt.md, "Configuration transfer"). The reply
        /// names the next chunk expected; the last chunk's reply is the configuration's verdict, and a
        /// retransmission of any chunk of an ended transfer gets that verdict again.
        /// </summary>
        private void ConfigChunk(JsonValue args, CommandResult result)
        {
            if (_transfer == null)
            {
                result.Refuse(CommandReasons.NotSupported);
                return;
            }
            string id, sha, data;
            long index, count, total;
            if (args == null || !args.TryGetString("transfer", out id) || !args.TryGetLong("index", out index) || !args.TryGetLong("count", out count)
                || !args.TryGetLong("total", out total) || !args.TryGetString("sha256", out sha) || !args.TryGetString("data", out data))
            {
                Refuse(ChunkOutcome.BadArguments, result);
                return;
            }
            ChunkOutcome o = _transfer.Offer(id, index, count, total, sha, data);
            if (o == ChunkOutcome.AlreadyEnded)
            {
                if (_transfer.EndedOk) result.Accept(_transfer.EndedEnglish, _transfer.EndedChinese);
                else result.Refuse(_transfer.EndedCode, _transfer.EndedEnglish, _transfer.EndedChinese);
                result.ConfigHash = _transfer.EndedConfigHash;
            }
            else if (o == ChunkOutcome.Complete)
            {
                int n = _transfer.Count;
                ChunkOutcome read;
                byte[] envelope = _transfer.TakeEnvelope(_ports.NewSha256(), out read);
                if (envelope == null)
                {
                    Refuse(read, result);
                }
                else
                {
                    byte[] body;
                    long counter, issued;
                    EnvelopeOutcome e = SignedEnvelope.Open(envelope, 0, envelope.Length, "config", _gatewayId, _boot.Key, PendingConfigCounter,
                        out body, out counter, out issued);
                    AcceptConfig(e, body, counter, issued, result);
                }
                _transfer.RememberEnd(id, n, result.Ok, result.Code, result.English, result.Chinese, result.ConfigHash);
            }
            else if (ChunkOutcomeText.IsRefusal(o))
            {
                Refuse(o, result);
            }
            else
            {
                result.Accept("chunk " + (index + 1) + " of " + count + (o == ChunkOutcome.Duplicate ? " already stored" : " stored"),
                    "第 " + (index + 1) + "/" + count + " 块" + (o == ChunkOutcome.Duplicate ? "已保存过" : "已保存"));
            }
            result.NextChunk = _transfer.NextIndexFor(id);
        }

        private static void Refuse(ChunkOutcome o, CommandResult result)
        {
            result.Refuse(ChunkOutcomeText.Code(o), ChunkOutcomeText.English(o), ChunkOutcomeText.Chinese(o));
        }

        // ------------------------------------------------------------ IWeldingEvents → the hash-chained event log

        public void StartRefused(string stationId, string zoneId, string cardUid, WeldingReason reason)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingStartRefused, stationId, WeldingReasonText.Code(reason), WeldingReasonText.English(reason), WeldingReasonText.Chinese(reason));
            w.String("zone", zoneId);
            w.String("card", cardUid);
            _events.Commit();
        }

        public void SessionStarted(WeldingSession s)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingSessionStarted, s.StationId, "started", "Welding session started.", "焊接作业开始。");
            WriteSession(w, s);
            _events.Commit();
        }

        public void SessionEnded(WeldingSession s)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingSessionEnded, s.StationId, WeldingReasonText.Code(s.StopReason),
                WeldingReasonText.English(s.StopReason), WeldingReasonText.Chinese(s.StopReason));
            WriteSession(w, s);
            w.Integer("stopUtcMs", s.StopUtcMs);
            w.Integer("durationMs", s.DurationMs);
            w.Integer("arcOnMs", s.ArcOnMs);
            w.Number("maxCurrentA", s.MaxCurrentAmps, 1);
            w.Number("meanCurrentA", s.MeanCurrentAmps, 1);
            _events.Commit();
        }

        public void Warning(string stationId, string zoneId, WeldingReason reason, string detail)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingWarning, stationId, WeldingReasonText.Code(reason), WeldingReasonText.English(reason), WeldingReasonText.Chinese(reason));
            w.String("zone", zoneId);
            w.String("detail", detail);
            _events.Commit();
        }

        private static void WriteSession(JsonWriter w, WeldingSession s)
        {
            w.Integer("session", s.SessionNumber);
            w.String("zone", s.ZoneId);
            w.String("machine", s.MachineCode);
            w.String("welder", s.WelderId);
            w.String("welderName", s.WelderName);
            w.String("permit", s.PermitId);
            w.Integer("startUtcMs", s.StartUtcMs);
        }

        public bool Record(string code, EventSeverity severity, string subject, string english, string chinese)
        {
            _events.Begin(code, subject == null ? "" : subject, severity == EventSeverity.Info ? "info" : severity == EventSeverity.Warning ? "warning" : "critical", english, chinese);
            return _events.Commit();
        }

        private void RecordSimple(EventKind kind, string subject, string reason)
        {
            _events.Begin(kind, subject == null ? "" : subject, reason, EventKinds.English(kind), EventKinds.Chinese(kind));
            _events.Commit();
        }

        private sealed class NullOutput : IDigitalOutput
        {
            public void Write(bool energised) { }
        }

        private sealed class NoMachine : IWeldingMachineLink
        {
            public bool TryGetIdentity(out string code, out string model)
            {
                code = null;
                model = null;
                return false;
            }

            public double ArcCurrentAmps { get { return 0; } }
            public Quality ArcCurrentQuality { get { return Quality.NoData; } }
        }
    }
}
