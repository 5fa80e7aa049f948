namespace Qinshui.Edge.Core.Domain
{
    /// <summary>
    /// Quality flags of a reading. Good is the absence of every flag. Bad quality is a fault,
    /// never a value (ARCHITECTURE.md, safety principle 2).
    /// </summary>
    [System.Flags]
    public enum Quality
    {
        Good = 0,
        /// <summary>Older than the channel's maximum age.</summary>
        Stale = 1,
        /// <summary>No answer, CRC error, exception response, link lost.</summary>
        CommunicationFault = 2,
        /// <summary>Outside the sensor's range (or NAMUR NE43 failure current, NaN, infinity).</summary>
        OutOfRange = 4,
        /// <summary>The sensor reports its own fault (status register, open loop).</summary>
        SensorFault = 8,
        /// <summary>Still warming up after power-on: not yet measuring.</summary>
        WarmingUp = 16,
        /// <summary>Inhibited for maintenance: not monitoring.</summary>
        Inhibited = 32,
        /// <summary>Calibration is past its due date.</summary>
        CalibrationOverdue = 64,
        /// <summary>Taken while the wall clock was not trusted (informational: the value is still valid).</summary>
        ClockUntrusted = 128,
        /// <summary>No reading received since boot.</summary>
        NoData = 256,
        /// <summary>
        /// Frozen sensor (issue 13 #2): the value stayed within its minimum expected variation for the
        /// channel's stuck window. A fault until the signal moves again and a reset is accepted.
        /// </summary>
        Stuck = 512,
    }

    public static class QualityRules
    {
        /// <summary>Flags that make a reading unusable: every level of its channel goes into fault.</summary>
        public const Quality BadMask = Quality.Stale | Quality.CommunicationFault | Quality.OutOfRange
            | Quality.SensorFault | Quality.WarmingUp | Quality.NoData | Quality.Stuck;

        public static bool IsBad(Quality q)
        {
            return (q & BadMask) != 0;
        }

        /// <summary>Good for a permissive: not bad, not inhibited, calibration in date.</summary>
        public static bool IsHealthyForPermissive(Quality q)
        {
            return (q & (BadMask | Quality.Inhibited | Quality.CalibrationOverdue)) == 0;
        }

        private static readonly Quality[] s_flags =
        {
            Quality.Stale, Quality.CommunicationFault, Quality.OutOfRange, Quality.SensorFault,
            Quality.WarmingUp, Quality.Inhibited, Quality.CalibrationOverdue, Quality.ClockUntrusted, Quality.NoData, Quality.Stuck,
        };

        private static readonly string[] s_names =
        {
            "stale", "comm_fault", "out_of_range", "sensor_fault",
            "warming_up", "inhibited", "calibration_overdue", "clock_untrusted", "no_data", "stuck",
        };

        /// <summary>Number of individual flags (for writers that enumerate them without allocating).</summary>
        public static int FlagCount { get { return s_flags.Length; } }

        public static Quality FlagAt(int index) { return s_flags[index]; }

        /// <summary>Stable machine name of a single flag, as used in payloads.</summary>
        public static string FlagName(int index) { return s_names[index]; }

        /// <summary>"good" or the flag names joined with '|'. Allocates: not for the scan.</summary>
        public static string Describe(Quality q)
        {
            if (q == Quality.Good) return "good";
            string s = string.Empty;
            for (int i = 0; i < s_flags.Length; i++)
            {
                if ((q & s_flags[i]) != 0)
                {
                    s = s.Length == 0 ? s_names[i] : s + "|" + s_names[i];
                }
            }
            return s;
        }
    }
}
