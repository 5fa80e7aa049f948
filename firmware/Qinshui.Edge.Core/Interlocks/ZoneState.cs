namespace Qinshui.Edge.Core.Interlocks
{
    public enum ProofTestPhase
    {
        Idle = 0,
        /// <summary>The zone was tripped by a simulated over-limit; waiting for feedback to confirm the cut.</summary>
        AwaitingCut = 1,
    }

    /// <summary>
    /// Changing state of one zone. Mutated only by <see cref="ZoneEngine"/>. The causes failing
    /// at the last evaluation are kept by the engine in packed arrays (docs/memory.md: an array
    /// of structs is boxed per element on nanoFramework); read them with
    /// <see cref="ZoneEngine.CauseKind"/>, <see cref="ZoneEngine.CauseSubject"/> or
    /// <see cref="ZoneEngine.GetCause"/> for i in [0, LiveCount).
    /// </summary>
    public sealed class ZoneState
    {
        internal const long None = long.MinValue;

        // Permitted, Latched and the proof-test phase share one field (12 B per field on nanoFramework).
        private const int PermittedFlag = 1;
        private const int LatchedFlag = 2;
        private const int AwaitingCutFlag = 4;
        private int _flags;

        internal ZoneState()
        {
            // Boot state: off and latched until every condition holds, has settled, and a reset is pressed.
            Latched = true;
            LatchedMask = Conditions.Bit(ConditionKind.Boot);
            ClearSinceMs = None;
            TrippedAtMs = None;
            LastHeartbeatMs = None;
            ProofStartedMs = None;
            LastProofPassedUtcMs = None;
        }

        /// <summary>True while the zone's outputs are commanded on.</summary>
        public bool Permitted
        {
            get { return (_flags & PermittedFlag) != 0; }
            internal set { SetFlag(PermittedFlag, value); }
        }

        /// <summary>Tripped and awaiting reset (the zone never comes back by itself).</summary>
        public bool Latched
        {
            get { return (_flags & LatchedFlag) != 0; }
            internal set { SetFlag(LatchedFlag, value); }
        }

        /// <summary>Every cause kind seen since the trip (bit = 1 &lt;&lt; ConditionKind); cleared by an accepted reset.</summary>
        public int LatchedMask { get; internal set; }

        /// <summary>Cause kinds failing at the last evaluation.</summary>
        public int LiveMask { get; internal set; }

        /// <summary>How many causes failed at the last evaluation (read them from the engine: CauseKind(zone, i), …).</summary>
        public int LiveCount { get; internal set; }

        /// <summary>Monotonic time since which no cause has been live (None while one is).</summary>
        public long ClearSinceMs { get; internal set; }

        public long TrippedAtMs { get; internal set; }

        public ProofTestPhase ProofPhase
        {
            get { return (_flags & AwaitingCutFlag) != 0 ? ProofTestPhase.AwaitingCut : ProofTestPhase.Idle; }
            internal set { SetFlag(AwaitingCutFlag, value == ProofTestPhase.AwaitingCut); }
        }

        public long ProofStartedMs { get; internal set; }
        public long ProofStartedUtcMs { get; internal set; }
        /// <summary>UTC of the last passed proof test (None: never since boot).</summary>
        public long LastProofPassedUtcMs { get; internal set; }

        internal long LastHeartbeatMs;
        internal int PrevLiveMask;

        public bool Has(ConditionKind kind) { return (LiveMask & Conditions.Bit(kind)) != 0; }
        public bool HasLatched(ConditionKind kind) { return (LatchedMask & Conditions.Bit(kind)) != 0; }

        private void SetFlag(int flag, bool on)
        {
            if (on) _flags |= flag;
            else _flags &= ~flag;
        }
    }
}
