namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// GB 30871-2022 (特殊时段): hot work in a special period (holidays, nights, major events) is
    /// managed one grade higher: 二级 → 一级, 一级 → 特级. The gateway cannot know the grade the
    /// work would have had outside the period, so it requires what the lowest grade becomes:
    /// a permit of grade "1" or "special" ("2" and a permit without a grade are refused).
    /// </summary>
    public static class SpecialPeriods
    {
        /// <summary>The index of the period containing utcMs, or -1.</summary>
        public static int Active(SpecialPeriod[] periods, long utcMs)
        {
            for (int i = 0; i < periods.Length; i++)
            {
                if (periods[i].Contains(utcMs)) return i;
            }
            return -1;
        }

        /// <summary>True when a permit of this grade may be used for hot work in a special period.</summary>
        public static bool GradeMeetsUpgrade(string grade)
        {
            return grade == "1" || grade == "special";
        }
    }
}
