namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// The zone engine's packed state behind named accessors, so the logic speaks in names and
    /// the layout lives in one place. Memory (docs/memory.md): on nanoFramework every class field
    /// costs 12 B and an array of structs is boxed per element, so the state is five primitive
    /// arrays sized once at start-up and every accessor reads or writes an element in place
    /// (nothing allocates after the constructor).
    /// <list type="bullet">
    /// <item>wiring: the zones' indices (layout in <see cref="ZoneWiring"/>);</item>
    /// <item>zone ints: per zone flags, latched mask, live mask, previous live mask, live cause count;</item>
    /// <item>times: per zone six monotonic/UTC times (the proof test's UTC start 0 until one starts, the others None), then per output the time its command last changed;</item>
    /// <item>bytes: per cause slot its code (kind | detail &lt;&lt; 5), then per input InputOk | InputActive
    /// as read at the last scan, then per output OutputOn (the command last written);</item>
    /// <item>cause subjects: per cause slot an index whose meaning depends on the kind;</item>
    /// <item>seen: what the last evaluation saw, per zone from its SeenStart (see ZoneEngine.ReadingSlot).</item>
    /// </list>
    /// </summary>
    internal sealed class ZoneTable
    {
        /// <summary>A time not set (no heartbeat yet, no trip, never passed).</summary>
        public const long None = long.MinValue;

        public const int PermittedFlag = 1, LatchedFlag = 2, AwaitingCutFlag = 4;

        private const int ZoneInts = 5;
        private const int FlagsAt = 0, LatchedMaskAt = 1, LiveMaskAt = 2, PrevLiveMaskAt = 3, LiveCountAt = 4;
        private const int ZoneTimes = 6;
        private const int ClearSinceMsAt = 0, TrippedAtMsAt = 1, ProofStartedMsAt = 2, ProofStartedUtcMsAt = 3,
            LastProofPassedUtcMsAt = 4, LastHeartbeatMsAt = 5;

        private const byte InputOk = 1;
        private const byte InputActive = 2;
        private const byte OutputOn = 1;

        private readonly int[] _wiring;
        private readonly int[] _zoneInts;
        private readonly long[] _times;
        private readonly byte[] _bytes;
        private readonly short[] _causeSubjects;
        private readonly double[] _seen;

        /// <summary>An empty table (no zones, inputs or outputs): the engine's state for a refused configuration.</summary>
        public ZoneTable()
        {
            _wiring = new int[1];
            _zoneInts = new int[0];
            _times = new long[0];
            _bytes = new byte[0];
            _causeSubjects = new short[0];
            _seen = new double[0];
        }

        /// <summary>The table of a valid configuration: every zone off and latched by Boot, every time None.</summary>
        public ZoneTable(int[] wiring, InterlockConfig config)
        {
            int zones = config.Zones.Length;
            int outputs = config.Outputs.Length;
            int causes = ZoneWiring.CauseTotal(wiring, zones);
            _wiring = wiring;
            _zoneInts = new int[zones * ZoneInts];
            _times = new long[zones * ZoneTimes + outputs];
            _bytes = new byte[causes + config.Inputs.Length + outputs];
            _causeSubjects = new short[causes];
            _seen = new double[ZoneWiring.SeenTotal(wiring, config.Zones)];
            for (int zone = 0; zone < zones; zone++)
            {
                // Boot state: off and latched until every condition holds, has settled, and a reset is pressed.
                SetFlag(zone, LatchedFlag, true);
                SetLatchedMask(zone, Conditions.Bit(ConditionKind.Boot));
                SetClearSinceMs(zone, None);
                SetTrippedAtMs(zone, None);
                SetProofStartedMs(zone, None);
                SetLastProofPassedUtcMs(zone, None);
                SetLastHeartbeatMs(zone, None);
            }
            for (int output = 0; output < outputs; output++) SetOutputChangedMs(output, None);
        }

        public int ZoneCount { get { return _zoneInts.Length / ZoneInts; } }
        public int OutputCount { get { return _times.Length - ZoneCount * ZoneTimes; } }
        private int CauseTotal { get { return _causeSubjects.Length; } }
        private int InputCount { get { return _bytes.Length - CauseTotal - OutputCount; } }

        // ---------------------------------------------------------------- zone flags and masks

        public bool HasFlag(int zone, int flag) { return (_zoneInts[zone * ZoneInts + FlagsAt] & flag) != 0; }

        public void SetFlag(int zone, int flag, bool on)
        {
            if (on) _zoneInts[zone * ZoneInts + FlagsAt] |= flag;
            else _zoneInts[zone * ZoneInts + FlagsAt] &= ~flag;
        }

        public int LatchedMask(int zone) { return _zoneInts[zone * ZoneInts + LatchedMaskAt]; }
        public void SetLatchedMask(int zone, int mask) { _zoneInts[zone * ZoneInts + LatchedMaskAt] = mask; }
        public int LiveMask(int zone) { return _zoneInts[zone * ZoneInts + LiveMaskAt]; }
        public void SetLiveMask(int zone, int mask) { _zoneInts[zone * ZoneInts + LiveMaskAt] = mask; }
        public int PreviousLiveMask(int zone) { return _zoneInts[zone * ZoneInts + PrevLiveMaskAt]; }
        public void SetPreviousLiveMask(int zone, int mask) { _zoneInts[zone * ZoneInts + PrevLiveMaskAt] = mask; }
        public int LiveCount(int zone) { return _zoneInts[zone * ZoneInts + LiveCountAt]; }
        public void SetLiveCount(int zone, int count) { _zoneInts[zone * ZoneInts + LiveCountAt] = count; }

        // ---------------------------------------------------------------- zone times

        public long ClearSinceMs(int zone) { return _times[zone * ZoneTimes + ClearSinceMsAt]; }
        public void SetClearSinceMs(int zone, long ms) { _times[zone * ZoneTimes + ClearSinceMsAt] = ms; }
        public long TrippedAtMs(int zone) { return _times[zone * ZoneTimes + TrippedAtMsAt]; }
        public void SetTrippedAtMs(int zone, long ms) { _times[zone * ZoneTimes + TrippedAtMsAt] = ms; }
        public long ProofStartedMs(int zone) { return _times[zone * ZoneTimes + ProofStartedMsAt]; }
        public void SetProofStartedMs(int zone, long ms) { _times[zone * ZoneTimes + ProofStartedMsAt] = ms; }
        public long ProofStartedUtcMs(int zone) { return _times[zone * ZoneTimes + ProofStartedUtcMsAt]; }
        public void SetProofStartedUtcMs(int zone, long ms) { _times[zone * ZoneTimes + ProofStartedUtcMsAt] = ms; }
        public long LastProofPassedUtcMs(int zone) { return _times[zone * ZoneTimes + LastProofPassedUtcMsAt]; }
        public void SetLastProofPassedUtcMs(int zone, long ms) { _times[zone * ZoneTimes + LastProofPassedUtcMsAt] = ms; }
        public long LastHeartbeatMs(int zone) { return _times[zone * ZoneTimes + LastHeartbeatMsAt]; }
        public void SetLastHeartbeatMs(int zone, long ms) { _times[zone * ZoneTimes + LastHeartbeatMsAt] = ms; }

        // ---------------------------------------------------------------- inputs and outputs

        public bool IsInputOk(int input) { return (_bytes[CauseTotal + input] & InputOk) != 0; }
        public bool IsInputActive(int input) { return (_bytes[CauseTotal + input] & InputActive) != 0; }

        /// <summary>Keeps what one read of the input gave: readable or not, and active (after inversion).</summary>
        public void SetInput(int input, bool ok, bool active)
        {
            byte bits = 0;
            if (ok) bits = InputOk;
            if (ok && active) bits |= InputActive;
            _bytes[CauseTotal + input] = bits;
        }

        public bool IsOutputOn(int output) { return (_bytes[CauseTotal + InputCount + output] & OutputOn) != 0; }
        public void SetOutputOn(int output, bool on) { _bytes[CauseTotal + InputCount + output] = on ? OutputOn : (byte)0; }
        public long OutputChangedMs(int output) { return _times[ZoneCount * ZoneTimes + output]; }
        public void SetOutputChangedMs(int output, long ms) { _times[ZoneCount * ZoneTimes + output] = ms; }

        // ---------------------------------------------------------------- causes

        /// <summary>
        /// Adds a live cause to the zone's slots; false when they are full (they are counted from
        /// the wiring, ZoneWiring.CauseBound, so they cannot run out).
        /// </summary>
        public bool AddCause(int zone, int code, int subject)
        {
            int count = LiveCount(zone);
            if (count >= CauseCapacity(zone)) return false;
            int slot = CauseStart(zone) + count;
            SetLiveCount(zone, count + 1);
            _bytes[slot] = (byte)code;
            _causeSubjects[slot] = (short)subject;
            return true;
        }

        /// <summary>Code (kind | detail &lt;&lt; 5) of the zone's i-th live cause (the caller checks i &lt; LiveCount).</summary>
        public int CauseCode(int zone, int i) { return _bytes[CauseStart(zone) + i]; }
        public int CauseSubject(int zone, int i) { return _causeSubjects[CauseStart(zone) + i]; }

        // ---------------------------------------------------------------- seen values

        public void See(int zone, int offset, double value) { _seen[SeenStart(zone) + offset] = value; }
        public double Seen(int zone, int offset) { return _seen[SeenStart(zone) + offset]; }

        // ---------------------------------------------------------------- wiring (ZoneWiring layout)

        private int Block(int zone) { return _wiring[zone]; }
        private int CauseStart(int zone) { return _wiring[Block(zone) + ZoneWiring.CauseStart]; }
        private int CauseCapacity(int zone) { return _wiring[Block(zone) + ZoneWiring.CauseCapacity]; }
        private int SeenStart(int zone) { return _wiring[Block(zone) + ZoneWiring.SeenStart]; }

        /// <summary>How many channels the zone lists (its channel references 0 .. count-1).</summary>
        public int ChannelCount(int zone) { return _wiring[Block(zone) + ZoneWiring.ChannelCount]; }

        /// <summary>Alarm-engine index of the zone's i-th listed channel.</summary>
        public int Channel(int zone, int i) { return _wiring[Block(zone) + ZoneWiring.HeaderLength + i]; }

        /// <summary>Presence input of the zone's i-th listed channel (-1: none).</summary>
        public int PresenceInput(int zone, int i) { return _wiring[Block(zone) + ZoneWiring.HeaderLength + ChannelCount(zone) + i]; }

        public int OutputCountOf(int zone) { return _wiring[Block(zone) + ZoneWiring.OutputCount]; }

        /// <summary>Index (in InterlockConfig.Outputs) of the zone's i-th output.</summary>
        public int Output(int zone, int i) { return _wiring[FirstOutput(zone) + i]; }

        public int EmergencyStopCount(int zone) { return _wiring[Block(zone) + ZoneWiring.EmergencyStopCount]; }
        public int EmergencyStop(int zone, int i) { return _wiring[FirstOutput(zone) + OutputCountOf(zone) + i]; }

        public int MonitoringInput(int zone) { return _wiring[Block(zone) + ZoneWiring.MonitoringInput]; }
        public int EnclosureInput(int zone) { return _wiring[Block(zone) + ZoneWiring.EnclosureInput]; }

        /// <summary>The collector's k-th channel (0 dp, 1 hopper, 2 level, 3 flow; -1 none); the zone has a collector.</summary>
        public int CollectorChannel(int zone, int k) { return _wiring[ZoneWiring.CollectorSection(_wiring, zone) + ZoneWiring.CollectorDp + k]; }
        public int AirlockInput(int zone) { return _wiring[ZoneWiring.CollectorSection(_wiring, zone) + ZoneWiring.CollectorAirlock]; }
        public int SparkInput(int zone) { return _wiring[ZoneWiring.CollectorSection(_wiring, zone) + ZoneWiring.CollectorSpark]; }

        public int FeedbackInput(int output) { return _wiring[OutputEntry(output) + ZoneWiring.OutputFeedback]; }
        public int LoadChannel(int output) { return output < 0 ? -1 : _wiring[OutputEntry(output) + ZoneWiring.OutputLoadChannel]; }
        public int LoadInput(int output) { return _wiring[OutputEntry(output) + ZoneWiring.OutputLoadInput]; }

        private int FirstOutput(int zone) { return Block(zone) + ZoneWiring.HeaderLength + 2 * ChannelCount(zone); }
        private int OutputEntry(int output) { return _wiring[ZoneCount] + output * ZoneWiring.OutputEntryLength; }
    }
}
