namespace Qinshui.Edge.Core.Interlocks
{
    public enum ProofTestPhase
    {
        Idle = 0,
        /// <summary>The zone was tripped by a simulated over-limit; waiting for feedback to confirm the cut.</summary>
        AwaitingCut = 1,
    }

    /// <summary>Changing state of one zone. Mutated only by <see cref="ZoneEngine"/>.</summary>
    public sealed class ZoneState
    {
        internal const long None = long.MinValue;

        internal ZoneState(int causeCapacity)
        {
            Live = new Cause[causeCapacity];
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
        public bool Permitted { get; internal set; }

        /// <summary>Tripped and awaiting reset (the zone never comes back by itself).</summary>
        public bool Latched { get; internal set; }

        /// <summary>Every cause kind seen since the trip (bit = 1 &lt;&lt; ConditionKind); cleared by an accepted reset.</summary>
        public int LatchedMask { get; internal set; }

        /// <summary>Cause kinds failing at the last evaluation.</summary>
        public int LiveMask { get; internal set; }

        /// <summary>The causes failing at the last evaluation: Live[0 .. LiveCount).</summary>
        public Cause[] Live { get; }
        public int LiveCount { get; internal set; }

        /// <summary>Causes that did not fit Live (their kinds are still in LiveMask, which is what trips).</summary>
        public long CausesDropped { get; internal set; }

        /// <summary>Monotonic time since which no cause has been live (None while one is).</summary>
        public long ClearSinceMs { get; internal set; }

        public long TrippedAtMs { get; internal set; }

        public ProofTestPhase ProofPhase { get; internal set; }
        public long ProofStartedMs { get; internal set; }
        public long ProofStartedUtcMs { get; internal set; }
        /// <summary>UTC of the last passed proof test (None: never since boot).</summary>
        public long LastProofPassedUtcMs { get; internal set; }

        internal long LastHeartbeatMs;
        internal int PrevLiveMask;

        public bool Has(ConditionKind kind) { return (LiveMask & Conditions.Bit(kind)) != 0; }
        public bool HasLatched(ConditionKind kind) { return (LatchedMask & Conditions.Bit(kind)) != 0; }
    }
}
