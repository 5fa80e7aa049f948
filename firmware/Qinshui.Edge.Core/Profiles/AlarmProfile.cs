using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// A built-in alarm profile: the levels a national standard sets for one quantity at one
    /// kind of location. A site may tighten a profile, never loosen it.
    /// </summary>
    public sealed class AlarmProfile
    {
        public AlarmProfile(string id, ProfileFamily family, string gas, Unit unit, string standard,
            string titleEn, string titleZh, string note, bool verify, double rangeMin, double rangeMax, LevelConfig[] levels)
        {
            Id = id;
            Family = family;
            Gas = gas;
            Unit = unit;
            Standard = standard;
            TitleEn = titleEn;
            TitleZh = titleZh;
            Note = note;
            Verify = verify;
            RangeMin = rangeMin;
            RangeMax = rangeMax;
            Levels = levels;
        }

        public string Id { get; }
        public ProfileFamily Family { get; }

        /// <summary>Measured quantity: CH4, CO, O2, TEMP, …</summary>
        public string Gas { get; }

        public Unit Unit { get; }

        /// <summary>The standard and clause the figures come from.</summary>
        public string Standard { get; }

        public string TitleEn { get; }
        public string TitleZh { get; }

        /// <summary>How the figures were derived (conversions, choices between sources).</summary>
        public string Note { get; }

        /// <summary>STANDARDS.md marks the source as weak: shipped as a default, to be verified.</summary>
        public bool Verify { get; }

        /// <summary>Default sensor range for the quantity (e.g. 0–4 %CH4 for AQ 6203 catalytic heads).</summary>
        public double RangeMin { get; }
        public double RangeMax { get; }

        public LevelConfig[] Levels { get; }
    }
}
