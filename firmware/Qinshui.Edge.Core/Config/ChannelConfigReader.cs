using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Reads the "channels" section. A channel names a built-in profile and may tighten it:
    /// each entry of "levels" overrides the profile level of the same kind, direction and
    /// source, field by field; what it does not name comes from the profile. A channel without
    /// a profile states all its levels. Looser-than-standard values are caught afterwards by
    /// Validation.ChannelValidator, with the profile and standard named.
    /// </summary>
    public static class ChannelConfigReader
    {
        private static readonly string[] s_channelMembers =
        {
            "id", "name", "profile", "unit", "gas", "levels", "maxAgeMs", "range", "maxInhibitMs", "source", "calibrationDueUtcMs", "stuck",
        };

        private static readonly string[] s_levelMembers =
        {
            "kind", "direction", "source", "threshold", "restore", "onDelayMs", "offDelayMs", "latching",
        };

        public static ChannelConfig[] Read(JsonValue channels, string path, ConfigReader r)
        {
            return Present(ReadSlots(channels, path, r));
        }

        /// <summary>One slot per entry of the file's array, null where that channel did not read: indices match the file's paths.</summary>
        public static ChannelConfig[] ReadSlots(JsonValue channels, string path, ConfigReader r)
        {
            if (channels == null) return new ChannelConfig[0];
            ChannelConfig[] result = new ChannelConfig[channels.Count];
            for (int i = 0; i < channels.Count; i++) result[i] = ReadOne(channels[i], ConfigReader.Index(path, i), r);
            return result;
        }

        /// <summary>The channels that read, in file order.</summary>
        public static ChannelConfig[] Present(ChannelConfig[] slots)
        {
            int n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i] != null) n++;
            }
            if (n == slots.Length) return slots;
            ChannelConfig[] trimmed = new ChannelConfig[n];
            n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i] != null) trimmed[n++] = slots[i];
            }
            return trimmed;
        }

        public static ChannelConfig ReadOne(JsonValue v, string path, ConfigReader r)
        {
            if (!r.ExpectObject(v, path)) return null;
            r.RejectUnknown(v, path, s_channelMembers);
            int errorsBefore = r.Errors.Count;
            string id = r.Id(v, "id", path);
            string profileId = r.String(v, "profile", path, false, "");
            AlarmProfile profile = profileId.Length > 0 ? ProfileCatalog.Find(profileId) : null;
            if (profileId.Length > 0 && profile == null)
            {
                r.Errors.Error(ConfigReader.Join(path, "profile"), "unknown_profile",
                    "unknown alarm profile '" + profileId + "' (qedge profiles lists them)",
                    "未知报警配置 '" + profileId + "'（qedge profiles 可列出全部）");
                return null;
            }

            Unit unit = profile != null ? profile.Unit : Unit.None;
            string unitText = r.String(v, "unit", path, profile == null, null);
            if (unitText != null)
            {
                Unit parsed;
                if (!Units.TryParse(unitText, out parsed) || parsed == Unit.None)
                {
                    r.Errors.Error(ConfigReader.Join(path, "unit"), "unit_unknown",
                        "unknown unit '" + unitText + "' (the device takes %vol, %LEL, ppm, mg/m3, degC, Pa, %, A, V, m3/h, mm, mA, m/s; qedge converts others)",
                        "未知单位 '" + unitText + "'");
                }
                else
                {
                    unit = parsed;
                }
            }

            double rangeMin = profile != null ? profile.RangeMin : 0;
            double rangeMax = profile != null ? profile.RangeMax : 0;
            JsonValue range = r.Object(v, "range", path, profile == null);
            if (range != null)
            {
                string rp = ConfigReader.Join(path, "range");
                r.RejectUnknown(range, rp, new[] { "min", "max" });
                rangeMin = r.Number(range, "min", rp, true, rangeMin);
                rangeMax = r.Number(range, "max", rp, true, rangeMax);
            }

            int maxAgeMs = r.Int(v, "maxAgeMs", path, false, ChannelConfig.DefaultMaxAgeMs, 1, 3600000);
            int maxInhibitMs = r.Int(v, "maxInhibitMs", path, false, ChannelConfig.DefaultMaxInhibitMs, 1, 24 * 3600000);

            LevelConfig[] levels = profile != null ? CopyLevels(profile.Levels) : new LevelConfig[0];
            int[] entries = new int[levels.Length];
            for (int i = 0; i < entries.Length; i++) entries[i] = -1;
            JsonValue levelsJson = r.Array(v, "levels", path, profile == null);
            if (levelsJson != null)
            {
                levels = MergeLevels(levels, levelsJson, ConfigReader.Join(path, "levels"), r, ref entries);
            }
            if (r.Errors.ErrorsSince(errorsBefore) > 0) return null;
            ChannelConfig c = new ChannelConfig(id, profileId, unit, levels, maxAgeMs, rangeMin, rangeMax, maxInhibitMs);
            c.LevelEntryIndex = entries;
            c.CalibrationDueUtcMs = (long)r.Number(v, "calibrationDueUtcMs", path, false, 0);
            c.Gas = r.String(v, "gas", path, false, profile != null ? profile.Gas : "");
            // PLANT_COMBUSTIBLE ("EX") is calibrated per gas: the site names which one (for LEL conversions).
            if (profile != null && c.Gas != profile.Gas && profile.Gas != "EX")
            {
                r.Errors.Error(ConfigReader.Join(path, "gas"), "gas_mismatch",
                    "gas " + c.Gas + " does not match profile " + profile.Id + " (" + profile.Gas + ")",
                    "气体 " + c.Gas + " 与标准配置 " + profile.Id + "（" + profile.Gas + "）不一致");
                return null;
            }
            StuckConfigReader.Read(v, path, r, c);
            return c;
        }

        private static LevelConfig[] CopyLevels(LevelConfig[] levels)
        {
            LevelConfig[] copy = new LevelConfig[levels.Length];
            System.Array.Copy(levels, copy, levels.Length);
            return copy;
        }

        private static LevelConfig[] MergeLevels(LevelConfig[] baseLevels, JsonValue list, string path, ConfigReader r, ref int[] entries)
        {
            LevelConfig[] result = new LevelConfig[baseLevels.Length + list.Count];
            System.Array.Copy(baseLevels, result, baseLevels.Length);
            int[] entryOf = new int[result.Length];
            for (int i = 0; i < entryOf.Length; i++) entryOf[i] = -1;
            int n = baseLevels.Length;
            for (int i = 0; i < list.Count; i++)
            {
                string lp = ConfigReader.Index(path, i);
                JsonValue lv = list[i];
                if (!r.ExpectObject(lv, lp)) continue;
                r.RejectUnknown(lv, lp, s_levelMembers);

                string kindText = r.String(lv, "kind", lp, true, "alarm");
                LevelKind kind;
                if (!LevelNames.TryParseKind(kindText, out kind))
                {
                    r.Errors.Error(ConfigReader.Join(lp, "kind"), "level_kind",
                        "kind must be warning, alarm, trip or trip2", "kind 必须是 warning、alarm、trip 或 trip2");
                    continue;
                }
                string dirText = r.String(lv, "direction", lp, false, null);
                string srcText = r.String(lv, "source", lp, false, "instant");
                LevelSource source = srcText == "stel" ? LevelSource.Stel : srcText == "twa" ? LevelSource.Twa : LevelSource.Instant;
                if (srcText != "instant" && srcText != "stel" && srcText != "twa")
                {
                    r.Errors.Error(ConfigReader.Join(lp, "source"), "level_source", "source must be instant, stel or twa", "source 必须是 instant、stel 或 twa");
                }

                int match = MatchingLevel(baseLevels, kind, source, dirText, kindText, lp, r);
                if (match == -2) continue;

                LevelConfig basis = match >= 0 ? baseLevels[match] : null;
                Direction direction = basis != null ? basis.Direction : Direction.High;
                if (dirText != null)
                {
                    if (dirText == "low") direction = Direction.Low;
                    else if (dirText != "high")
                    {
                        r.Errors.Error(ConfigReader.Join(lp, "direction"), "level_direction", "direction must be high or low", "direction 必须是 high 或 low");
                    }
                }
                bool needAll = basis == null;
                double threshold = r.Number(lv, "threshold", lp, needAll, basis != null ? basis.Threshold : 0);
                double restore = r.Number(lv, "restore", lp, false, basis != null && !lv.Has("threshold") ? basis.Restore : threshold);
                if (basis != null && lv.Has("threshold") && !lv.Has("restore"))
                {
                    // Tightening the threshold alone keeps the profile's restore unless that would
                    // put restore on the wrong side of the new threshold.
                    restore = basis.Restore;
                    if (direction == Direction.High && restore > threshold) restore = threshold;
                    if (direction == Direction.Low && restore < threshold) restore = threshold;
                }
                int onDelay = r.Int(lv, "onDelayMs", lp, false, basis != null ? basis.OnDelayMs : 0, 0, 3600000);
                int offDelay = r.Int(lv, "offDelayMs", lp, false, basis != null ? basis.OffDelayMs : 0, 0, 3600000);
                bool latching = r.Bool(lv, "latching", lp, false, basis != null ? basis.Latching : kind == LevelKind.Trip || kind == LevelKind.SecondTrip);
                LevelConfig merged = new LevelConfig(kind, direction, threshold, restore, onDelay, offDelay, latching, source);
                if (match >= 0)
                {
                    result[match] = merged;
                    entryOf[match] = i;
                }
                else
                {
                    entryOf[n] = i;
                    result[n++] = merged;
                }
            }
            entries = new int[n];
            System.Array.Copy(entryOf, entries, n);
            if (n == result.Length) return result;
            LevelConfig[] trimmed = new LevelConfig[n];
            System.Array.Copy(result, trimmed, n);
            return trimmed;
        }

        /// <summary>
        /// Which profile level a levels entry overrides: same kind and source, and same direction
        /// when given (O2 has a low and a high alarm). -1 when none (a new level); -2, with an
        /// error, when several match and the entry does not say which.
        /// </summary>
        private static int MatchingLevel(LevelConfig[] baseLevels, LevelKind kind, LevelSource source, string dirText, string kindText, string lp, ConfigReader r)
        {
            int match = -1;
            for (int k = 0; k < baseLevels.Length; k++)
            {
                LevelConfig b = baseLevels[k];
                if (b.Kind != kind || b.Source != source) continue;
                if (dirText != null && LevelNames.Dir(b.Direction) != dirText) continue;
                if (match >= 0)
                {
                    r.Errors.Error(ConfigReader.Join(lp, "direction"), "level_ambiguous",
                        "the profile has several " + kindText + " levels: say which with \"direction\": \"high\" or \"low\"",
                        "标准配置有多个 " + kindText + " 级别：请用 \"direction\" 指明 high 或 low");
                    return -2;
                }
                match = k;
            }
            return match;
        }
    }
}
