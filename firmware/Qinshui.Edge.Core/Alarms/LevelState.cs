namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Changing state of one level. Mutated only by <see cref="AlarmEngine"/>.</summary>
    public sealed class LevelState
    {
        internal const long None = long.MinValue;

        public LevelStatus Status { get; internal set; }
        public bool Acknowledged { get; internal set; }

        /// <summary>True from activation of a latching level until its accepted reset; survives faults.</summary>
        public bool Latched { get; internal set; }

        /// <summary>Monotonic time the level last became active (or None).</summary>
        public long ActiveSinceMs { get; internal set; }

        internal long ConditionSinceMs = None;
        internal long RestoreSinceMs = None;

        /// <summary>Active, latched or faulted: what a dependent interlock must treat as tripped.</summary>
        public bool IsTripping
        {
            get
            {
                return Status == LevelStatus.Active || Status == LevelStatus.ClearedAwaitingReset
                    || Status == LevelStatus.Fault || Latched;
            }
        }

        internal LevelState()
        {
            // No data yet at boot: a fault until the first good reading (de-energise to trip).
            Status = LevelStatus.Fault;
            ActiveSinceMs = None;
        }
    }
}
