using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Validation
{
    /// <summary>Validates channel configurations: structure, hysteresis, delays, and the profile's limits.</summary>
    public static class ChannelValidator
    {
        /// <summary>AQ 6201-2019: polling cycle ≤ 30 s; a mine reading older than that is stale.</summary>
        public const int MineMaxAgeMs = 30000;
        public const int MaxAgeLimitMs = 300000;

        public static void Validate(ChannelConfig[] channels, string basePath, ValidationErrors errors)
        {
            Validate(channels, basePath, errors, false);
        }

        /// <param name="skipUnread">True where a null slot is a channel the reader already refused with its reasons:
        /// the others are still checked (every independent mistake in one run, issue 18).</param>
        public static void Validate(ChannelConfig[] channels, string basePath, ValidationErrors errors, bool skipUnread)
        {
            for (int i = 0; i < channels.Length; i++)
            {
                string path = basePath + "[" + i + "]";
                ChannelConfig c = channels[i];
                if (c == null)
                {
                    if (!skipUnread) errors.Error(path, "missing", "channel is missing", "通道缺失");
                    continue;
                }
                if (c.Id == null || c.Id.Length == 0)
                {
                    errors.Error(path + ".id", "id_missing", "a channel needs an id", "通道需要 id");
                }
                else
                {
                    for (int j = 0; j < i; j++)
                    {
                        if (channels[j] != null && channels[j].Id == c.Id)
                        {
                            errors.Error(path + ".id", "duplicate_id",
                                "channel id '" + c.Id + "' is already used by " + basePath + "[" + j + "]",
                                "通道 id '" + c.Id + "' 已被 " + basePath + "[" + j + "] 使用");
                        }
                    }
                }
                ValidateOne(c, path, errors);
            }
        }

        /// <summary>One level of a channel: finite numbers, restore on the safe side of its threshold, delays, threshold within the sensor range.</summary>
        private static void ValidateLevel(ChannelConfig c, LevelConfig l, string lp, ValidationErrors errors)
        {
            if (!IsFinite(l.Threshold) || !IsFinite(l.Restore))
            {
                errors.Error(lp, "not_a_number", "threshold and restore must be finite numbers", "阈值和恢复值必须是有限数值");
                return;
            }
            if (l.Direction == Direction.High && l.Restore > l.Threshold)
            {
                errors.Error(lp + ".restore", "restore_wrong_side",
                    "a high level restores at or below its threshold: restore " + NumberFormat.Format(l.Restore, 4) + " > threshold " + NumberFormat.Format(l.Threshold, 4),
                    "高限报警的恢复值应不高于阈值：恢复值 " + NumberFormat.Format(l.Restore, 4) + " > 阈值 " + NumberFormat.Format(l.Threshold, 4));
            }
            if (l.Direction == Direction.Low && l.Restore < l.Threshold)
            {
                errors.Error(lp + ".restore", "restore_wrong_side",
                    "a low level restores at or above its threshold: restore " + NumberFormat.Format(l.Restore, 4) + " < threshold " + NumberFormat.Format(l.Threshold, 4),
                    "低限报警的恢复值应不低于阈值：恢复值 " + NumberFormat.Format(l.Restore, 4) + " < 阈值 " + NumberFormat.Format(l.Threshold, 4));
            }
            if (l.OnDelayMs < 0 || l.OffDelayMs < 0)
            {
                errors.Error(lp, "negative_delay", "delays cannot be negative", "延时不能为负数");
            }
            if (l.Threshold < c.RangeMin || l.Threshold > c.RangeMax)
            {
                errors.Error(lp + ".threshold", "threshold_outside_range",
                    "threshold " + NumberFormat.Format(l.Threshold, 4) + " lies outside the sensor range " + NumberFormat.Format(c.RangeMin, 4) + "–" + NumberFormat.Format(c.RangeMax, 4) + ": it could never be reached",
                    "阈值 " + NumberFormat.Format(l.Threshold, 4) + " 超出传感器量程 " + NumberFormat.Format(c.RangeMin, 4) + "–" + NumberFormat.Format(c.RangeMax, 4) + "，永远无法触发");
            }
        }

        private static void ValidateOne(ChannelConfig c, string path, ValidationErrors errors)
        {
            if (c.Levels == null)
            {
                errors.Error(path + ".levels", "levels_missing", "levels are missing", "缺少报警级别");
                return;
            }
            if (c.Levels.Length > ChannelConfig.MaxLevels)
            {
                errors.Error(path + ".levels", "too_many_levels",
                    "at most " + ChannelConfig.MaxLevels + " levels (3 instantaneous, STEL, TWA); found " + c.Levels.Length,
                    "最多 " + ChannelConfig.MaxLevels + " 个级别（3 个瞬时、STEL、TWA）；实际 " + c.Levels.Length);
            }
            int instant = 0;
            for (int i = 0; i < c.Levels.Length; i++)
            {
                LevelConfig l = c.Levels[i];
                int entry = c.LevelEntryIndex != null && i < c.LevelEntryIndex.Length ? c.LevelEntryIndex[i] : i;
                string lp = entry >= 0 ? path + ".levels[" + entry + "]" : path + ".profile";
                if (l == null)
                {
                    errors.Error(lp, "missing", "level is missing", "级别缺失");
                    continue;
                }
                if (l.Source == LevelSource.Instant) instant++;
                ValidateLevel(c, l, lp, errors);
            }
            if (instant > ChannelConfig.MaxInstantLevels)
            {
                errors.Error(path + ".levels", "too_many_levels",
                    "at most " + ChannelConfig.MaxInstantLevels + " instantaneous levels (warning, alarm, trip); found " + instant,
                    "最多 " + ChannelConfig.MaxInstantLevels + " 个瞬时级别（预警、报警、断电）；实际 " + instant);
            }
            if (!(c.RangeMin < c.RangeMax))
            {
                errors.Error(path + ".range", "range_invalid", "range minimum must be below its maximum", "量程下限必须小于上限");
            }
            if (c.MaxAgeMs <= 0 || c.MaxAgeMs > MaxAgeLimitMs)
            {
                errors.Error(path + ".maxAgeMs", "max_age_invalid",
                    "maxAgeMs must be between 1 and " + MaxAgeLimitMs + " ms",
                    "maxAgeMs 必须在 1 到 " + MaxAgeLimitMs + " ms 之间");
            }
            if (c.MaxInhibitMs <= 0)
            {
                errors.Error(path + ".maxInhibitMs", "max_inhibit_invalid",
                    "an inhibit must expire: maxInhibitMs must be positive", "屏蔽必须有期限：maxInhibitMs 必须为正数");
            }

            CheckStuck(c, path, errors);
            if (c.ProfileId == null || c.ProfileId.Length == 0) return;
            AlarmProfile profile = ProfileCatalog.Find(c.ProfileId);
            if (profile == null)
            {
                errors.Error(path + ".profile", "unknown_profile",
                    "unknown alarm profile '" + c.ProfileId + "' (qedge profiles lists them)",
                    "未知报警配置 '" + c.ProfileId + "'（qedge profiles 可列出全部）");
                return;
            }
            if (c.Unit != profile.Unit)
            {
                errors.Error(path + ".unit", "unit_mismatch",
                    "unit " + Units.Symbol(c.Unit) + " does not match profile " + profile.Id + " (" + Units.Symbol(profile.Unit) + ")",
                    "单位 " + Units.Symbol(c.Unit) + " 与标准配置 " + profile.Id + "（" + Units.Symbol(profile.Unit) + "）不一致");
                return;
            }
            bool mine = profile.Family == ProfileFamily.MineMethane || profile.Family == ProfileFamily.MineGas
                || profile.Family == ProfileFamily.MineTemperature;
            if (mine && c.MaxAgeMs > MineMaxAgeMs)
            {
                errors.Error(path + ".maxAgeMs", "looser_than_standard",
                    "maxAgeMs " + c.MaxAgeMs + " exceeds the 30 s mine polling cycle of AQ 6201-2019",
                    "maxAgeMs " + c.MaxAgeMs + " 超过 AQ 6201-2019 规定的 30 s 巡检周期");
            }
            ProfileTightening.Check(profile, c.Levels, c.LevelEntryIndex, path, errors);
        }

        /// <summary>
        /// Issue 13 #2: a frozen-sensor check switched off is shown as a warning with its reason; a profile
        /// channel may shorten the window and raise the variation, never lengthen the window.
        /// </summary>
        private static void CheckStuck(ChannelConfig c, string path, ValidationErrors errors)
        {
            if (c.StuckOffReason != null)
            {
                errors.Warning(path + ".stuck.off", "stuck_check_off",
                    "frozen-sensor check switched off: " + c.StuckOffReason, "传感器冻结检测已关闭：" + c.StuckOffReason);
                return;
            }
            AlarmProfile profile = c.ProfileId == null || c.ProfileId.Length == 0 ? null : ProfileCatalog.Find(c.ProfileId);
            if (profile == null) return;
            int window = StuckCheck.DefaultWindowMs(profile.Family);
            if (c.StuckWindowMs <= 0 || c.StuckWindowMs > window)
            {
                errors.Error(path + ".stuck.windowMs", "looser_than_standard",
                    "stuck window " + c.StuckWindowMs + " ms is longer than the " + window + " ms default of " + ProfileFamilyNames.Name(profile.Family)
                    + " (switch it off only with \"off\" and a reason)",
                    "冻结检测窗口 " + c.StuckWindowMs + " ms 长于 " + ProfileFamilyNames.Name(profile.Family) + " 的默认值 " + window + " ms");
            }
        }

        private static bool IsFinite(double v)
        {
            return !double.IsNaN(v) && !double.IsInfinity(v);
        }
    }
}
