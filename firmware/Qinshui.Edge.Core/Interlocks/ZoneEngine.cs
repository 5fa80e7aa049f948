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
    /// The engine is split by concern: this file holds the state and the scan;
    /// ZoneEnginePermissive the conditions, ZoneEngineFeedback outputs' feedback and bypass,
    /// ZoneEngineReset resets and remote trips, ZoneEngineProofTest the proof test,
    /// ZoneEngineFailSafe the trips of every zone, ZoneEngineEvents the evidence and
    /// ZoneEngineCauses reading the live causes.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        private const long None = ZoneTable.None;
        private static readonly int AuthorisationBit = Conditions.Bit(ConditionKind.WorkNotAuthorised);
        private const string Interlocks = "interlocks";
        private const string EngineStandard = "de-energise to trip (ARCHITECTURE.md safety principle 1)";

        // Memory (docs/memory.md): every class field costs 12 B on nanoFramework and an array of
        // structs is boxed per element, so the state is in few objects: the changing state and the
        // wiring in one ZoneTable of packed primitive arrays.
        private readonly InterlockConfig _config;
        private readonly AlarmEngine _alarms;
        private readonly IDigitalOutput[] _outputPorts;
        private readonly IDigitalInput[] _inputPorts;
        private readonly IClock _clock;
        private readonly EventRecorder _events;
        private readonly IWorkAuthorisation _authorisation;
        private readonly ValidationErrors _errors;

        /// <summary>Every zone's state, wiring, causes and seen values, and every input's and output's (layout in ZoneTable).</summary>
        private readonly ZoneTable _table;

        // Without a recorder, event members go to a tiny writer that simply overflows (null with one).
        private readonly JsonWriter _sink;

        private long _lastEvaluateMs = None;
        private long _linkAliveMs = None;
        private int _flags;

        private const int ValidFlag = 1;
        private const int BootRecordedFlag = 2;

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

            _errors = Validate(config, alarms);
            if (_errors.HasErrors)
            {
                _table = new ZoneTable();
                return;
            }
            _flags = ValidFlag;
            _table = new ZoneTable(ZoneWiring.Resolve(config, alarms), config);
        }

        /// <summary>The zone rules (ZoneValidator) and the ports the gateway provides for the configured inputs and outputs.</summary>
        private ValidationErrors Validate(InterlockConfig config, AlarmEngine alarms)
        {
            ValidationErrors errors = new ValidationErrors();
            ChannelConfig[] channels = new ChannelConfig[alarms.ChannelCount];
            for (int i = 0; i < channels.Length; i++) channels[i] = alarms.CopyConfig(i);
            ZoneValidator.Validate(config, channels, "interlocks", errors);
            if (config != null && config.Outputs != null && _outputPorts.Length != config.Outputs.Length)
            {
                errors.Error("interlocks.outputs", "port_count_mismatch",
                    "the gateway provides " + _outputPorts.Length + " output ports for " + config.Outputs.Length + " configured outputs",
                    "网关提供 " + _outputPorts.Length + " 个输出端口，配置了 " + config.Outputs.Length + " 个输出");
            }
            if (config != null && config.Inputs != null && _inputPorts.Length != config.Inputs.Length)
            {
                errors.Error("interlocks.inputs", "port_count_mismatch",
                    "the gateway provides " + _inputPorts.Length + " input ports for " + config.Inputs.Length + " configured inputs",
                    "网关提供 " + _inputPorts.Length + " 个输入端口，配置了 " + config.Inputs.Length + " 个输入");
            }
            return errors;
        }

        public bool IsConfigValid { get { return (_flags & ValidFlag) != 0; } }

        /// <summary>The effective configuration as text lines (print at start-up).</summary>
        public string[] Describe() { return ZoneDescriber.Describe(_config, _alarms); }

        /// <summary>Why the configuration was refused (empty when valid).</summary>
        public ValidationErrors ConfigErrors { get { return _errors; } }

        public int ZoneCount { get { return _table.ZoneCount; } }
        public ZoneConfig Config(int zone) { return _config.Zones[zone]; }

        // ---------------------------------------------------------------- zone state (read-only outside)

        /// <summary>True while the zone's outputs are commanded on.</summary>
        public bool IsPermitted(int zone) { return _table.HasFlag(zone, ZoneTable.PermittedFlag); }

        /// <summary>Tripped and awaiting reset (the zone never comes back by itself).</summary>
        public bool IsLatched(int zone) { return _table.HasFlag(zone, ZoneTable.LatchedFlag); }

        /// <summary>Every cause kind seen since the trip (bit = 1 &lt;&lt; ConditionKind); cleared by an accepted reset.</summary>
        public int LatchedMask(int zone) { return _table.LatchedMask(zone); }

        /// <summary>Cause kinds failing at the last evaluation.</summary>
        public int LiveMask(int zone) { return _table.LiveMask(zone); }

        /// <summary>How many causes failed at the last evaluation: read them with CauseKind(zone, i), …, GetCause.</summary>
        public int LiveCount(int zone) { return _table.LiveCount(zone); }

        public bool Has(int zone, ConditionKind kind) { return (LiveMask(zone) & Conditions.Bit(kind)) != 0; }
        public bool HasLatched(int zone, ConditionKind kind) { return (LatchedMask(zone) & Conditions.Bit(kind)) != 0; }

        /// <summary>Monotonic time since which no cause has been live (long.MinValue while one is).</summary>
        public long ClearSinceMs(int zone) { return _table.ClearSinceMs(zone); }

        public long TrippedAtMs(int zone) { return _table.TrippedAtMs(zone); }

        public ProofTestPhase ProofPhase(int zone)
        {
            return _table.HasFlag(zone, ZoneTable.AwaitingCutFlag) ? ProofTestPhase.AwaitingCut : ProofTestPhase.Idle;
        }

        public long ProofStartedMs(int zone) { return _table.ProofStartedMs(zone); }
        public long ProofStartedUtcMs(int zone) { return _table.ProofStartedUtcMs(zone); }

        /// <summary>UTC of the last passed proof test (long.MinValue: never since boot).</summary>
        public long LastProofPassedUtcMs(int zone) { return _table.LastProofPassedUtcMs(zone); }

        public int IndexOfZone(string id)
        {
            for (int i = 0; i < ZoneCount; i++)
            {
                if (_config.Zones[i].Id == id) return i;
            }
            return -1;
        }

        /// <summary>The command last written to an output (index in InterlockConfig.Outputs).</summary>
        public bool IsOutputEnergised(int output) { return output >= 0 && output < OutputCount && _table.IsOutputOn(output); }

        private int OutputCount { get { return _table.OutputCount; } }

        /// <summary>Whether the zone requires the platform link (false: a site without network, stated in the birth message).</summary>
        public bool IsPlatformLinkSupervised(int zone) { return Config(zone).PlatformLinkGraceMs > 0; }

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
            _table.SetLastHeartbeatMs(zone, nowMs);
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
                    for (int zone = 0; zone < ZoneCount; zone++)
                    {
                        RecordOne(EventKind.ZoneTripped, zone, ConditionKind.Boot, Config(zone).Id, double.NaN, double.NaN, "", EngineStandard);
                    }
                }
                if (_lastEvaluateMs != None && nowMs - _lastEvaluateMs > _config.ScanDeadlineMs)
                {
                    TripAll(ConditionKind.SupervisorDeadlineMissed, nowMs - _lastEvaluateMs, _config.ScanDeadlineMs, "ms", EventKind.ZoneTripped);
                }
                _lastEvaluateMs = nowMs;
                for (int output = 0; output < OutputCount; output++)
                {
                    if (_table.OutputChangedMs(output) == None) _table.SetOutputChangedMs(output, nowMs);
                }
                for (int zone = 0; zone < ZoneCount; zone++) EvaluateZone(zone, nowMs);
            }
            catch (Exception)
            {
                FailSafe();
            }
        }

        private void EvaluateZone(int zone, long nowMs)
        {
            int mask = ComputeConditions(zone, nowMs);

            // Work authorisation is a demand, not a fault: without it the zone stands by (outputs
            // off) without latching, so the next authorised job needs no reset. Every other cause trips and latches.
            int tripMask = mask & ~AuthorisationBit;
            if (IsPermitted(zone) && tripMask != 0)
            {
                Trip(zone, tripMask, nowMs);
                RecordZoneEvent(EventKind.ZoneTripped, zone, FirstCode(zone), LiveCount(zone));
            }
            else if (IsLatched(zone))
            {
                _table.SetLatchedMask(zone, LatchedMask(zone) | mask);
            }

            int fresh = mask & ~_table.PreviousLiveMask(zone);
            if ((fresh & Conditions.Bit(ConditionKind.BypassSuspected)) != 0)
            {
                RecordFiltered(EventKind.BypassSuspected, zone, Conditions.Bit(ConditionKind.BypassSuspected));
            }
            if ((fresh & Conditions.FaultMask) != 0) RecordFiltered(EventKind.Fault, zone, fresh & Conditions.FaultMask);
            if ((fresh & Conditions.TamperMask) != 0) RecordFiltered(EventKind.Tamper, zone, fresh & Conditions.TamperMask);
            _table.SetPreviousLiveMask(zone, mask);

            // A latched alarm level that has cleared does not hold the settle timer: the zone reset resets it.
            int settleMask = mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit;
            if (settleMask != 0) _table.SetClearSinceMs(zone, None);
            else if (_table.ClearSinceMs(zone) == None) _table.SetClearSinceMs(zone, nowMs);

            if (ProofPhase(zone) == ProofTestPhase.AwaitingCut) ProgressProofTest(zone, nowMs);

            WriteZoneOutputs(zone, nowMs);
        }

        private void Trip(int zone, int mask, long nowMs)
        {
            bool wasPermitted = IsPermitted(zone);
            _table.SetFlag(zone, ZoneTable.PermittedFlag, false);
            _table.SetFlag(zone, ZoneTable.LatchedFlag, true);
            _table.SetLatchedMask(zone, LatchedMask(zone) | mask);
            _table.SetClearSinceMs(zone, None);
            if (wasPermitted) _table.SetTrippedAtMs(zone, nowMs);
            WriteZoneOutputs(zone, nowMs);
        }

        private void WriteZoneOutputs(int zone, long nowMs)
        {
            bool on = IsPermitted(zone) && (LiveMask(zone) & AuthorisationBit) == 0;
            int count = _table.OutputCountOf(zone);
            for (int position = 0; position < count; position++)
            {
                int output = _table.Output(zone, position);
                if (_table.IsOutputOn(output) != on)
                {
                    _table.SetOutputOn(output, on);
                    _table.SetOutputChangedMs(output, nowMs);
                }
                _outputPorts[output].Write(on);
            }
        }

        private void ReadInputs()
        {
            for (int input = 0; input < _inputPorts.Length; input++)
            {
                bool raw;
                bool ok = _inputPorts[input].TryRead(out raw);
                _table.SetInput(input, ok, raw != _config.Inputs[input].Inverted);
            }
        }

        private string UnitOf(int channel) { return Units.Symbol(_alarms.ChannelUnit(channel)); }

        private string FirstCode(int zone)
        {
            return LiveCount(zone) > 0 ? Conditions.Code(CauseKind(zone, 0)) : "unknown";
        }
    }
}
