namespace Qinshui.Edge.Core.Alarms
{
    public enum LevelStatus
    {
        Normal = 0,
        /// <summary>Condition true, on-delay running.</summary>
        Pending = 1,
        Active = 2,
        /// <summary>Latched: the condition has cleared, a local reset is awaited.</summary>
        ClearedAwaitingReset = 3,
        /// <summary>The channel's reading is bad or stale: treated as tripped by everything depending on it.</summary>
        Fault = 4,
        /// <summary>Inhibited for maintenance: not annunciated, and not monitoring.</summary>
        Inhibited = 5,
    }

    public static class LevelStatusNames
    {
        public static string Name(LevelStatus s)
        {
            switch (s)
            {
                case LevelStatus.Normal: return "normal";
                case LevelStatus.Pending: return "pending";
                case LevelStatus.Active: return "active";
                case LevelStatus.ClearedAwaitingReset: return "cleared_awaiting_reset";
                case LevelStatus.Fault: return "fault";
                case LevelStatus.Inhibited: return "inhibited";
                default: return "unknown";
            }
        }
    }
}
