using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    public enum TransitionKind
    {
        /// <summary>A level's status changed (From → To).</summary>
        LevelChanged = 0,
        Acknowledged = 1,
        ResetAccepted = 2,
        InhibitStarted = 3,
        InhibitEnded = 4,
        /// <summary>The channel's effective quality changed (faults come and go).</summary>
        QualityChanged = 5,
    }

    /// <summary>One change reported by the engine; a value type so that queuing it allocates nothing.</summary>
    public struct AlarmTransition
    {
        public TransitionKind Kind;
        public int ChannelIndex;
        /// <summary>Level index within the channel, or -1 for channel-wide transitions.</summary>
        public int LevelIndex;
        public LevelStatus From;
        public LevelStatus To;
        public double Value;
        public Quality Quality;
        public long AtMs;
    }
}
