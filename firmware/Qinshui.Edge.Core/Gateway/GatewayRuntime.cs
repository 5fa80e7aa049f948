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
    /// at construction (the wiring is in <see cref="GatewayComposition"/>); a steady-state Scan
    /// allocates nothing. An exception in the scan drops every output and withholds the
    /// supervisor's kick, so the watchdog reboots the device. Signed updates (permits, registry,
    /// configuration) are <see cref="RemoteUpdates"/>'; welding events are in GatewayRuntimeEvents.
    /// </summary>
    public sealed partial class GatewayRuntime : IWorkAuthorisation, IZoneStatus, IZoneCommands, IWeldingEvents, IEventSink
    {
        /// <summary>The transition queue never holds fewer slots than this (a few channels still get room for commands' acknowledges and resets).</summary>
        public const int MinTransitionCapacity = 16;
        public const int SampleIntervalMs = 1000;

        // The parsed GatewayConfig is not kept: each part copies what it needs at construction, so
        // the configuration objects can be dropped after start-up (memory budget, docs/memory.md).
        // Declared first: the heap walk of docs/memory.md then reaches the zone engine through its own field, not through this view.
        private readonly ProofTests _proofTests;
        private readonly RemoteUpdates _remote;
        private readonly IGatewayPorts _ports;
        private readonly IClock _clock;
        private readonly GuardedClock _guardedClock;

        private readonly AlarmEngine _alarms;
        private readonly ModbusPoller[] _pollers;
        // Per channel: its bus and point on that bus's poller, the time of the reading last fed, and
        // its analog input (GatewayComposition.ChannelSources).
        private readonly byte[] _channelBus;
        private readonly int[] _channelPoint;
        private readonly long[] _channelFedMs;
        private readonly IAnalogInput[] _channelAnalog;

        private readonly Journal.Journal _journal;
        private readonly EventRecorder _events;
        private readonly IDigitalOutput[] _outputs;
        private readonly IDigitalInput[] _inputs;
        private readonly ZoneEngine _zones;

        private readonly WeldingStation[] _stations;
        private readonly IDigitalOutput[] _stationEnable;
        private readonly ConfinedSpaceGuard[] _guards;
        /// <summary>The zone of each welding station, then of each confined space (GatewayComposition.WorkZones).</summary>
        private readonly int[] _workZone;

        private readonly GatewayIdentity _identity;
        private readonly TelemetryRecorder _recorder;
        private readonly CommandProcessor _commands;
        private readonly MqttSession _session;
        private readonly HealthFigures _health = new HealthFigures();
        private readonly ClockMonitor _clockMonitor;
        private readonly ExposureCheckpoints _exposure;

        private long _lastSampleMs = long.MinValue;
        /// <summary>Why a port was missing (null: operational).</summary>
        private string _failure;

        public GatewayRuntime(GatewayConfig config, IGatewayPorts ports, GatewayBoot boot)
        {
            _ports = ports;
            // The logic sees the guarded clock: a set-back is untrusted until confirmed (Clock/GuardedClock);
            // the Modbus master keeps the port's own clock (its microseconds, IMicrosecondClock).
            _guardedClock = new GuardedClock(ports.Clock, ports.ClockAdjuster);
            _clock = _guardedClock;

            _alarms = new AlarmEngine(config.Channels, TransitionCapacityFor(config.Channels));

            // Buses and channel sources.
            _pollers = GatewayComposition.Pollers(config, ports, this);
            GatewayComposition.ChannelSources(config, ports, _pollers, this, out _channelBus, out _channelPoint, out _channelFedMs, out _channelAnalog);

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
            InterlockConfig interlocks = config.Interlocks;
            _outputs = GatewayComposition.Outputs(interlocks, ports, this);
            _inputs = GatewayComposition.Inputs(interlocks, ports, this);
            if (!IsOperational)
            {
                // A missing port: run the engine without ports, so it stays in its safe state.
                for (int i = 0; i < _outputs.Length; i++) if (_outputs[i] != null) _outputs[i].Write(false);
            }
            _zones = new ZoneEngine(interlocks, _alarms, IsOperational ? _outputs : null, IsOperational ? _inputs : null, _clock, _events, this);
            // Only the zone engine's errors are ever reported (ConfigInvalid event); its warnings were
            // the validator's business and would only hold strings in the heap (docs/memory.md).
            _zones.ConfigErrors.DropWarnings();

            // Welding and confined spaces.
            WeldingSettings welding = config.Welding;
            WeldingRegistry registry = new WeldingRegistry(welding.Welders, welding.Machines);
            PermitBook permits = new PermitBook(welding.PermitCapacity, config.GatewayId, boot.Key, GatewayComposition.ZoneIds(interlocks), boot.LastPermitCounter);
            _stations = GatewayComposition.WeldingStations(config, ports, _clock, _pollers, registry, permits, _alarms, this, out _stationEnable);
            _guards = GatewayComposition.ConfinedSpaces(config, ports, _clock, registry, permits, _alarms, this);
            permits.SetCombustibleMonitoredZones(ConfinedSpaceChannels.MonitoredZones(welding.ConfinedSpaces));
            _workZone = GatewayComposition.WorkZones(welding, _zones);

            // MQTT: telemetry into the journal, the session that drains it, authenticated commands and signed updates.
            _identity = new GatewayIdentity(config.SiteId, config.GatewayId, bootId, boot.FirmwareVersion, config.Hash ?? "");
            MessageWriter writer = new MessageWriter(_identity);
            _events.Header = writer;
            _recorder = new TelemetryRecorder(writer, _journal, _clock, _alarms, _journal.MaxPayloadLength, config.Mqtt.DataBatchIntervalMs, payload, config.Mqtt.CompactData);
            if (_recorder.IsCompact) writer.DataEncoding = "compact";
            // Command and clock events join the zones' and welding's hash chain: one verifiable log.
            _recorder.EventSink = this;
            _remote = new RemoteUpdates(config.GatewayId, boot, ports, _clock, permits, registry, _events);
            HmacSha256 hmac = new HmacSha256(boot.Key, sha, sha);
            _commands = new CommandProcessor(config.GatewayId, hmac, _clock, _alarms, this, _remote, ports.ClockAdjuster == null ? null : _guardedClock, boot.LastCommandCounter);
            _proofTests = new ProofTests(_zones);
            _commands.ProofTests = _proofTests;
            _session = GatewayComposition.Session(config, ports, _clock, _journal, writer, _alarms, _commands, _recorder, _health, payload);
            _clockMonitor = new ClockMonitor(_guardedClock, _recorder);
            _exposure = new ExposureCheckpoints(_alarms, _clock);
            _exposure.Restore(boot, this);
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
        public PermitBook Permits { get { return _remote.Permits; } }
        public WeldingRegistry Registry { get { return _remote.Registry; } }
        public WeldingStation[] Stations { get { return _stations; } }
        public ConfinedSpaceGuard[] ConfinedSpaces { get { return _guards; } }
        public MqttSession Session { get { return _session; } }
        public CommandProcessor Commands { get { return _commands; } }
        public HealthFigures Health { get { return _health; } }
        /// <summary>STEL/TWA across reboots: set its Store to keep checkpoints (issue 13 #6).</summary>
        public ExposureCheckpoints Exposure { get { return _exposure; } }
        /// <summary>Permits, registry and configuration pushed as signed envelopes.</summary>
        public RemoteUpdates RemoteUpdates { get { return _remote; } }
        /// <summary>Starting interlock proof tests locally and the overdue figures (AQ 1029-2019).</summary>
        public ProofTests ProofTests { get { return _proofTests; } }
        /// <summary>The chunked configuration transfer (null when the ports offer no staging store).</summary>
        public ConfigTransfer ConfigTransfer { get { return _remote.Transfer; } }
        public GatewayIdentity Identity { get { return _identity; } }
        public ModbusPoller Poller(int bus) { return _pollers[bus]; }
        /// <summary>Number of Modbus buses (a poller each, null where the bus's line is missing).</summary>
        public int BusCount { get { return _pollers.Length; } }

        /// <summary>False when a port was missing: the gateway stays in its safe state (outputs off) and says why.</summary>
        public bool IsOperational { get { return _failure == null; } }
        public string Failure { get { return _failure; } }

        /// <summary>A configuration received over MQTT that verified; the composition root stores it and restarts.</summary>
        public byte[] PendingConfig { get { return _remote.PendingConfig; } }
        public long PendingConfigCounter { get { return _remote.PendingConfigCounter; } }

        /// <summary>
        /// Hook for the composition root: the counter of the configuration running now, so that
        /// update_config refuses an older or equal one as replayed (a rollback) instead of accepting it.
        /// </summary>
        public void AcceptConfigsAbove(long counter) { _remote.AcceptConfigsAbove(counter); }

        /// <summary>Issue time of <see cref="PendingConfig"/>: with body and counter, the device re-creates the exact signed envelope to store.</summary>
        public long PendingConfigIssuedUtcMs { get { return _remote.PendingConfigIssuedUtcMs; } }

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
                BusFigures.CopyInto(_pollers, _health);
                FeedChannels(now);
                _alarms.Tick(now);
                _exposure.Step(now);
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
                _remote.ExpireTransfer();
                if (_session != null) _session.Step();
                _proofTests.UpdateHealth(_health);
                _health.ScanCount++;
                if (IsOperational && _ports.Supervisor != null) _ports.Supervisor.Kick();
            }
            catch (Exception)
            {
                // De-energise to trip: every output off; no kick, so the watchdog reboots us.
                AllOff();
                _health.ScanOverruns++;
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

        /// <summary>A port is missing (called by GatewayComposition): the gateway stays in its safe state and says why.</summary>
        internal void Fail(string reason)
        {
            if (_failure == null) _failure = reason;
            if (_ports.Log != null) _ports.Log.Write(LogLevel.Error, "gateway not operational: " + reason);
        }

        // ------------------------------------------------------------ IWorkAuthorisation, IZoneStatus

        public bool IsAuthorised(int zoneIndex, long nowMs)
        {
            for (int i = 0; i < _stations.Length; i++)
            {
                if (_workZone[i] == zoneIndex && _stations[i].IsRunning) return true;
            }
            for (int i = 0; i < _guards.Length; i++)
            {
                if (_workZone[_stations.Length + i] == zoneIndex && _guards[i].IsAuthorised) return true;
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

    }
}
