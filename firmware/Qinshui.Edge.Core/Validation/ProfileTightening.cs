using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Validation
{
    /// <summary>
    /// Limits can be tightened, never loosened (safety principle 4): every level of the profile
    /// must be present in the site's levels and be at least as strict.
    /// </summary>
    public static class ProfileTightening
    {
        /// <summary>entryIndex maps a level to the configuration entry that set it (-1: inherited), for paths.</summary>
        public static void Check(AlarmProfile profile, LevelConfig[] site, int[] entryIndex, string path, ValidationErrors errors)
        {
            string unit = Units.Symbol(profile.Unit);
            for (int p = 0; p < profile.Levels.Length; p++)
            {
                LevelConfig pl = profile.Levels[p];
                int s = Find(site, pl);
                string what = LevelNames.Kind(pl.Kind) + (pl.Source != LevelSource.Instant ? " (" + LevelNames.Source(pl.Source) + ")" : "")
                    + " " + LevelNames.Dir(pl.Direction);
                if (s < 0)
                {
                    errors.Error(path + ".levels", "level_missing",
                        "the " + what + " level of profile " + profile.Id + " (" + profile.Standard + ") is missing; a site may tighten a profile, never drop a level",
                        "缺少标准配置 " + profile.Id + "（" + profile.Standard + "）的 " + what + " 级别；现场只能收紧，不能删除级别");
                    continue;
                }
                LevelConfig sl = site[s];
                int entry = entryIndex != null && s < entryIndex.Length ? entryIndex[s] : s;
                string lp = entry >= 0 ? path + ".levels[" + entry + "]" : path + ".profile";
                bool high = pl.Direction == Direction.High;
                if (high ? sl.Threshold > pl.Threshold : sl.Threshold < pl.Threshold)
                {
                    Looser(errors, lp + ".threshold", "threshold", sl.Threshold, pl.Threshold, unit, profile, what);
                }
                if (high ? sl.Restore > pl.Restore : sl.Restore < pl.Restore)
                {
                    Looser(errors, lp + ".restore", "restore", sl.Restore, pl.Restore, unit, profile, what);
                }
                if (sl.OnDelayMs > pl.OnDelayMs)
                {
                    Looser(errors, lp + ".onDelayMs", "on-delay", sl.OnDelayMs, pl.OnDelayMs, "ms", profile, what);
                }
                if (sl.OffDelayMs < pl.OffDelayMs)
                {
                    Looser(errors, lp + ".offDelayMs", "off-delay", sl.OffDelayMs, pl.OffDelayMs, "ms", profile, what);
                }
                if (pl.Latching && !sl.Latching)
                {
                    errors.Error(lp + ".latching", "looser_than_standard",
                        "the " + what + " level must latch as in profile " + profile.Id + " (" + profile.Standard + "); a site may tighten a profile, never loosen it",
                        "该 " + what + " 级别必须锁存（标准配置 " + profile.Id + "，" + profile.Standard + "）；现场只能收紧，不能放宽");
                }
            }
        }

        private static int Find(LevelConfig[] site, LevelConfig pl)
        {
            for (int i = 0; i < site.Length; i++)
            {
                if (site[i].Kind == pl.Kind && site[i].Direction == pl.Direction && site[i].Source == pl.Source) return i;
            }
            return -1;
        }

        private static void Looser(ValidationErrors errors, string path, string field, double site, double standard,
            string unit, AlarmProfile profile, string what)
        {
            string sv = NumberFormat.Format(site, 4) + " " + unit;
            string pv = NumberFormat.Format(standard, 4) + " " + unit;
            errors.Error(path, "looser_than_standard",
                field + " " + sv + " is looser than profile " + profile.Id + " " + what + " " + field + " " + pv
                + " (" + profile.Standard + "); a site may tighten a profile, never loosen it",
                field + " " + sv + " 比标准配置 " + profile.Id + " 的 " + what + " " + pv
                + " 宽松（" + profile.Standard + "）；现场只能收紧，不能放宽");
        }
    }
}
