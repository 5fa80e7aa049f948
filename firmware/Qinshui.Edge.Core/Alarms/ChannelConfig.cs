using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Fixed configuration of one measured channel.</summary>
    public sealed class ChannelConfig
    {
        public const int MaxInstantLevels = 3;
        public const int MaxLevels = 5;
        public const int DefaultMaxAgeMs = 30000;
        public const int DefaultMaxInhibitMs = 8 * 3600 * 1000;

        public ChannelConfig(string id, string profileId, Unit unit, LevelConfig[] levels,
            int maxAgeMs, double rangeMin, double rangeMax, int maxInhibitMs)
        {
            Id = id;
            ProfileId = profileId;
            Unit = unit;
            Levels = levels;
            MaxAgeMs = maxAgeMs;
            RangeMin = rangeMin;
            RangeMax = rangeMax;
            MaxInhibitMs = maxInhibitMs;
            // A profile channel has the frozen-sensor check of its family unless the site says otherwise.
            Profiles.AlarmProfile profile = profileId == null || profileId.Length == 0 ? null : Profiles.ProfileCatalog.Find(profileId);
            if (profile != null)
            {
                StuckWindowMs = Profiles.StuckCheck.DefaultWindowMs(profile.Family);
                StuckMinVariation = Profiles.StuckCheck.DefaultMinVariation(profile);
            }
        }

        public string Id { get; }

        /// <summary>
        /// When the sensor's calibration falls due (UTC ms; 0 = not tracked here). From then on its
        /// readings carry CalibrationOverdue and no permissive accepts the channel (AQ 1029: a sensor
        /// past its calibration is not monitoring).
        /// </summary>
        public long CalibrationDueUtcMs { get; set; }

        /// <summary>Measured gas code (GasTable) or quantity, e.g. CH4, CO, TEMP; from the profile or the site.</summary>
        public string Gas { get; set; }

        /// <summary>
        /// For error paths only: for each level, the index of the configuration entry that set it,
        /// or -1 when it was inherited from the profile. Null when built in code.
        /// </summary>
        public int[] LevelEntryIndex { get; set; }

        /// <summary>The alarm profile the levels come from (empty for a site-defined channel).</summary>
        public string ProfileId { get; }

        public Unit Unit { get; }
        public LevelConfig[] Levels { get; }

        /// <summary>A reading older than this is stale (AQ 6201: polling cycle ≤ 30 s).</summary>
        public int MaxAgeMs { get; }

        /// <summary>Sensor range; a value outside it is out-of-range quality, not a value.</summary>
        public double RangeMin { get; }
        public double RangeMax { get; }

        /// <summary>The longest inhibit (maintenance) that may be granted.</summary>
        public int MaxInhibitMs { get; }

        /// <summary>
        /// Frozen-sensor diagnostic (issue 13 #2): a reading that stays within <see cref="StuckMinVariation"/>
        /// for this long is a fault (Quality.Stuck). 0 = off: a profile channel only with a written
        /// <see cref="StuckOffReason"/>; a channel without a profile has it off unless configured.
        /// </summary>
        public int StuckWindowMs { get; set; }

        /// <summary>The least change, in the channel's unit, that counts as the signal moving.</summary>
        public double StuckMinVariation { get; set; }

        /// <summary>Why the site switched the diagnostic off (required to switch it off; a validation warning). Null when on.</summary>
        public string StuckOffReason { get; set; }

        public bool HasExposureLevels
        {
            get
            {
                for (int i = 0; i < Levels.Length; i++)
                {
                    if (Levels[i].Source != LevelSource.Instant) return true;
                }
                return false;
            }
        }

        /// <summary>A channel taking its levels, unit and range from a built-in profile.</summary>
        public static ChannelConfig FromProfile(string id, Profiles.AlarmProfile profile)
        {
            ChannelConfig c = new ChannelConfig(id, profile.Id, profile.Unit, profile.Levels, DefaultMaxAgeMs,
                profile.RangeMin, profile.RangeMax, DefaultMaxInhibitMs);
            c.Gas = profile.Gas;
            return c;
        }
    }
}
