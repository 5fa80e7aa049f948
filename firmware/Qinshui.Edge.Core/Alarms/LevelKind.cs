namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>What a level means. A channel has at most three instantaneous levels plus STEL and TWA.</summary>
    public enum LevelKind
    {
        Warning = 0,
        Alarm = 1,
        /// <summary>Power cut (断电) / trip of what depends on the channel.</summary>
        Trip = 2,
        /// <summary>A second cut level, e.g. the series-ventilated heading whose fan is cut at 1.5 % (AQ 1029-2019).</summary>
        SecondTrip = 3,
    }

    /// <summary>High: active at or above the threshold. Low: active strictly below it (the standards state minimums, e.g. O2 "not less than 20 %").</summary>
    public enum Direction
    {
        High = 0,
        Low = 1,
    }

    /// <summary>What value a level compares: the instantaneous reading or a rolling exposure average.</summary>
    public enum LevelSource
    {
        Instant = 0,
        /// <summary>15-minute short-term exposure average (GBZ 2.1 STEL).</summary>
        Stel = 1,
        /// <summary>8-hour time-weighted average (GBZ 2.1 TWA).</summary>
        Twa = 2,
    }

    public static class LevelNames
    {
        public static string Kind(LevelKind kind)
        {
            switch (kind)
            {
                case LevelKind.Warning: return "warning";
                case LevelKind.Alarm: return "alarm";
                case LevelKind.Trip: return "trip";
                case LevelKind.SecondTrip: return "trip2";
                default: return "unknown";
            }
        }

        public static bool TryParseKind(string s, out LevelKind kind)
        {
            for (int i = 0; i <= 3; i++)
            {
                if (Kind((LevelKind)i) == s)
                {
                    kind = (LevelKind)i;
                    return true;
                }
            }
            kind = LevelKind.Warning;
            return false;
        }

        public static string Source(LevelSource source)
        {
            switch (source)
            {
                case LevelSource.Stel: return "stel";
                case LevelSource.Twa: return "twa";
                default: return "instant";
            }
        }

        public static string Dir(Direction d)
        {
            return d == Direction.Low ? "low" : "high";
        }
    }
}
