namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// How long a reading must stay restored (below a high level's restore, at/above a low level's)
    /// before the level clears: the anti-chatter hold of issue 13. It only ever delays clearing, never
    /// activation, so it is stricter than the standards (which state thresholds and restore values, and
    /// no minimum time): a level's effective off-delay is the larger of its own and this hold.
    /// </summary>
    public static class ClearHold
    {
        /// <summary>
        /// Mine channels: AQ 6201-2019 (2016 upgrade plan) polls an over-limit area at least every 10 s,
        /// so a 10 s hold means at least one fresh poll has confirmed the restore before power may come back.
        /// </summary>
        public const int MineMs = 10000;

        /// <summary>
        /// Plant detectors (GB/T 50493-2019): readings every second or two; 5 s rides out a detector's
        /// noise at a setpoint, well inside the 60 s recovery time GB/T 50493 allows a detector.
        /// </summary>
        public const int PlantMs = 5000;

        /// <summary>A site-defined channel (no profile): the plant figure.</summary>
        public const int SiteDefinedMs = PlantMs;

        public static int DefaultMs(ProfileFamily family)
        {
            switch (family)
            {
                case ProfileFamily.MineMethane:
                case ProfileFamily.MineGas:
                case ProfileFamily.MineTemperature:
                    return MineMs;
                default:
                    return PlantMs;
            }
        }

        /// <summary>The hold of a channel built from this profile (null: a site-defined channel).</summary>
        public static int ForProfile(AlarmProfile profile)
        {
            return profile == null ? SiteDefinedMs : DefaultMs(profile.Family);
        }
    }
}
