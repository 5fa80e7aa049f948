using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;
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
    public sealed class ZoneEngine
    {
        private const long None = long.MinValue;
        private static readonly int AuthorisationBit = Conditions.Bit(ConditionKind.WorkNotAuthorised);
        private const string Interlocks = "interlocks";
        private const string EngineStandard = "de-energise to trip (ARCHITECTURE.md safety principle 1)";

        private readonly InterlockConfig _config;
        private readonly AlarmEngine _alarms;
        private readonly IDigitalOutput[] _outputPorts;
        private readonly IDigitalInput[] _inputPorts;
        private readonly IClock _clock;
        private readonly EventRecorder _events;
        private readonly IWorkAuthorisation _authorisation;
        private readonly bool _valid;
        private readonly ValidationErrors _errors;

        private readonly ZoneConfig[] _zones;
        private readonly ZoneState[] _states;
        private readonly ZoneWiring[] _wiring;

        private readonly bool[] _inputActive;
        private readonly bool[] _inputOk;
        private readonly bool[] _outputOn;
        private readonly long[] _outputChangedMs;
        private readonly int[] _outputFeedback;
        private readonly int[] _outputLoadChannel;
        private readonly int[] _outputLoadInput;

        private readonly string[] _channelStandard;
        private readonly Cause[] _one = new Cause[1];
        // Without a recorder, event members go to a tiny writer that simply overflows.
        private readonly JsonWriter _sink = new JsonWriter(new byte[64]);

        private long _lastEvaluateMs = None;
        private long _linkAliveMs = None;
        private bool _bootRecorded;

        public ZoneEngine(InterlockConfig config, AlarmEngine alarms, IDigitalOutput[] outputs, IDigitalInput[] inputs,
            IClock clock, EventRecorder events, IWorkAuthorisation authorisation)
        {
            _config = config;
            _alarms = alarms;
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
            _valid = !_errors.HasErrors;

            _channelStandard = new string[alarms.ChannelCount];
            for (int i = 0; i < _channelStandard.Length; i++)
            {
                AlarmProfile p = alarms.Profile(i);
                _channelStandard[i] = p != null ? p.Standard : "site-defined channel";
            }

            if (!_valid)
            {
                _zones = new ZoneConfig[0];
                _states = new ZoneState[0];
                _wiring = new ZoneWiring[0];
                _inputActive = new bool[0];
                _inputOk = new bool[0];
                _outputOn = new bool[0];
                _outputChangedMs = new long[0];
                _outputFeedback = new int[0];
                _outputLoadChannel = new int[0];
                _outputLoadInput = new int[0];
                return;
            }

            _zones = config.Zones;
            _states = new ZoneState[_zones.Length];
            _wiring = new ZoneWiring[_zones.Length];
            for (int z = 0; z < _zones.Length; z++)
            {
                _wiring[z] = ZoneWiring.Resolve(_zones[z], config, alarms);
                _states[z] = new ZoneState(_wiring[z].CauseCapacity);
            }
            int ni = config.Inputs.Length;
            _inputActive = new bool[ni];
            _inputOk = new bool[ni];
            int no = config.Outputs.Length;
            _outputOn = new bool[no];
            _outputChangedMs = new long[no];
            _outputFeedback = new int[no];
            _outputLoadChannel = new int[no];
            _outputLoadInput = new int[no];
            for (int o = 0; o < no; o++)
            {
                OutputConfig oc = config.Outputs[o];
                _outputChangedMs[o] = None;
                _outputFeedback[o] = config.IndexOfInput(oc.FeedbackInputId);
                _outputLoadChannel[o] = oc.LoadCurrentChannelId == null ? -1 : alarms.IndexOf(oc.LoadCurrentChannelId);
                _outputLoadInput[o] = config.IndexOfInput(oc.LoadCurrentInputId);
            }
        }

        public bool IsConfigValid { get { return _valid; } }

        /// <summary>The effective configuration as text lines (print at start-up).</summary>
        public string[] Describe() { return ZoneDescriber.Describe(_config, _alarms); }

        /// <summary>Why the configuration was refused (empty when valid).</summary>
        public ValidationErrors ConfigErrors { get { return _errors; } }

        public int ZoneCount { get { return _zones.Length; } }
        public ZoneConfig Config(int zone) { return _zones[zone]; }
        public ZoneState State(int zone) { return _states[zone]; }

        public int IndexOfZone(string id)
        {
            for (int i = 0; i < _zones.Length; i++)
            {
                if (_zones[i].Id == id) return i;
            }
            return -1;
        }

        /// <summary>The command last written to an output (index in InterlockConfig.Outputs).</summary>
        public bool IsOutputEnergised(int output) { return output >= 0 && output < _outputOn.Length && _outputOn[output]; }

        /// <summary>Whether the zone requires the platform link (false: a site without network, stated in the birth message).</summary>
        public bool IsPlatformLinkSupervised(int zone) { return _zones[zone].PlatformLinkGraceMs > 0; }

        /// <summary>Last passed proof test older than the zone's interval (or none since boot). Needs a trusted clock to say no.</summary>
        public bool IsProofTestOverdue(int zone)
        {
            ZoneState st = _states[zone];
            if (st.LastProofPassedUtcMs == ZoneState.None || !_clock.IsTrusted) return true;
            return _clock.UtcMs - st.LastProofPassedUtcMs > _zones[zone].ProofTestIntervalMs;
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
            if (zone < 0 || zone >= _states.Length) return;
            _states[zone].LastHeartbeatMs = nowMs;
        }

        /// <summary>The configuration was changed at the gateway (serial console, file): tamper event, every zone trips.</summary>
        public void NotifyConfigChangedLocally()
        {
            TripAll(ConditionKind.ConfigChangedLocally, double.NaN, double.NaN, "", EventKind.Tamper);
        }

        /// <summary>The scan missed its supervisor deadline (reported by the composition root): every zone trips.</summary>
        public void NotifySupervisorDeadlineMissed()
        {
            TripAll(ConditionKind.SupervisorDeadlineMissed, double.NaN, _valid ? _config.ScanDeadlineMs : 0, "ms", EventKind.ZoneTripped);
        }

        // ---------------------------------------------------------------- the scan

        /// <summary>Evaluates every zone and writes every output, once per scan, after the alarm engine.</summary>
        public void Evaluate(long nowMs)
        {
            try
            {
                if (!_valid)
                {
                    AllOutputsOff();
                    if (!_bootRecorded)
                    {
                        _bootRecorded = true;
                        RecordConfigInvalid();
                    }
                    return;
                }
                ReadInputs();
                if (!_bootRecorded)
                {
                    _bootRecorded = true;
                    for (int z = 0; z < _zones.Length; z++)
                    {
                        SetOne(ConditionKind.Boot, _zones[z].Id, double.NaN, double.NaN, "", EngineStandard);
                        RecordZoneEvent(EventKind.ZoneTripped, z, Conditions.Code(ConditionKind.Boot), _one, 1);
                    }
                }
                if (_lastEvaluateMs != None && nowMs - _lastEvaluateMs > _config.ScanDeadlineMs)
                {
                    TripAll(ConditionKind.SupervisorDeadlineMissed, nowMs - _lastEvaluateMs, _config.ScanDeadlineMs, "ms", EventKind.ZoneTripped);
                }
                _lastEvaluateMs = nowMs;
                for (int o = 0; o < _outputChangedMs.Length; o++)
                {
                    if (_outputChangedMs[o] == None) _outputChangedMs[o] = nowMs;
                }
                for (int z = 0; z < _zones.Length; z++) EvaluateZone(z, nowMs);
            }
            catch (Exception)
            {
                FailSafe();
            }
        }

        private void EvaluateZone(int z, long nowMs)
        {
            ZoneState st = _states[z];
            int mask = ComputeConditions(z, nowMs);

            // Work authorisation is a demand, not a fault: without it the zone stands by (outputs
            // off) without latching, so the next authorised job needs no reset. Every other cause trips and latches.
            int tripMask = mask & ~AuthorisationBit;
            if (st.Permitted && tripMask != 0)
            {
                Trip(z, tripMask, nowMs);
                RecordZoneEvent(EventKind.ZoneTripped, z, FirstCode(st), st.Live, st.LiveCount);
            }
            else if (st.Latched)
            {
                st.LatchedMask |= mask;
            }

            int fresh = mask & ~st.PrevLiveMask;
            if ((fresh & Conditions.Bit(ConditionKind.BypassSuspected)) != 0)
            {
                RecordFiltered(EventKind.BypassSuspected, z, Conditions.Bit(ConditionKind.BypassSuspected));
            }
            if ((fresh & Conditions.FaultMask) != 0) RecordFiltered(EventKind.Fault, z, fresh & Conditions.FaultMask);
            if ((fresh & Conditions.TamperMask) != 0) RecordFiltered(EventKind.Tamper, z, fresh & Conditions.TamperMask);
            st.PrevLiveMask = mask;

            // A latched alarm level that has cleared does not hold the settle timer: the zone reset resets it.
            int settleMask = mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit;
            if (settleMask != 0) st.ClearSinceMs = None;
            else if (st.ClearSinceMs == None) st.ClearSinceMs = nowMs;

            if (st.ProofPhase == ProofTestPhase.AwaitingCut) ProgressProofTest(z, nowMs);

            WriteZoneOutputs(z, nowMs);
        }

        private void Trip(int z, int mask, long nowMs)
        {
            ZoneState st = _states[z];
            bool was = st.Permitted;
            st.Permitted = false;
            st.Latched = true;
            st.LatchedMask |= mask;
            st.ClearSinceMs = None;
            if (was) st.TrippedAtMs = nowMs;
            WriteZoneOutputs(z, nowMs);
        }

        private void WriteZoneOutputs(int z, long nowMs)
        {
            ZoneState zs = _states[z];
            bool on = zs.Permitted && (zs.LiveMask & AuthorisationBit) == 0;
            int[] outs = _wiring[z].Outputs;
            for (int i = 0; i < outs.Length; i++)
            {
                int o = outs[i];
                if (_outputOn[o] != on)
                {
                    _outputOn[o] = on;
                    _outputChangedMs[o] = nowMs;
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
                _inputOk[i] = ok;
                _inputActive[i] = ok && (raw != _config.Inputs[i].Inverted);
            }
        }

        // ---------------------------------------------------------------- conditions

        /// <summary>Fills the zone's live causes and returns their mask (0 = every condition holds).</summary>
        private int ComputeConditions(int z, long nowMs)
        {
            ZoneConfig zc = _zones[z];
            ZoneWiring w = _wiring[z];
            ZoneState st = _states[z];
            st.LiveCount = 0;
            st.LiveMask = 0;

            for (int i = 0; i < w.Channels.Length; i++)
            {
                int a = w.Channels[i];
                ZoneChannel zch = zc.Channels[i];
                if (ChannelUsable(st, a, nowMs, true))
                {
                    double v = _alarms.LastValue(a);
                    if (zch.HasLimit && !(v < zch.Limit))
                    {
                        Add(st, ConditionKind.ChannelAboveLimit, zch.ChannelId, v, zch.Limit, UnitOf(a), zch.LimitStandard);
                    }
                }
                CheckLevels(st, a, zch.PermitLevel);
                if (w.PresenceInputs[i] >= 0) CheckInput(st, w.PresenceInputs[i], false, ConditionKind.SensorUnplugged);
            }

            if (w.MonitoringInput >= 0) CheckInput(st, w.MonitoringInput, false, ConditionKind.MonitoringLost);
            if (zc.MonitoringHeartbeatTimeoutMs > 0)
            {
                if (st.LastHeartbeatMs == None)
                {
                    Add(st, ConditionKind.MonitoringLost, "heartbeat", double.NaN, zc.MonitoringHeartbeatTimeoutMs, "ms", null);
                }
                else if (nowMs - st.LastHeartbeatMs > zc.MonitoringHeartbeatTimeoutMs)
                {
                    Add(st, ConditionKind.MonitoringLost, "heartbeat", nowMs - st.LastHeartbeatMs, zc.MonitoringHeartbeatTimeoutMs, "ms", null);
                }
            }

            if (zc.PlatformLinkGraceMs > 0)
            {
                if (_linkAliveMs == None)
                {
                    Add(st, ConditionKind.PlatformLinkLost, "platform", double.NaN, zc.PlatformLinkGraceMs, "ms", null);
                }
                else if (nowMs - _linkAliveMs > zc.PlatformLinkGraceMs)
                {
                    Add(st, ConditionKind.PlatformLinkLost, "platform", nowMs - _linkAliveMs, zc.PlatformLinkGraceMs, "ms", null);
                }
            }

            DustCollectorConfig c = zc.Collector;
            if (c != null)
            {
                if (ChannelUsable(st, w.DpChannel, nowMs, false))
                {
                    double dp = _alarms.LastValue(w.DpChannel);
                    if (dp < c.DpMinPa) Add(st, ConditionKind.CollectorPressureOutOfBand, c.DpChannelId, dp, c.DpMinPa, "Pa", c.Standard);
                    else if (dp > c.DpMaxPa) Add(st, ConditionKind.CollectorPressureOutOfBand, c.DpChannelId, dp, c.DpMaxPa, "Pa", c.Standard);
                }
                if (ChannelUsable(st, w.HopperChannel, nowMs, false))
                {
                    double t = _alarms.LastValue(w.HopperChannel);
                    if (!(t < c.HopperTemperatureMaxC))
                    {
                        Add(st, ConditionKind.HopperTemperatureHigh, c.HopperTemperatureChannelId, t, c.HopperTemperatureMaxC, "degC", c.Standard);
                    }
                }
                if (w.AirlockInput >= 0) CheckInput(st, w.AirlockInput, true, ConditionKind.AirlockFault);
                if (c.Wet)
                {
                    if (ChannelUsable(st, w.LevelChannel, nowMs, false))
                    {
                        double l = _alarms.LastValue(w.LevelChannel);
                        if (!(l >= c.WaterLevelMinMm)) Add(st, ConditionKind.WaterLevelLow, c.WaterLevelChannelId, l, c.WaterLevelMinMm, "mm", c.Standard);
                    }
                    if (ChannelUsable(st, w.FlowChannel, nowMs, false))
                    {
                        double f = _alarms.LastValue(w.FlowChannel);
                        if (!(f >= c.WaterFlowMinM3h)) Add(st, ConditionKind.WaterFlowLow, c.WaterFlowChannelId, f, c.WaterFlowMinM3h, "m3/h", c.Standard);
                    }
                }
            }

            if (zc.RequiresWorkAuthorisation && (_authorisation == null || !_authorisation.IsAuthorised(z, nowMs)))
            {
                Add(st, ConditionKind.WorkNotAuthorised, zc.Id, double.NaN, double.NaN, "", null);
            }

            for (int i = 0; i < w.EmergencyStops.Length; i++) CheckInput(st, w.EmergencyStops[i], true, ConditionKind.EmergencyStop);
            if (w.EnclosureInput >= 0) CheckInput(st, w.EnclosureInput, true, ConditionKind.EnclosureTamper);

            for (int i = 0; i < w.Outputs.Length; i++) CheckFeedback(st, w.Outputs[i], nowMs);

            return st.LiveMask;
        }

        /// <summary>Adds fault/stale/inhibit/calibration causes; true when the value may be compared.</summary>
        private bool ChannelUsable(ZoneState st, int a, long nowMs, bool permitChannel)
        {
            Quality q = _alarms.EffectiveQuality(a);
            string id = _alarms.ChannelId(a);
            bool hasReading = _alarms.HasReading(a);
            bool usable = true;
            if (!hasReading || (q & (QualityRules.BadMask & ~Quality.Stale)) != 0)
            {
                Add(st, ConditionKind.ChannelFault, id, hasReading ? _alarms.LastValue(a) : double.NaN, double.NaN, UnitOf(a), null);
                usable = false;
            }
            if (hasReading)
            {
                long age = nowMs - _alarms.LastMonotonicMs(a);
                // Checked here too: the alarm engine marks staleness only when it is ticked.
                if ((q & Quality.Stale) != 0 || age > _alarms.MaxAgeMs(a))
                {
                    Add(st, ConditionKind.ChannelStale, id, age, _alarms.MaxAgeMs(a), "ms", null);
                    usable = false;
                }
            }
            if ((q & Quality.Inhibited) != 0)
            {
                Add(st, ConditionKind.ChannelInhibited, id, double.NaN, double.NaN, "", null);
                usable = false;
            }
            if ((q & Quality.CalibrationOverdue) != 0)
            {
                Add(st, ConditionKind.CalibrationOverdue, id, double.NaN, double.NaN, "", null);
                usable = false;
            }
            if (usable && !QualityRules.IsHealthyForPermissive(q))
            {
                Add(st, ConditionKind.ChannelFault, id, _alarms.LastValue(a), double.NaN, UnitOf(a), null);
                usable = false;
            }
            if (usable)
            {
                double v = _alarms.LastValue(a);
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    Add(st, ConditionKind.ChannelFault, id, v, double.NaN, UnitOf(a), null);
                    usable = false;
                }
            }
            return usable;
        }

        private void CheckLevels(ZoneState st, int a, LevelKind permitLevel)
        {
            double v = _alarms.LastValue(a);
            for (int i = 0; i < _alarms.LevelCount(a); i++)
            {
                if ((int)_alarms.LevelKindOf(a, i) < (int)permitLevel) continue;
                LevelStatus status = _alarms.Status(a, i);
                if (status == LevelStatus.Active)
                {
                    Add(st, ConditionKind.ChannelAboveLimit, _alarms.ChannelId(a), v, _alarms.Threshold(a, i), UnitOf(a), _channelStandard[a]);
                }
                else if (_alarms.IsLatched(a, i) || status == LevelStatus.ClearedAwaitingReset)
                {
                    Add(st, ConditionKind.ChannelTripLatched, _alarms.ChannelId(a), v, _alarms.Threshold(a, i), UnitOf(a), _channelStandard[a]);
                }
            }
        }

        /// <summary>Adds kind when the input is in its unsafe state (active when unsafeWhenActive, else inactive).</summary>
        private void CheckInput(ZoneState st, int input, bool unsafeWhenActive, ConditionKind kind)
        {
            string id = _config.Inputs[input].Id;
            if (!_inputOk[input])
            {
                Add(st, ConditionKind.InputUnreadable, id, double.NaN, double.NaN, "", null);
                return;
            }
            if (_inputActive[input] == unsafeWhenActive) Add(st, kind, id, double.NaN, double.NaN, "", null);
        }

        private void CheckFeedback(ZoneState st, int o, long nowMs)
        {
            OutputConfig oc = _config.Outputs[o];
            bool on = _outputOn[o];
            bool settled = _outputChangedMs[o] != None && nowMs - _outputChangedMs[o] >= oc.FeedbackSettleMs;
            int fb = _outputFeedback[o];
            if (fb >= 0)
            {
                if (!_inputOk[fb])
                {
                    Add(st, ConditionKind.InputUnreadable, _config.Inputs[fb].Id, double.NaN, double.NaN, "", null);
                }
                else if (settled && on && !_inputActive[fb])
                {
                    Add(st, ConditionKind.OutputFailed, oc.Id, 0, 1, "", null);
                }
                else if (settled && !on && _inputActive[fb])
                {
                    Add(st, ConditionKind.WeldedContact, oc.Id, 1, 0, "", null);
                }
            }
            int lc = _outputLoadChannel[o];
            if (lc >= 0 && ChannelUsable(st, lc, nowMs, false) && settled && !on)
            {
                double amps = _alarms.LastValue(lc);
                if (amps >= oc.LoadCurrentThresholdAmps)
                {
                    Add(st, ConditionKind.BypassSuspected, oc.Id, amps, oc.LoadCurrentThresholdAmps, "A", null);
                }
            }
            int li = _outputLoadInput[o];
            if (li >= 0)
            {
                if (!_inputOk[li]) Add(st, ConditionKind.InputUnreadable, _config.Inputs[li].Id, double.NaN, double.NaN, "", null);
                else if (settled && !on && _inputActive[li]) Add(st, ConditionKind.BypassSuspected, oc.Id, double.NaN, double.NaN, "", null);
            }
        }

        private void Add(ZoneState st, ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            st.LiveMask |= Conditions.Bit(kind);
            if (st.LiveCount >= st.Live.Length)
            {
                st.CausesDropped++;
                return;
            }
            int i = st.LiveCount++;
            st.Live[i].Kind = kind;
            st.Live[i].Subject = subject;
            st.Live[i].Value = value;
            st.Live[i].Threshold = threshold;
            st.Live[i].Unit = unit;
            st.Live[i].Standard = standard != null && standard.Length > 0 ? standard : Conditions.Standard(kind);
        }

        private string UnitOf(int a) { return Units.Symbol(_alarms.ChannelUnit(a)); }

        private static string FirstCode(ZoneState st)
        {
            return st.LiveCount > 0 ? Conditions.Code(st.Live[0].Kind) : "unknown";
        }

        // ---------------------------------------------------------------- commands

        /// <summary>Reset pressed at the gateway.</summary>
        public ZoneResetOutcome RequestLocalReset(int zone) { return Reset(zone, false); }

        /// <summary>Reset requested by the platform: only where the zone allows it, never while a cause persists.</summary>
        public ZoneResetOutcome RequestRemoteReset(int zone) { return Reset(zone, true); }

        private ZoneResetOutcome Reset(int z, bool remote)
        {
            if (!_valid) return ZoneResetOutcome.ConfigInvalid;
            if (z < 0 || z >= _zones.Length) return ZoneResetOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            try
            {
                ZoneState st = _states[z];
                string source = remote ? "remote" : "local";
                JsonWriter w = BeginZoneEvent(EventKind.ResetRequested, z, source);
                w.String("source", source);
                EndZoneEvent(z, st.Live, 0);

                ZoneResetOutcome outcome = ZoneResetOutcome.Accepted;
                int mask = 0;
                if (!st.Latched) outcome = ZoneResetOutcome.NothingToReset;
                else if (st.ProofPhase != ProofTestPhase.Idle) outcome = ZoneResetOutcome.ProofTestRunning;
                else if (remote && !_zones[z].AllowRemoteReset) outcome = ZoneResetOutcome.RemoteResetNotAllowed;
                else if (remote && (st.LatchedMask & Conditions.LocalResetOnlyMask) != 0) outcome = ZoneResetOutcome.LocalResetRequired;
                else
                {
                    // Judge on the channels and timers as they are now (inputs as read at the last scan).
                    mask = ComputeConditions(z, nowMs);
                    if ((mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit) != 0)
                    {
                        outcome = ZoneResetOutcome.CausePersists;
                        st.ClearSinceMs = None;
                    }
                    else if (st.ClearSinceMs == None || nowMs - st.ClearSinceMs < _zones[z].SettleMs)
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
                        w.Integer("clearForMs", st.ClearSinceMs == None ? 0 : nowMs - st.ClearSinceMs);
                        w.Integer("settleMs", _zones[z].SettleMs);
                    }
                    EndZoneEvent(z, st.Live, outcome == ZoneResetOutcome.CausePersists ? st.LiveCount : 0);
                    return outcome;
                }

                w = BeginZoneEvent(EventKind.ResetAccepted, z, source);
                w.String("source", source);
                w.Integer("clearForMs", nowMs - st.ClearSinceMs);
                EndZoneEvent(z, st.Live, 0);
                st.Latched = false;
                st.LatchedMask = 0;
                st.Permitted = true;
                st.LiveMask = mask & AuthorisationBit;
                st.LiveCount = 0;
                st.PrevLiveMask = 0;
                WriteZoneOutputs(z, nowMs);
                RecordZoneEvent(EventKind.ZonePermitted, z, source == "remote" ? "remote_reset" : "local_reset", st.Live, 0);
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
            ZoneWiring w = _wiring[z];
            ZoneConfig zc = _zones[z];
            for (int i = 0; i < w.Channels.Length; i++)
            {
                int a = w.Channels[i];
                for (int l = 0; l < _alarms.LevelCount(a); l++)
                {
                    if ((int)_alarms.LevelKindOf(a, l) < (int)zc.Channels[i].PermitLevel || !_alarms.IsLatched(a, l)) continue;
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
            if (zone >= _zones.Length) return false;
            long nowMs = _clock.MonotonicMs;
            try
            {
                int first = zone < 0 ? 0 : zone;
                int last = zone < 0 ? _zones.Length - 1 : zone;
                for (int z = first; z <= last; z++)
                {
                    Trip(z, Conditions.Bit(ConditionKind.RemoteTrip), nowMs);
                    SetOne(ConditionKind.RemoteTrip, reason == null ? "" : reason, double.NaN, double.NaN, "", null);
                    RecordZoneEvent(EventKind.ZoneTripped, z, Conditions.Code(ConditionKind.RemoteTrip), _one, 1);
                }
            }
            catch (Exception)
            {
                FailSafe();
            }
            if (!_valid) AllOutputsOff();
            return true;
        }

        /// <summary>
        /// Starts a proof test (AQ 1029-2019: every 15 days): the zone is tripped through a
        /// simulated over-limit in this call, and the next evaluations wait for every output's
        /// feedback to confirm the cut within ProofTestTimeoutMs. The result is an event.
        /// </summary>
        public ProofTestOutcome StartProofTest(int zone)
        {
            if (!_valid) return ProofTestOutcome.ConfigInvalid;
            if (zone < 0 || zone >= _zones.Length) return ProofTestOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            ZoneState st = _states[zone];
            ProofTestOutcome outcome = ProofTestOutcome.Accepted;
            if (st.ProofPhase != ProofTestPhase.Idle) outcome = ProofTestOutcome.AlreadyRunning;
            // Standing by for work authorisation counts as not permitted: the outputs are off, nothing to prove.
            else if (!st.Permitted || (st.LiveMask & AuthorisationBit) != 0) outcome = ProofTestOutcome.NotPermitted;
            else if (!HasFeedback(zone)) outcome = ProofTestOutcome.NoFeedback;
            if (outcome != ProofTestOutcome.Accepted)
            {
                JsonWriter w = BeginZoneEvent(EventKind.ProofTestRefused, zone, ZoneOutcomeText.Code(outcome));
                w.String("refusalEn", ZoneOutcomeText.English(outcome));
                w.String("refusalZh", ZoneOutcomeText.Chinese(outcome));
                EndZoneEvent(zone, st.Live, 0);
                return outcome;
            }

            // The simulated over-limit: the first listed channel at its highest threshold.
            string subject = _zones[zone].Id;
            double value = double.NaN;
            string unit = "";
            string standard = null;
            ZoneWiring wiring = _wiring[zone];
            if (wiring.Channels.Length > 0)
            {
                int a = wiring.Channels[0];
                subject = _alarms.ChannelId(a);
                unit = UnitOf(a);
                standard = _channelStandard[a];
                for (int l = 0; l < _alarms.LevelCount(a); l++)
                {
                    if (_alarms.LevelDirection(a, l) == Direction.High && (double.IsNaN(value) || _alarms.Threshold(a, l) > value)) value = _alarms.Threshold(a, l);
                }
            }
            Trip(zone, Conditions.Bit(ConditionKind.ProofTest), nowMs);
            st.ProofPhase = ProofTestPhase.AwaitingCut;
            st.ProofStartedMs = nowMs;
            st.ProofStartedUtcMs = _clock.UtcMs;
            SetOne(ConditionKind.ProofTest, subject, value, value, unit, standard);
            RecordZoneEvent(EventKind.ProofTestStarted, zone, Conditions.Code(ConditionKind.ProofTest), _one, 1);
            return outcome;
        }

        private bool HasFeedback(int z)
        {
            int[] outs = _wiring[z].Outputs;
            for (int i = 0; i < outs.Length; i++)
            {
                if (_outputFeedback[outs[i]] < 0) return false;
            }
            return outs.Length > 0;
        }

        private void ProgressProofTest(int z, long nowMs)
        {
            ZoneState st = _states[z];
            int[] outs = _wiring[z].Outputs;
            bool allCut = true;
            for (int i = 0; i < outs.Length; i++)
            {
                int fb = _outputFeedback[outs[i]];
                if (fb < 0 || !_inputOk[fb] || _inputActive[fb]) allCut = false;
            }
            long elapsed = nowMs - st.ProofStartedMs;
            if (!allCut && elapsed < _zones[z].ProofTestTimeoutMs) return;
            st.ProofPhase = ProofTestPhase.Idle;
            if (allCut && _clock.IsTrusted) st.LastProofPassedUtcMs = _clock.UtcMs;
            EventKind kind = allCut ? EventKind.ProofTestPassed : EventKind.ProofTestFailed;
            JsonWriter w = BeginZoneEvent(kind, z, allCut ? "cut_confirmed" : "cut_not_confirmed");
            w.StartObject("proofTest");
            w.Integer("startedUtcMs", st.ProofStartedUtcMs);
            w.Integer("endedUtcMs", _clock.UtcMs);
            w.Integer("elapsedMs", elapsed);
            w.Integer("timeoutMs", _zones[z].ProofTestTimeoutMs);
            w.Bool("passed", allCut);
            w.EndObject();
            if (allCut) EndZoneEvent(z, st.Live, 0);
            else EndZoneEvent(z, st.Live, st.LiveCount);
        }

        // ---------------------------------------------------------------- fail-safe

        private void TripAll(ConditionKind kind, double value, double threshold, string unit, EventKind eventKind)
        {
            long nowMs = _clock.MonotonicMs;
            try
            {
                if (!_valid)
                {
                    AllOutputsOff();
                    return;
                }
                for (int z = 0; z < _zones.Length; z++)
                {
                    Trip(z, Conditions.Bit(kind), nowMs);
                    SetOne(kind, _zones[z].Id, value, threshold, unit, null);
                    RecordZoneEvent(eventKind, z, Conditions.Code(kind), _one, 1);
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
            for (int z = 0; z < _states.Length; z++)
            {
                ZoneState st = _states[z];
                st.Permitted = false;
                st.Latched = true;
                st.LatchedMask |= Conditions.Bit(ConditionKind.ScanException);
                st.ClearSinceMs = None;
                st.ProofPhase = ProofTestPhase.Idle;
            }
            try
            {
                for (int z = 0; z < _states.Length; z++)
                {
                    SetOne(ConditionKind.ScanException, _zones[z].Id, double.NaN, double.NaN, "", null);
                    RecordZoneEvent(EventKind.ZoneTripped, z, Conditions.Code(ConditionKind.ScanException), _one, 1);
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
                if (_outputOn != null && o < _outputOn.Length) _outputOn[o] = false;
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

        private void SetOne(ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            _one[0].Kind = kind;
            _one[0].Subject = subject;
            _one[0].Value = value;
            _one[0].Threshold = threshold;
            _one[0].Unit = unit;
            _one[0].Standard = standard != null ? standard : Conditions.Standard(kind);
        }

        private void RecordFiltered(EventKind kind, int z, int kinds)
        {
            if (_events == null) return;
            ZoneState st = _states[z];
            JsonWriter w = BeginZoneEvent(kind, z, FirstCodeIn(st, kinds));
            w.StartArray("causes");
            for (int i = 0; i < st.LiveCount; i++)
            {
                if ((kinds & Conditions.Bit(st.Live[i].Kind)) != 0) WriteCause(w, ref st.Live[i]);
            }
            w.EndArray();
            WriteSnapshot(w, z);
            _events.Commit();
        }

        private static string FirstCodeIn(ZoneState st, int kinds)
        {
            for (int i = 0; i < st.LiveCount; i++)
            {
                if ((kinds & Conditions.Bit(st.Live[i].Kind)) != 0) return Conditions.Code(st.Live[i].Kind);
            }
            return "unknown";
        }

        private void RecordZoneEvent(EventKind kind, int z, string reason, Cause[] causes, int count)
        {
            BeginZoneEvent(kind, z, reason);
            EndZoneEvent(z, causes, count);
        }

        private JsonWriter BeginZoneEvent(EventKind kind, int z, string reason)
        {
            if (_events == null)
            {
                _sink.Reset();
                return _sink;
            }
            JsonWriter w = _events.Begin(kind, _zones[z].Id, reason, EventKinds.English(kind), EventKinds.Chinese(kind));
            ZoneState st = _states[z];
            w.Bool("permitted", st.Permitted);
            w.Bool("latched", st.Latched);
            w.StartArray("latchedCauses");
            for (int k = 0; k < Conditions.Count; k++)
            {
                if ((st.LatchedMask & (1 << k)) != 0) w.StringElement(Conditions.Code((ConditionKind)k));
            }
            w.EndArray();
            return w;
        }

        private void EndZoneEvent(int z, Cause[] causes, int count)
        {
            if (_events == null) return;
            JsonWriter w = _events.Writer;
            w.StartArray("causes");
            for (int i = 0; i < count; i++) WriteCause(w, ref causes[i]);
            w.EndArray();
            WriteSnapshot(w, z);
            _events.Commit();
        }

        private static void WriteCause(JsonWriter w, ref Cause c)
        {
            w.StartObject();
            w.String("condition", Conditions.Code(c.Kind));
            w.String("subject", c.Subject);
            w.Number("value", c.Value, 4);
            w.Number("threshold", c.Threshold, 4);
            w.String("unit", c.Unit);
            w.String("standard", c.Standard);
            w.String("en", Conditions.English(c.Kind));
            w.String("zh", Conditions.Chinese(c.Kind));
            w.EndObject();
        }

        private void WriteSnapshot(JsonWriter w, int z)
        {
            int[] snap = _wiring[z].Snapshot;
            long nowMs = _clock.MonotonicMs;
            w.StartArray("snapshot");
            for (int i = 0; i < snap.Length; i++)
            {
                int a = snap[i];
                if (a < 0) continue;
                w.StartObject();
                w.String("channel", _alarms.ChannelId(a));
                if (_alarms.HasReading(a)) w.Number("value", _alarms.LastValue(a), 4);
                else w.Null("value");
                w.String("unit", UnitOf(a));
                w.StartArray("quality");
                Quality q = _alarms.EffectiveQuality(a);
                for (int f = 0; f < QualityRules.FlagCount; f++)
                {
                    if ((q & QualityRules.FlagAt(f)) != 0) w.StringElement(QualityRules.FlagName(f));
                }
                w.EndArray();
                if (_alarms.HasReading(a)) w.Integer("ageMs", nowMs - _alarms.LastMonotonicMs(a));
                w.EndObject();
            }
            w.EndArray();
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
