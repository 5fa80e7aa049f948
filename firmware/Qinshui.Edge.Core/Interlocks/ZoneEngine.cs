using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// "No monitoring, no work" (沁政发〔2026〕1号 (四)): drives each zone's permissive outputs,
    /// energised only while every configured condition holds and no trip is latched.
    /// Call <see cref="Evaluate"/> once per scan after the alarm engine; a failing condition
    /// reaches the outputs in that same call. De-energise to trip: boot, invalid configuration,
    /// an exception in the scan and a missed scan deadline all drop every output. Trips latch;
    /// a zone returns only after every cause has cleared, stayed clear for its settle time, and
    /// a reset was accepted. Nothing here can energise an output except that rule.
    /// Every change is recorded as a hash-chained event (<see cref="EventRecorder"/>).
    /// All state is allocated in the constructor; steady-state Evaluate allocates nothing.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        private const long None = long.MinValue;
        private static readonly int AuthorisationBit = Conditions.Bit(ConditionKind.WorkNotAuthorised);
        private const string Interlocks = "interlocks";
        private const string EngineStandard = "de-energise to trip (ARCHITECTURE.md safety principle 1)";

        // Memory (docs/memory.md): every class field costs 12 B on nanoFramework and an array of
        // structs is boxed per element, so the state is in few objects and packed arrays: the
        // wiring in one int[] (ZoneWiring), the causes in three parallel primitive arrays.
        private readonly InterlockConfig _config;
        private readonly AlarmEngine _alarms;
        private readonly IDigitalOutput[] _outputPorts;
        private readonly IDigitalInput[] _inputPorts;
        private readonly IClock _clock;
        private readonly EventRecorder _events;
        private readonly IWorkAuthorisation _authorisation;
        private readonly ValidationErrors _errors;

        /// <summary>
        /// Each zone's changing state, packed (an object per zone cost 12 B per field): ZoneInts
        /// ints per zone (flags, masks, cause count) and ZoneTimes longs (timers, proof test).
        /// </summary>
        private readonly int[] _zoneInts;
        /// <summary>ZoneTimes longs per zone, then per output the monotonic time its command last changed.</summary>
        private readonly long[] _zoneTimes;
        private const int ZoneInts = 5;
        private const int FlagsAt = 0, LatchedMaskAt = 1, LiveMaskAt = 2, PrevLiveMaskAt = 3, LiveCountAt = 4;
        private const int ZoneTimes = 6;
        private const int ClearSinceMsAt = 0, TrippedAtMsAt = 1, ProofStartedMsAt = 2, ProofStartedUtcMsAt = 3,
            LastProofPassedUtcMsAt = 4, LastHeartbeatMsAt = 5;
        private const int PermittedFlag = 1, LatchedFlag = 2, AwaitingCutFlag = 4;
        /// <summary>Every zone's indices (layout in <see cref="ZoneWiring"/>).</summary>
        private readonly int[] _map;

        /// <summary>Per input InputOk | InputActive as read at the last scan, then per output OutputOn (the command last written).</summary>
        private readonly byte[] _io;

        // The causes failing at the last evaluation, zone z's in slots [CauseStart, CauseStart + LiveCount).
        // Only what cannot be derived is stored: the kind with a detail (which level, which side of a
        // band, heartbeat or input) and the subject as an index (by kind: the zone's channel
        // reference k, an input, or the zone's output position). Threshold, unit, standard and the
        // subject's id follow from the configuration (CauseThreshold, CauseUnit, CauseStandard,
        // CauseSubject); the value from what the evaluation saw, kept once per channel reference
        // rather than once per cause (one channel can give six causes, all with its one reading).
        private readonly byte[] _causeCode;
        private readonly short[] _causeSubject;
        /// <summary>
        /// What the last evaluation saw, zone z's from SeenStart: heartbeat age, platform link
        /// age, then per channel reference k its value and its age (NaN: no reading).
        /// </summary>
        private readonly double[] _seen;

        // Without a recorder, event members go to a tiny writer that simply overflows (null with one).
        private readonly JsonWriter _sink;

        private long _lastEvaluateMs = None;
        private long _linkAliveMs = None;
        private int _flags;

        private const int ValidFlag = 1;
        private const int BootRecordedFlag = 2;

        private const byte InputOk = 1;
        private const byte InputActive = 2;
        private const byte OutputOn = 1;

        private const int KindMask = 0x1F;
        private const int DetailShift = 5;
        /// <summary>ChannelAboveLimit: the zone's own limit (the subject is the channel's position in the zone).</summary>
        private const int DetailZoneLimit = 0;
        /// <summary>Level causes carry level index + 1 (ChannelConfig.MaxLevels = 5); 7 = a level beyond that.</summary>
        private const int DetailLevelBeyond = 7;
        private const int DetailHeartbeat = 1;
        private const int DetailAboveBand = 1;
        private const int DetailLoadInput = 1;

        public ZoneEngine(InterlockConfig config, AlarmEngine alarms, IDigitalOutput[] outputs, IDigitalInput[] inputs,
            IClock clock, EventRecorder events, IWorkAuthorisation authorisation)
        {
            _config = config;
            _alarms = alarms;
            _sink = events == null ? new JsonWriter(new byte[64]) : null;
            _outputPorts = outputs == null ? new IDigitalOutput[0] : outputs;
            _inputPorts = inputs == null ? new IDigitalInput[0] : inputs;
            _clock = clock;
            _events = events;
            _authorisation = authorisation;

            // Boot state: every output off before anything else (de-energise to trip).
            AllOutputsOff();

            _errors = new ValidationErrors();
            ChannelConfig[] channels = new ChannelConfig[alarms.ChannelCount];
            for (int i = 0; i < channels.Length; i++) channels[i] = alarms.CopyConfig(i);
            ZoneValidator.Validate(config, channels, "interlocks", _errors);
            if (config != null && config.Outputs != null && _outputPorts.Length != config.Outputs.Length)
            {
                _errors.Error("interlocks.outputs", "port_count_mismatch",
                    "the gateway provides " + _outputPorts.Length + " output ports for " + config.Outputs.Length + " configured outputs",
                    "网关提供 " + _outputPorts.Length + " 个输出端口，配置了 " + config.Outputs.Length + " 个输出");
            }
            if (config != null && config.Inputs != null && _inputPorts.Length != config.Inputs.Length)
            {
                _errors.Error("interlocks.inputs", "port_count_mismatch",
                    "the gateway provides " + _inputPorts.Length + " input ports for " + config.Inputs.Length + " configured inputs",
                    "网关提供 " + _inputPorts.Length + " 个输入端口，配置了 " + config.Inputs.Length + " 个输入");
            }
            if (_errors.HasErrors)
            {
                _zoneInts = new int[0];
                _zoneTimes = new long[0];
                _map = new int[1];
                _io = new byte[0];
                _causeCode = new byte[0];
                _causeSubject = new short[0];
                _seen = new double[0];
                return;
            }
            _flags = ValidFlag;

            int zones = config.Zones.Length;
            _map = ZoneWiring.Resolve(config, alarms);
            _zoneInts = new int[zones * ZoneInts];
            _zoneTimes = new long[zones * ZoneTimes + config.Outputs.Length];
            for (int z = 0; z < zones; z++)
            {
                // Boot state: off and latched until every condition holds, has settled, and a reset is pressed.
                _zoneInts[z * ZoneInts + FlagsAt] = LatchedFlag;
                _zoneInts[z * ZoneInts + LatchedMaskAt] = Conditions.Bit(ConditionKind.Boot);
                _zoneTimes[z * ZoneTimes + ClearSinceMsAt] = None;
                _zoneTimes[z * ZoneTimes + TrippedAtMsAt] = None;
                _zoneTimes[z * ZoneTimes + ProofStartedMsAt] = None;
                _zoneTimes[z * ZoneTimes + LastProofPassedUtcMsAt] = None;
                _zoneTimes[z * ZoneTimes + LastHeartbeatMsAt] = None;
            }
            int causes = ZoneWiring.CauseTotal(_map, zones);
            _causeCode = new byte[causes];
            _causeSubject = new short[causes];
            _seen = new double[ZoneWiring.SeenTotal(_map, config.Zones)];
            int no = config.Outputs.Length;
            _io = new byte[config.Inputs.Length + no];
            for (int o = 0; o < no; o++) _zoneTimes[zones * ZoneTimes + o] = None;
        }

        public bool IsConfigValid { get { return (_flags & ValidFlag) != 0; } }

        /// <summary>The effective configuration as text lines (print at start-up).</summary>
        public string[] Describe() { return ZoneDescriber.Describe(_config, _alarms); }

        /// <summary>Why the configuration was refused (empty when valid).</summary>
        public ValidationErrors ConfigErrors { get { return _errors; } }

        public int ZoneCount { get { return _zoneInts.Length / ZoneInts; } }
        public ZoneConfig Config(int zone) { return _config.Zones[zone]; }

        // ---------------------------------------------------------------- zone state (read-only outside)

        /// <summary>True while the zone's outputs are commanded on.</summary>
        public bool IsPermitted(int zone) { return (_zoneInts[zone * ZoneInts + FlagsAt] & PermittedFlag) != 0; }

        /// <summary>Tripped and awaiting reset (the zone never comes back by itself).</summary>
        public bool IsLatched(int zone) { return (_zoneInts[zone * ZoneInts + FlagsAt] & LatchedFlag) != 0; }

        /// <summary>Every cause kind seen since the trip (bit = 1 &lt;&lt; ConditionKind); cleared by an accepted reset.</summary>
        public int LatchedMask(int zone) { return _zoneInts[zone * ZoneInts + LatchedMaskAt]; }

        /// <summary>Cause kinds failing at the last evaluation.</summary>
        public int LiveMask(int zone) { return _zoneInts[zone * ZoneInts + LiveMaskAt]; }

        /// <summary>How many causes failed at the last evaluation: read them with CauseKind(zone, i), …, GetCause.</summary>
        public int LiveCount(int zone) { return _zoneInts[zone * ZoneInts + LiveCountAt]; }

        public bool Has(int zone, ConditionKind kind) { return (LiveMask(zone) & Conditions.Bit(kind)) != 0; }
        public bool HasLatched(int zone, ConditionKind kind) { return (LatchedMask(zone) & Conditions.Bit(kind)) != 0; }

        /// <summary>Monotonic time since which no cause has been live (long.MinValue while one is).</summary>
        public long ClearSinceMs(int zone) { return _zoneTimes[zone * ZoneTimes + ClearSinceMsAt]; }

        public long TrippedAtMs(int zone) { return _zoneTimes[zone * ZoneTimes + TrippedAtMsAt]; }

        public ProofTestPhase ProofPhase(int zone)
        {
            return (_zoneInts[zone * ZoneInts + FlagsAt] & AwaitingCutFlag) != 0 ? ProofTestPhase.AwaitingCut : ProofTestPhase.Idle;
        }

        public long ProofStartedMs(int zone) { return _zoneTimes[zone * ZoneTimes + ProofStartedMsAt]; }
        public long ProofStartedUtcMs(int zone) { return _zoneTimes[zone * ZoneTimes + ProofStartedUtcMsAt]; }

        /// <summary>UTC of the last passed proof test (long.MinValue: never since boot).</summary>
        public long LastProofPassedUtcMs(int zone) { return _zoneTimes[zone * ZoneTimes + LastProofPassedUtcMsAt]; }

        private void SetZoneFlag(int zone, int flag, bool on)
        {
            if (on) _zoneInts[zone * ZoneInts + FlagsAt] |= flag;
            else _zoneInts[zone * ZoneInts + FlagsAt] &= ~flag;
        }

        public int IndexOfZone(string id)
        {
            for (int i = 0; i < ZoneCount; i++)
            {
                if (_config.Zones[i].Id == id) return i;
            }
            return -1;
        }

        /// <summary>The command last written to an output (index in InterlockConfig.Outputs).</summary>
        public bool IsOutputEnergised(int output) { return output >= 0 && output < OutputCount && IsOutputOn(output); }

        private int OutputCount { get { return _io.Length - _inputPorts.Length; } }
        private bool IsOutputOn(int o) { return (_io[_inputPorts.Length + o] & OutputOn) != 0; }
        private void SetOutputOn(int o, bool on) { _io[_inputPorts.Length + o] = on ? OutputOn : (byte)0; }
        private long OutputChangedMs(int o) { return _zoneTimes[ZoneCount * ZoneTimes + o]; }
        private void SetOutputChangedMs(int o, long ms) { _zoneTimes[ZoneCount * ZoneTimes + o] = ms; }

        /// <summary>Whether the zone requires the platform link (false: a site without network, stated in the birth message).</summary>
        public bool IsPlatformLinkSupervised(int zone) { return Config(zone).PlatformLinkGraceMs > 0; }

        /// <summary>Last passed proof test older than the zone's interval (or none since boot). Needs a trusted clock to say no.</summary>
        public bool IsProofTestOverdue(int zone)
        {
            int zt = zone * ZoneTimes;
            if (_zoneTimes[zt + LastProofPassedUtcMsAt] == None || !_clock.IsTrusted) return true;
            return _clock.UtcMs - _zoneTimes[zt + LastProofPassedUtcMsAt] > Config(zone).ProofTestIntervalMs;
        }

        // ---------------------------------------------------------------- notifications

        /// <summary>The MQTT session reports the platform link alive (connected, PUBACK or PINGRESP received).</summary>
        public void NotifyPlatformLinkAlive(long nowMs)
        {
            _linkAliveMs = nowMs;
        }

        /// <summary>A monitoring heartbeat (NVR/camera health message) for a zone.</summary>
        public void NotifyMonitoringHeartbeat(int zone, long nowMs)
        {
            if (zone < 0 || zone >= ZoneCount) return;
            _zoneTimes[zone * ZoneTimes + LastHeartbeatMsAt] = nowMs;
        }

        /// <summary>The configuration was changed at the gateway (serial console, file): tamper event, every zone trips.</summary>
        public void NotifyConfigChangedLocally()
        {
            TripAll(ConditionKind.ConfigChangedLocally, double.NaN, double.NaN, "", EventKind.Tamper);
        }

        /// <summary>The scan missed its supervisor deadline (reported by the composition root): every zone trips.</summary>
        public void NotifySupervisorDeadlineMissed()
        {
            TripAll(ConditionKind.SupervisorDeadlineMissed, double.NaN, IsConfigValid ? _config.ScanDeadlineMs : 0, "ms", EventKind.ZoneTripped);
        }

        // ---------------------------------------------------------------- the scan

        /// <summary>Evaluates every zone and writes every output, once per scan, after the alarm engine.</summary>
        public void Evaluate(long nowMs)
        {
            try
            {
                if (!IsConfigValid)
                {
                    AllOutputsOff();
                    if ((_flags & BootRecordedFlag) == 0)
                    {
                        _flags |= BootRecordedFlag;
                        RecordConfigInvalid();
                    }
                    return;
                }
                ReadInputs();
                if ((_flags & BootRecordedFlag) == 0)
                {
                    _flags |= BootRecordedFlag;
                    for (int z = 0; z < ZoneCount; z++)
                    {
                        RecordOne(EventKind.ZoneTripped, z, ConditionKind.Boot, Config(z).Id, double.NaN, double.NaN, "", EngineStandard);
                    }
                }
                if (_lastEvaluateMs != None && nowMs - _lastEvaluateMs > _config.ScanDeadlineMs)
                {
                    TripAll(ConditionKind.SupervisorDeadlineMissed, nowMs - _lastEvaluateMs, _config.ScanDeadlineMs, "ms", EventKind.ZoneTripped);
                }
                _lastEvaluateMs = nowMs;
                for (int o = 0; o < OutputCount; o++)
                {
                    if (OutputChangedMs(o) == None) SetOutputChangedMs(o, nowMs);
                }
                for (int z = 0; z < ZoneCount; z++) EvaluateZone(z, nowMs);
            }
            catch (Exception)
            {
                FailSafe();
            }
        }

        private void EvaluateZone(int z, long nowMs)
        {
            int zi = z * ZoneInts;
            int zt = z * ZoneTimes;
            int mask = ComputeConditions(z, nowMs);

            // Work authorisation is a demand, not a fault: without it the zone stands by (outputs
            // off) without latching, so the next authorised job needs no reset. Every other cause trips and latches.
            int tripMask = mask & ~AuthorisationBit;
            if (IsPermitted(z) && tripMask != 0)
            {
                Trip(z, tripMask, nowMs);
                RecordZoneEvent(EventKind.ZoneTripped, z, FirstCode(z), _zoneInts[zi + LiveCountAt]);
            }
            else if (IsLatched(z))
            {
                _zoneInts[zi + LatchedMaskAt] |= mask;
            }

            int fresh = mask & ~_zoneInts[zi + PrevLiveMaskAt];
            if ((fresh & Conditions.Bit(ConditionKind.BypassSuspected)) != 0)
            {
                RecordFiltered(EventKind.BypassSuspected, z, Conditions.Bit(ConditionKind.BypassSuspected));
            }
            if ((fresh & Conditions.FaultMask) != 0) RecordFiltered(EventKind.Fault, z, fresh & Conditions.FaultMask);
            if ((fresh & Conditions.TamperMask) != 0) RecordFiltered(EventKind.Tamper, z, fresh & Conditions.TamperMask);
            _zoneInts[zi + PrevLiveMaskAt] = mask;

            // A latched alarm level that has cleared does not hold the settle timer: the zone reset resets it.
            int settleMask = mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit;
            if (settleMask != 0) _zoneTimes[zt + ClearSinceMsAt] = None;
            else if (_zoneTimes[zt + ClearSinceMsAt] == None) _zoneTimes[zt + ClearSinceMsAt] = nowMs;

            if (ProofPhase(z) == ProofTestPhase.AwaitingCut) ProgressProofTest(z, nowMs);

            WriteZoneOutputs(z, nowMs);
        }

        private void Trip(int z, int mask, long nowMs)
        {
            int zi = z * ZoneInts;
            int zt = z * ZoneTimes;
            bool was = IsPermitted(z);
            SetZoneFlag(z, PermittedFlag, false);
            SetZoneFlag(z, LatchedFlag, true);
            _zoneInts[zi + LatchedMaskAt] |= mask;
            _zoneTimes[zt + ClearSinceMsAt] = None;
            if (was) _zoneTimes[zt + TrippedAtMsAt] = nowMs;
            WriteZoneOutputs(z, nowMs);
        }

        private void WriteZoneOutputs(int z, long nowMs)
        {
            int zi = z * ZoneInts;
            bool on = IsPermitted(z) && (_zoneInts[zi + LiveMaskAt] & AuthorisationBit) == 0;
            int b = _map[z];
            int first = FirstOutput(b);
            int count = _map[b + ZoneWiring.OutputCount];
            for (int i = 0; i < count; i++)
            {
                int o = _map[first + i];
                if (IsOutputOn(o) != on)
                {
                    SetOutputOn(o, on);
                    SetOutputChangedMs(o, nowMs);
                }
                _outputPorts[o].Write(on);
            }
        }

        private void ReadInputs()
        {
            for (int i = 0; i < _inputPorts.Length; i++)
            {
                bool raw;
                bool ok = _inputPorts[i].TryRead(out raw);
                byte bits = 0;
                if (ok) bits = InputOk;
                if (ok && (raw != _config.Inputs[i].Inverted)) bits |= InputActive;
                _io[i] = bits;
            }
        }

        private bool IsInputOk(int input) { return (_io[input] & InputOk) != 0; }
        private bool IsInputActive(int input) { return (_io[input] & InputActive) != 0; }

        // ---------------------------------------------------------------- wiring

        private int ChannelCountOf(int b) { return _map[b + ZoneWiring.ChannelCount]; }
        private static int FirstChannel(int b) { return b + ZoneWiring.HeaderLength; }
        private int FirstPresence(int b) { return b + ZoneWiring.HeaderLength + _map[b + ZoneWiring.ChannelCount]; }
        private int FirstOutput(int b) { return b + ZoneWiring.HeaderLength + 2 * _map[b + ZoneWiring.ChannelCount]; }
        private int FirstEmergencyStop(int b) { return FirstOutput(b) + _map[b + ZoneWiring.OutputCount]; }
        private int OutputEntry(int o) { return _map[ZoneCount] + o * ZoneWiring.OutputEntryLength; }

        // ---------------------------------------------------------------- conditions

        /// <summary>Fills the zone's live causes and returns their mask (0 = every condition holds).</summary>
        private int ComputeConditions(int z, long nowMs)
        {
            ZoneConfig zc = Config(z);
            int zi = z * ZoneInts;
            int zt = z * ZoneTimes;
            int b = _map[z];
            _zoneInts[zi + LiveCountAt] = 0;
            _zoneInts[zi + LiveMaskAt] = 0;

            int n = ChannelCountOf(b);
            for (int i = 0; i < n; i++)
            {
                // Channel reference k = i: the zone's own channels come first.
                if (ChannelUsable(z, i, nowMs) && zc.HasLimit(i))
                {
                    double v = _alarms.LastValue(_map[FirstChannel(b) + i]);
                    if (!(v < zc.Limit(i))) Add(z, ConditionKind.ChannelAboveLimit, DetailZoneLimit, i);
                }
                CheckLevels(z, i, zc.PermitLevel(i));
                int presence = _map[FirstPresence(b) + i];
                if (presence >= 0) CheckInput(z, presence, false, ConditionKind.SensorUnplugged);
            }

            int monitoring = _map[b + ZoneWiring.MonitoringInput];
            if (monitoring >= 0) CheckInput(z, monitoring, false, ConditionKind.MonitoringLost);
            if (zc.MonitoringHeartbeatTimeoutMs > 0)
            {
                if (_zoneTimes[zt + LastHeartbeatMsAt] == None)
                {
                    See(z, HeartbeatAgeSlot, double.NaN);
                    Add(z, ConditionKind.MonitoringLost, DetailHeartbeat, 0);
                }
                else if (nowMs - _zoneTimes[zt + LastHeartbeatMsAt] > zc.MonitoringHeartbeatTimeoutMs)
                {
                    See(z, HeartbeatAgeSlot, nowMs - _zoneTimes[zt + LastHeartbeatMsAt]);
                    Add(z, ConditionKind.MonitoringLost, DetailHeartbeat, 0);
                }
            }

            if (zc.PlatformLinkGraceMs > 0)
            {
                if (_linkAliveMs == None)
                {
                    See(z, LinkAgeSlot(z), double.NaN);
                    Add(z, ConditionKind.PlatformLinkLost, 0, 0);
                }
                else if (nowMs - _linkAliveMs > zc.PlatformLinkGraceMs)
                {
                    See(z, LinkAgeSlot(z), nowMs - _linkAliveMs);
                    Add(z, ConditionKind.PlatformLinkLost, 0, 0);
                }
            }

            DustCollectorConfig c = zc.Collector;
            if (c != null)
            {
                // Channel references n .. n+3: dp, hopper, level, flow.
                int dp = n;
                if (ChannelUsable(z, dp, nowMs))
                {
                    double v = _alarms.LastValue(ReferencedChannel(z, dp));
                    if (v < c.DpMinPa) Add(z, ConditionKind.CollectorPressureOutOfBand, 0, dp);
                    else if (v > c.DpMaxPa) Add(z, ConditionKind.CollectorPressureOutOfBand, DetailAboveBand, dp);
                }
                int hopper = n + 1;
                if (ChannelUsable(z, hopper, nowMs))
                {
                    double t = _alarms.LastValue(ReferencedChannel(z, hopper));
                    if (!(t < c.HopperTemperatureMaxC)) Add(z, ConditionKind.HopperTemperatureHigh, 0, hopper);
                }
                int airlock = _map[ZoneWiring.CollectorSection(_map, z) + ZoneWiring.CollectorAirlock];
                if (airlock >= 0) CheckInput(z, airlock, true, ConditionKind.AirlockFault);
                if (c.Wet)
                {
                    int level = n + 2;
                    if (ChannelUsable(z, level, nowMs))
                    {
                        double l = _alarms.LastValue(ReferencedChannel(z, level));
                        if (!(l >= c.WaterLevelMinMm)) Add(z, ConditionKind.WaterLevelLow, 0, level);
                    }
                    int flow = n + 3;
                    if (ChannelUsable(z, flow, nowMs))
                    {
                        double f = _alarms.LastValue(ReferencedChannel(z, flow));
                        if (!(f >= c.WaterFlowMinM3h)) Add(z, ConditionKind.WaterFlowLow, 0, flow);
                    }
                }
            }

            if (zc.RequiresWorkAuthorisation && (_authorisation == null || !_authorisation.IsAuthorised(z, nowMs)))
            {
                Add(z, ConditionKind.WorkNotAuthorised, 0, 0);
            }

            int stops = FirstEmergencyStop(b);
            int stopCount = _map[b + ZoneWiring.EmergencyStopCount];
            for (int i = 0; i < stopCount; i++) CheckInput(z, _map[stops + i], true, ConditionKind.EmergencyStop);
            int enclosure = _map[b + ZoneWiring.EnclosureInput];
            if (enclosure >= 0) CheckInput(z, enclosure, true, ConditionKind.EnclosureTamper);

            int outs = FirstOutput(b);
            int outCount = _map[b + ZoneWiring.OutputCount];
            for (int i = 0; i < outCount; i++) CheckFeedback(z, i, nowMs);

            return _zoneInts[zi + LiveMaskAt];
        }

        /// <summary>
        /// Adds fault/stale/inhibit/calibration causes of the zone's channel reference k (and keeps
        /// its reading as seen); true when the value may be compared.
        /// </summary>
        private bool ChannelUsable(int z, int k, long nowMs)
        {
            int a = ReferencedChannel(z, k);
            Quality q = _alarms.EffectiveQuality(a);
            // Issue 13 #2: a stuck reading that moved again is latched until this zone's reset, like a trip.
            if (_alarms.IsStuckAwaitingReset(a)) { q &= ~Quality.Stuck; Add(z, ConditionKind.ChannelTripLatched, 0, k); }
            bool hasReading = _alarms.HasReading(a);
            See(z, ReadingSlot(z, k), _alarms.LastValue(a));
            See(z, ReadingSlot(z, k) + 1, hasReading ? nowMs - _alarms.LastMonotonicMs(a) : double.NaN);
            bool usable = true;
            if (!hasReading || (q & (QualityRules.BadMask & ~Quality.Stale)) != 0)
            {
                Add(z, ConditionKind.ChannelFault, 0, k);
                usable = false;
            }
            if (hasReading)
            {
                long age = nowMs - _alarms.LastMonotonicMs(a);
                // Checked here too: the alarm engine marks staleness only when it is ticked.
                if ((q & Quality.Stale) != 0 || age > _alarms.MaxAgeMs(a))
                {
                    Add(z, ConditionKind.ChannelStale, 0, k);
                    usable = false;
                }
            }
            if ((q & Quality.Inhibited) != 0)
            {
                Add(z, ConditionKind.ChannelInhibited, 0, k);
                usable = false;
            }
            if ((q & Quality.CalibrationOverdue) != 0)
            {
                Add(z, ConditionKind.CalibrationOverdue, 0, k);
                usable = false;
            }
            if (usable && !QualityRules.IsHealthyForPermissive(q))
            {
                Add(z, ConditionKind.ChannelFault, 0, k);
                usable = false;
            }
            if (usable)
            {
                double v = _alarms.LastValue(a);
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    Add(z, ConditionKind.ChannelFault, 0, k);
                    usable = false;
                }
            }
            return usable;
        }

        /// <summary>Level causes of the zone's channel k (its value was kept by ChannelUsable, called first).</summary>
        private void CheckLevels(int z, int k, LevelKind permitLevel)
        {
            int a = ReferencedChannel(z, k);
            for (int i = 0; i < _alarms.LevelCount(a); i++)
            {
                if ((int)_alarms.LevelKindOf(a, i) < (int)permitLevel) continue;
                LevelStatus status = _alarms.Status(a, i);
                int detail = i + 1 < DetailLevelBeyond ? i + 1 : DetailLevelBeyond;
                if (status == LevelStatus.Active)
                {
                    Add(z, _alarms.LevelDirection(a, i) == Direction.Low ? ConditionKind.ChannelBelowLimit : ConditionKind.ChannelAboveLimit, detail, k);
                }
                else if (_alarms.IsLatched(a, i) || status == LevelStatus.ClearedAwaitingReset)
                {
                    Add(z, ConditionKind.ChannelTripLatched, detail, k);
                }
            }
        }

        /// <summary>Adds kind when the input is in its unsafe state (active when unsafeWhenActive, else inactive).</summary>
        private void CheckInput(int z, int input, bool unsafeWhenActive, ConditionKind kind)
        {
            if (!IsInputOk(input))
            {
                Add(z, ConditionKind.InputUnreadable, 0, input);
                return;
            }
            if (IsInputActive(input) == unsafeWhenActive) Add(z, kind, 0, input);
        }

        /// <summary>Feedback and bypass causes of the zone's i-th output (subject: that position).</summary>
        private void CheckFeedback(int z, int i, long nowMs)
        {
            int b = _map[z];
            int o = _map[FirstOutput(b) + i];
            OutputConfig oc = _config.Outputs[o];
            bool on = IsOutputOn(o);
            long changedMs = OutputChangedMs(o);
            bool settled = changedMs != None && nowMs - changedMs >= oc.FeedbackSettleMs;
            int e = OutputEntry(o);
            int fb = _map[e + ZoneWiring.OutputFeedback];
            if (fb >= 0)
            {
                if (!IsInputOk(fb))
                {
                    Add(z, ConditionKind.InputUnreadable, 0, fb);
                }
                else if (settled && on && !IsInputActive(fb))
                {
                    Add(z, ConditionKind.OutputFailed, 0, i);
                }
                else if (settled && !on && IsInputActive(fb))
                {
                    Add(z, ConditionKind.WeldedContact, 0, i);
                }
            }
            int lc = _map[e + ZoneWiring.OutputLoadChannel];
            if (lc >= 0 && ChannelUsable(z, LoadReference(z, i), nowMs) && settled && !on)
            {
                double amps = _alarms.LastValue(lc);
                if (amps >= oc.LoadCurrentThresholdAmps) Add(z, ConditionKind.BypassSuspected, 0, i);
            }
            int li = _map[e + ZoneWiring.OutputLoadInput];
            if (li >= 0)
            {
                if (!IsInputOk(li)) Add(z, ConditionKind.InputUnreadable, 0, li);
                else if (settled && !on && IsInputActive(li)) Add(z, ConditionKind.BypassSuspected, DetailLoadInput, i);
            }
        }

        /// <summary>
        /// Records a live cause. The zone's slots are counted from its wiring (ZoneWiring.CauseBound),
        /// so they cannot run out; were they to, the kind is still in LiveMask, which is what trips.
        /// </summary>
        private void Add(int z, ConditionKind kind, int detail, int subject)
        {
            int zi = z * ZoneInts;
            _zoneInts[zi + LiveMaskAt] |= Conditions.Bit(kind);
            int b = _map[z];
            if (_zoneInts[zi + LiveCountAt] >= _map[b + ZoneWiring.CauseCapacity]) return;
            int slot = _map[b + ZoneWiring.CauseStart] + _zoneInts[zi + LiveCountAt];
            _zoneInts[zi + LiveCountAt]++;
            _causeCode[slot] = (byte)((int)kind | (detail << DetailShift));
            _causeSubject[slot] = (short)subject;
        }

        private void See(int z, int offset, double value)
        {
            _seen[_map[_map[z] + ZoneWiring.SeenStart] + offset] = value;
        }

        private double Seen(int z, int offset)
        {
            return _seen[_map[_map[z] + ZoneWiring.SeenStart] + offset];
        }

        /// <summary>The zone's channel reference k: its channels, its collector's four, then one per output (load current).</summary>
        private int ReferencedChannel(int z, int k)
        {
            int b = _map[z];
            int n = ChannelCountOf(b);
            if (k < n) return _map[FirstChannel(b) + k];
            k -= n;
            if (Config(z).Collector != null)
            {
                if (k < ZoneWiring.CollectorChannels) return _map[ZoneWiring.CollectorSection(_map, z) + ZoneWiring.CollectorDp + k];
                k -= ZoneWiring.CollectorChannels;
            }
            // Then the outputs that have a load-current channel, in the zone's order.
            int first = FirstOutput(b);
            int count = _map[b + ZoneWiring.OutputCount];
            for (int i = 0; i < count; i++)
            {
                int lc = LoadChannelOf(_map[first + i]);
                if (lc < 0) continue;
                if (k == 0) return lc;
                k--;
            }
            return -1;
        }

        private int LoadChannelOf(int o) { return o < 0 ? -1 : _map[OutputEntry(o) + ZoneWiring.OutputLoadChannel]; }

        /// <summary>The channel reference of the zone's i-th output's load current (that output has one).</summary>
        private int LoadReference(int z, int i)
        {
            int b = _map[z];
            int k = ChannelCountOf(b) + (Config(z).Collector != null ? ZoneWiring.CollectorChannels : 0);
            int first = FirstOutput(b);
            for (int j = 0; j < i; j++)
            {
                if (LoadChannelOf(_map[first + j]) >= 0) k++;
            }
            return k;
        }

        // A zone's seen values: the heartbeat age (when supervised), the link age (when supervised), then per reference value and age.
        private const int HeartbeatAgeSlot = 0;
        private int LinkAgeSlot(int z) { return Config(z).MonitoringHeartbeatTimeoutMs > 0 ? 1 : 0; }

        private int ReadingSlot(int z, int k)
        {
            ZoneConfig zc = Config(z);
            return (zc.MonitoringHeartbeatTimeoutMs > 0 ? 1 : 0) + (zc.PlatformLinkGraceMs > 0 ? 1 : 0) + 2 * k;
        }

        private int ZoneOutput(int z, int i) { return _map[FirstOutput(_map[z]) + i]; }

        private string UnitOf(int a) { return Units.Symbol(_alarms.ChannelUnit(a)); }

        private string FirstCode(int z)
        {
            return LiveCount(z) > 0 ? Conditions.Code(CauseKind(z, 0)) : "unknown";
        }

        // ---------------------------------------------------------------- commands

        /// <summary>Reset pressed at the gateway.</summary>
        public ZoneResetOutcome RequestLocalReset(int zone) { return Reset(zone, false); }

        /// <summary>Reset requested by the platform: only where the zone allows it, never while a cause persists.</summary>
        public ZoneResetOutcome RequestRemoteReset(int zone) { return Reset(zone, true); }

        private ZoneResetOutcome Reset(int z, bool remote)
        {
            if (!IsConfigValid) return ZoneResetOutcome.ConfigInvalid;
            if (z < 0 || z >= ZoneCount) return ZoneResetOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            try
            {
                int zi = z * ZoneInts;
                int zt = z * ZoneTimes;
                string source = remote ? "remote" : "local";
                JsonWriter w = BeginZoneEvent(EventKind.ResetRequested, z, source);
                w.String("source", source);
                EndZoneEvent(z, 0);

                ZoneResetOutcome outcome = ZoneResetOutcome.Accepted;
                int mask = 0;
                if (!IsLatched(z)) outcome = ZoneResetOutcome.NothingToReset;
                else if (ProofPhase(z) != ProofTestPhase.Idle) outcome = ZoneResetOutcome.ProofTestRunning;
                else if (remote && !Config(z).AllowRemoteReset) outcome = ZoneResetOutcome.RemoteResetNotAllowed;
                else if (remote && (_zoneInts[zi + LatchedMaskAt] & Conditions.LocalResetOnlyMask) != 0) outcome = ZoneResetOutcome.LocalResetRequired;
                else
                {
                    // Judge on the channels and timers as they are now (inputs as read at the last scan).
                    mask = ComputeConditions(z, nowMs);
                    if ((mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit) != 0)
                    {
                        outcome = ZoneResetOutcome.CausePersists;
                        _zoneTimes[zt + ClearSinceMsAt] = None;
                    }
                    else if (_zoneTimes[zt + ClearSinceMsAt] == None || nowMs - _zoneTimes[zt + ClearSinceMsAt] < Config(z).SettleMs)
                    {
                        outcome = ZoneResetOutcome.SettleTimeRunning;
                    }
                    else if (!ResetLatchedLevels(z, nowMs))
                    {
                        outcome = ZoneResetOutcome.CausePersists;
                    }
                }

                if (outcome != ZoneResetOutcome.Accepted)
                {
                    w = BeginZoneEvent(EventKind.ResetRefused, z, ZoneOutcomeText.Code(outcome));
                    w.String("source", source);
                    w.String("refusalEn", ZoneOutcomeText.English(outcome));
                    w.String("refusalZh", ZoneOutcomeText.Chinese(outcome));
                    if (outcome == ZoneResetOutcome.SettleTimeRunning)
                    {
                        w.Integer("clearForMs", _zoneTimes[zt + ClearSinceMsAt] == None ? 0 : nowMs - _zoneTimes[zt + ClearSinceMsAt]);
                        w.Integer("settleMs", Config(z).SettleMs);
                    }
                    EndZoneEvent(z, outcome == ZoneResetOutcome.CausePersists ? _zoneInts[zi + LiveCountAt] : 0);
                    return outcome;
                }

                w = BeginZoneEvent(EventKind.ResetAccepted, z, source);
                w.String("source", source);
                w.Integer("clearForMs", nowMs - _zoneTimes[zt + ClearSinceMsAt]);
                EndZoneEvent(z, 0);
                SetZoneFlag(z, LatchedFlag, false);
                _zoneInts[zi + LatchedMaskAt] = 0;
                SetZoneFlag(z, PermittedFlag, true);
                _zoneInts[zi + LiveMaskAt] = mask & AuthorisationBit;
                _zoneInts[zi + LiveCountAt] = 0;
                _zoneInts[zi + PrevLiveMaskAt] = 0;
                WriteZoneOutputs(z, nowMs);
                RecordZoneEvent(EventKind.ZonePermitted, z, source == "remote" ? "remote_reset" : "local_reset", 0);
                return outcome;
            }
            catch (Exception)
            {
                FailSafe();
                return ZoneResetOutcome.CausePersists;
            }
        }

        private bool ResetLatchedLevels(int z, long nowMs)
        {
            ZoneConfig zc = Config(z);
            int b = _map[z];
            int n = ChannelCountOf(b);
            for (int i = 0; i < n; i++)
            {
                int a = _map[FirstChannel(b) + i];
                if (!_alarms.ClearStuck(a, nowMs)) return false;
                for (int l = 0; l < _alarms.LevelCount(a); l++)
                {
                    if ((int)_alarms.LevelKindOf(a, l) < (int)zc.PermitLevel(i) || !_alarms.IsLatched(a, l)) continue;
                    if (_alarms.ResetLevel(a, l, nowMs) != ResetOutcome.Accepted) return false;
                }
            }
            return true;
        }

        /// <summary>
        /// A trip requested by the platform (or an operator): always accepted, latched, outputs
        /// off at once. zone &lt; 0 trips every zone. Returns false for an unknown zone.
        /// </summary>
        public bool RequestTrip(int zone, string reason)
        {
            if (zone >= ZoneCount) return false;
            long nowMs = _clock.MonotonicMs;
            try
            {
                int first = zone < 0 ? 0 : zone;
                int last = zone < 0 ? ZoneCount - 1 : zone;
                for (int z = first; z <= last; z++)
                {
                    Trip(z, Conditions.Bit(ConditionKind.RemoteTrip), nowMs);
                    RecordOne(EventKind.ZoneTripped, z, ConditionKind.RemoteTrip, reason == null ? "" : reason, double.NaN, double.NaN, "", null);
                }
            }
            catch (Exception)
            {
                FailSafe();
            }
            if (!IsConfigValid) AllOutputsOff();
            return true;
        }

        /// <summary>
        /// Starts a proof test (AQ 1029-2019: every 15 days): the zone is tripped through a
        /// simulated over-limit in this call, and the next evaluations wait for every output's
        /// feedback to confirm the cut within ProofTestTimeoutMs. The result is an event.
        /// </summary>
        public ProofTestOutcome StartProofTest(int zone)
        {
            if (!IsConfigValid) return ProofTestOutcome.ConfigInvalid;
            if (zone < 0 || zone >= ZoneCount) return ProofTestOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            int zi = zone * ZoneInts;
            int zt = zone * ZoneTimes;
            ProofTestOutcome outcome = ProofTestOutcome.Accepted;
            if (ProofPhase(zone) != ProofTestPhase.Idle) outcome = ProofTestOutcome.AlreadyRunning;
            // Standing by for work authorisation counts as not permitted: the outputs are off, nothing to prove.
            else if (!IsPermitted(zone) || (_zoneInts[zi + LiveMaskAt] & AuthorisationBit) != 0) outcome = ProofTestOutcome.NotPermitted;
            else if (!HasFeedback(zone)) outcome = ProofTestOutcome.NoFeedback;
            if (outcome != ProofTestOutcome.Accepted)
            {
                JsonWriter w = BeginZoneEvent(EventKind.ProofTestRefused, zone, ZoneOutcomeText.Code(outcome));
                w.String("refusalEn", ZoneOutcomeText.English(outcome));
                w.String("refusalZh", ZoneOutcomeText.Chinese(outcome));
                EndZoneEvent(zone, 0);
                return outcome;
            }

            // The simulated over-limit: the first listed channel at its highest threshold.
            string subject = Config(zone).Id;
            double value = double.NaN;
            string unit = "";
            string standard = null;
            int b = _map[zone];
            if (ChannelCountOf(b) > 0)
            {
                int a = _map[FirstChannel(b)];
                subject = _alarms.ChannelId(a);
                unit = UnitOf(a);
                standard = ChannelStandard(a);
                for (int l = 0; l < _alarms.LevelCount(a); l++)
                {
                    if (_alarms.LevelDirection(a, l) == Direction.High && (double.IsNaN(value) || _alarms.Threshold(a, l) > value)) value = _alarms.Threshold(a, l);
                }
            }
            Trip(zone, Conditions.Bit(ConditionKind.ProofTest), nowMs);
            SetZoneFlag(zone, AwaitingCutFlag, true);
            _zoneTimes[zt + ProofStartedMsAt] = nowMs;
            _zoneTimes[zt + ProofStartedUtcMsAt] = _clock.UtcMs;
            RecordOne(EventKind.ProofTestStarted, zone, ConditionKind.ProofTest, subject, value, value, unit, standard);
            return outcome;
        }

        private bool HasFeedback(int z)
        {
            int b = _map[z];
            int first = FirstOutput(b);
            int count = _map[b + ZoneWiring.OutputCount];
            for (int i = 0; i < count; i++)
            {
                if (_map[OutputEntry(_map[first + i]) + ZoneWiring.OutputFeedback] < 0) return false;
            }
            return count > 0;
        }

        private void ProgressProofTest(int z, long nowMs)
        {
            int zi = z * ZoneInts;
            int zt = z * ZoneTimes;
            int b = _map[z];
            int first = FirstOutput(b);
            int count = _map[b + ZoneWiring.OutputCount];
            bool allCut = true;
            for (int i = 0; i < count; i++)
            {
                int fb = _map[OutputEntry(_map[first + i]) + ZoneWiring.OutputFeedback];
                if (fb < 0 || !IsInputOk(fb) || IsInputActive(fb)) allCut = false;
            }
            long elapsed = nowMs - _zoneTimes[zt + ProofStartedMsAt];
            if (!allCut && elapsed < Config(z).ProofTestTimeoutMs) return;
            SetZoneFlag(z, AwaitingCutFlag, false);
            if (allCut && _clock.IsTrusted) _zoneTimes[zt + LastProofPassedUtcMsAt] = _clock.UtcMs;
            EventKind kind = allCut ? EventKind.ProofTestPassed : EventKind.ProofTestFailed;
            JsonWriter w = BeginZoneEvent(kind, z, allCut ? "cut_confirmed" : "cut_not_confirmed");
            w.StartObject("proofTest");
            w.Integer("startedUtcMs", _zoneTimes[zt + ProofStartedUtcMsAt]);
            w.Integer("endedUtcMs", _clock.UtcMs);
            w.Integer("elapsedMs", elapsed);
            w.Integer("timeoutMs", Config(z).ProofTestTimeoutMs);
            w.Bool("passed", allCut);
            w.EndObject();
            if (allCut) EndZoneEvent(z, 0);
            else EndZoneEvent(z, _zoneInts[zi + LiveCountAt]);
        }

        // ---------------------------------------------------------------- fail-safe

        private void TripAll(ConditionKind kind, double value, double threshold, string unit, EventKind eventKind)
        {
            long nowMs = _clock.MonotonicMs;
            try
            {
                if (!IsConfigValid)
                {
                    AllOutputsOff();
                    return;
                }
                for (int z = 0; z < ZoneCount; z++)
                {
                    Trip(z, Conditions.Bit(kind), nowMs);
                    RecordOne(eventKind, z, kind, Config(z).Id, value, threshold, unit, null);
                }
            }
            catch (Exception)
            {
                FailSafe();
            }
        }

        /// <summary>Something threw in the scan: every output off, every zone latched, then try to say so.</summary>
        private void FailSafe()
        {
            AllOutputsOff();
            for (int z = 0; z < ZoneCount; z++)
            {
                int zi = z * ZoneInts;
                int zt = z * ZoneTimes;
                SetZoneFlag(z, PermittedFlag, false);
                SetZoneFlag(z, LatchedFlag, true);
                _zoneInts[zi + LatchedMaskAt] |= Conditions.Bit(ConditionKind.ScanException);
                _zoneTimes[zt + ClearSinceMsAt] = None;
                SetZoneFlag(z, AwaitingCutFlag, false);
            }
            try
            {
                for (int z = 0; z < ZoneCount; z++)
                {
                    RecordOne(EventKind.ZoneTripped, z, ConditionKind.ScanException, Config(z).Id, double.NaN, double.NaN, "", null);
                }
            }
            catch (Exception)
            {
                // The outputs are already off; the evidence could not be written.
            }
        }

        private void AllOutputsOff()
        {
            for (int o = 0; o < _outputPorts.Length; o++)
            {
                // Called first in the constructor, before the state exists (and with no state when the configuration is invalid).
                if (_io != null && o < OutputCount) SetOutputOn(o, false);
                try
                {
                    if (_outputPorts[o] != null) _outputPorts[o].Write(false);
                }
                catch (Exception)
                {
                    // One broken output must not keep the others energised.
                }
            }
        }

        // ---------------------------------------------------------------- events

        /// <summary>An event with one cause that is not a live condition (boot, remote trip, proof test, fail-safe).</summary>
        private void RecordOne(EventKind eventKind, int z, ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            BeginZoneEvent(eventKind, z, Conditions.Code(kind));
            if (_events == null) return;
            JsonWriter w = _events.Writer;
            w.StartArray("causes");
            WriteCause(w, kind, subject, value, threshold, unit, standard != null ? standard : Conditions.Standard(kind));
            w.EndArray();
            WriteSnapshot(w, z);
            _events.Commit();
        }

        private void RecordFiltered(EventKind kind, int z, int kinds)
        {
            if (_events == null) return;
            int zi = z * ZoneInts;
            JsonWriter w = BeginZoneEvent(kind, z, FirstCodeIn(z, kinds));
            w.StartArray("causes");
            for (int i = 0; i < _zoneInts[zi + LiveCountAt]; i++)
            {
                if ((kinds & Conditions.Bit(CauseKind(z, i))) != 0) WriteLiveCause(w, z, i);
            }
            w.EndArray();
            WriteSnapshot(w, z);
            _events.Commit();
        }

        private string FirstCodeIn(int z, int kinds)
        {
            for (int i = 0; i < LiveCount(z); i++)
            {
                ConditionKind k = CauseKind(z, i);
                if ((kinds & Conditions.Bit(k)) != 0) return Conditions.Code(k);
            }
            return "unknown";
        }

        private void RecordZoneEvent(EventKind kind, int z, string reason, int count)
        {
            BeginZoneEvent(kind, z, reason);
            EndZoneEvent(z, count);
        }

        private JsonWriter BeginZoneEvent(EventKind kind, int z, string reason)
        {
            if (_events == null)
            {
                _sink.Reset();
                return _sink;
            }
            JsonWriter w = _events.Begin(kind, Config(z).Id, reason, EventKinds.English(kind), EventKinds.Chinese(kind));
            int zi = z * ZoneInts;
            w.Bool("permitted", IsPermitted(z));
            w.Bool("latched", IsLatched(z));
            w.StartArray("latchedCauses");
            for (int k = 0; k < Conditions.Count; k++)
            {
                if ((_zoneInts[zi + LatchedMaskAt] & (1 << k)) != 0) w.StringElement(Conditions.Code((ConditionKind)k));
            }
            w.EndArray();
            return w;
        }

        /// <summary>Ends a zone event with the zone's first count live causes.</summary>
        private void EndZoneEvent(int z, int count)
        {
            if (_events == null) return;
            JsonWriter w = _events.Writer;
            w.StartArray("causes");
            for (int i = 0; i < count; i++) WriteLiveCause(w, z, i);
            w.EndArray();
            WriteSnapshot(w, z);
            _events.Commit();
        }

        private void WriteLiveCause(JsonWriter w, int z, int i)
        {
            WriteCause(w, CauseKind(z, i), CauseSubject(z, i), CauseValue(z, i), CauseThreshold(z, i), CauseUnit(z, i), CauseStandard(z, i));
        }

        private static void WriteCause(JsonWriter w, ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            w.StartObject();
            w.String("condition", Conditions.Code(kind));
            w.String("subject", subject);
            w.Number("value", value, 4);
            w.Number("threshold", threshold, 4);
            w.String("unit", unit);
            w.String("standard", standard);
            w.String("en", Conditions.English(kind));
            w.String("zh", Conditions.Chinese(kind));
            w.EndObject();
        }

        /// <summary>The zone's channels, its collector's and its outputs' load-current channels, as they are now.</summary>
        private void WriteSnapshot(JsonWriter w, int z)
        {
            long nowMs = _clock.MonotonicMs;
            int b = _map[z];
            w.StartArray("snapshot");
            int n = ChannelCountOf(b);
            for (int i = 0; i < n; i++) WriteSnapshotChannel(w, _map[FirstChannel(b) + i], nowMs);
            if (Config(z).Collector != null)
            {
                int cs = ZoneWiring.CollectorSection(_map, z);
                for (int k = 0; k < ZoneWiring.CollectorChannels; k++) WriteSnapshotChannel(w, _map[cs + ZoneWiring.CollectorDp + k], nowMs);
            }
            int first = FirstOutput(b);
            int count = _map[b + ZoneWiring.OutputCount];
            for (int i = 0; i < count; i++)
            {
                int o = _map[first + i];
                if (o >= 0) WriteSnapshotChannel(w, _map[OutputEntry(o) + ZoneWiring.OutputLoadChannel], nowMs);
            }
            w.EndArray();
        }

        private void WriteSnapshotChannel(JsonWriter w, int a, long nowMs)
        {
            if (a < 0) return;
            bool hasReading = _alarms.HasReading(a);
            w.StartObject();
            w.String("channel", _alarms.ChannelId(a));
            if (hasReading) w.Number("value", _alarms.LastValue(a), 4);
            else w.Null("value");
            w.String("unit", UnitOf(a));
            w.StartArray("quality");
            Quality q = _alarms.EffectiveQuality(a);
            for (int f = 0; f < QualityRules.FlagCount; f++)
            {
                if ((q & QualityRules.FlagAt(f)) != 0) w.StringElement(QualityRules.FlagName(f));
            }
            w.EndArray();
            if (hasReading) w.Integer("ageMs", nowMs - _alarms.LastMonotonicMs(a));
            w.EndObject();
        }

        private void RecordConfigInvalid()
        {
            if (_events == null) return;
            JsonWriter w = _events.Begin(EventKind.ConfigInvalid, Interlocks, Conditions.Code(ConditionKind.InvalidConfig),
                EventKinds.English(EventKind.ConfigInvalid), EventKinds.Chinese(EventKind.ConfigInvalid));
            w.StartArray("errors");
            for (int i = 0; i < _errors.Count; i++)
            {
                ValidationError e = _errors[i];
                if (e.IsWarning) continue;
                w.StartObject();
                w.String("path", e.Path);
                w.String("code", e.Code);
                w.String("en", e.English);
                w.String("zh", e.Chinese);
                w.EndObject();
            }
            w.EndArray();
            _events.Commit();
        }
    }
}
