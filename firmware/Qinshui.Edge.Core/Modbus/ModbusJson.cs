using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Reads device profiles (hardware/devices/*.json) and bus configurations from the core's
    /// JSON tree. Strict: an unknown key or a wrong type is an error with its path (a typo must
    /// not silently leave a default). Runs at start-up; allocates.
    /// </summary>
    public static class ModbusJson
    {
        private static readonly string[] s_profileKeys = { "id", "title", "source", "verify", "points", "status", "note" };
        private static readonly string[] s_pointKeys = { "id", "function", "address", "type", "order", "scale", "offset", "decimalPointAddress", "bit", "bits", "length", "unit", "note" };
        private static readonly string[] s_ruleKeys = { "function", "address", "mask", "match", "quality", "points", "note" };
        private static readonly string[] s_busKeys = { "id", "port", "baud", "bitsPerCharacter", "responseTimeoutMs", "retries", "turnaroundDelayMs", "devices" };
        private static readonly string[] s_deviceKeys = { "name", "unit", "profile", "pollIntervalMs", "alarmPollIntervalMs", "missesBeforeFault", "backoffMaxMs", "maxGapRegisters" };

        /// <summary>A profile, or null with the errors added. Also runs the profile's own validation.</summary>
        public static ModbusDeviceProfile ReadProfile(JsonValue v, string path, ValidationErrors errors)
        {
            int before = errors.Count;
            if (!Object(v, path, s_profileKeys, errors)) return null;
            ModbusDeviceProfile p = new ModbusDeviceProfile();
            p.Id = Text(v, "id", path, true, errors);
            p.Title = Text(v, "title", path, false, errors);
            p.Source = Text(v, "source", path, true, errors);
            bool verify;
            p.Verify = v.TryGetBool("verify", out verify) && verify;
            JsonValue points = v.Get("points");
            if (points == null || !points.IsArray)
            {
                errors.Error(path + ".points", "json_type", "points must be an array", "points 须为数组");
                return null;
            }
            p.Points = new ModbusPointConfig[points.Count];
            for (int i = 0; i < points.Count; i++) p.Points[i] = ReadPoint(points[i], path + ".points[" + i + "]", errors);
            JsonValue status = v.Get("status");
            if (status != null)
            {
                if (!status.IsArray)
                {
                    errors.Error(path + ".status", "json_type", "status must be an array", "status 须为数组");
                    return null;
                }
                p.StatusRules = new ModbusStatusRule[status.Count];
                for (int i = 0; i < status.Count; i++) p.StatusRules[i] = ReadRule(status[i], path + ".status[" + i + "]", errors);
            }
            else
            {
                p.StatusRules = new ModbusStatusRule[0];
            }
            if (errors.Count != before) return null;
            ModbusConfigValidator.ValidateProfile(p, path, errors);
            return errors.Count == before ? p : null;
        }

        private static ModbusPointConfig ReadPoint(JsonValue v, string path, ValidationErrors errors)
        {
            ModbusPointConfig pt = new ModbusPointConfig();
            if (!Object(v, path, s_pointKeys, errors)) return pt;
            pt.Id = Text(v, "id", path, true, errors);
            pt.Function = (byte)Int(v, "function", path, 3, 1, 4, errors);
            pt.Address = Int(v, "address", path, -1, 0, 65535, errors);
            if (!v.Has("address")) errors.Error(path + ".address", "json_missing", "address is required", "缺少 address");
            string type;
            if (v.TryGetString("type", out type))
            {
                if (!RegisterTypes.TryParse(type, out pt.Type))
                {
                    errors.Error(path + ".type", "modbus_type", "type '" + type + "' is not one of u16, s16, u32, s32, f32, bool, bits, ascii",
                        "类型 '" + type + "' 不是 u16、s16、u32、s32、f32、bool、bits、ascii 之一");
                }
            }
            else if (v.Has("type"))
            {
                errors.Error(path + ".type", "json_type", "type must be a string", "type 须为字符串");
            }
            string order;
            if (v.TryGetString("order", out order))
            {
                if (!WordOrders.TryParse(order, out pt.Order))
                {
                    errors.Error(path + ".order", "modbus_order", "order '" + order + "' is not one of ABCD, CDAB, BADC, DCBA",
                        "字节序 '" + order + "' 不是 ABCD、CDAB、BADC、DCBA 之一");
                }
            }
            pt.Scale = Num(v, "scale", path, 1.0, errors);
            pt.Offset = Num(v, "offset", path, 0.0, errors);
            pt.DecimalPointAddress = Int(v, "decimalPointAddress", path, ModbusPointConfig.NoRegister, 0, 65535, errors);
            pt.BitIndex = Int(v, "bit", path, 0, 0, 15, errors);
            pt.BitCount = Int(v, "bits", path, 1, 1, 16, errors);
            pt.Length = Int(v, "length", path, 1, 1, 32, errors);
            string unit;
            if (v.TryGetString("unit", out unit) && !Units.TryParse(unit, out pt.Unit))
            {
                errors.Error(path + ".unit", "modbus_unit_symbol", "unknown unit '" + unit + "'", "未知单位 '" + unit + "'");
            }
            return pt;
        }

        private static ModbusStatusRule ReadRule(JsonValue v, string path, ValidationErrors errors)
        {
            ModbusStatusRule r = new ModbusStatusRule();
            if (!Object(v, path, s_ruleKeys, errors)) return r;
            r.Function = (byte)Int(v, "function", path, 3, 3, 4, errors);
            r.Address = Int(v, "address", path, 0, 0, 65535, errors);
            r.Mask = Int(v, "mask", path, 0xFFFF, 1, 0xFFFF, errors);
            r.Match = Int(v, "match", path, ModbusStatusRule.AnyBit, 0, 0xFFFF, errors);
            string q;
            if (v.TryGetString("quality", out q))
            {
                bool found = false;
                for (int i = 0; i < QualityRules.FlagCount; i++)
                {
                    if (QualityRules.FlagName(i) == q)
                    {
                        r.Quality = QualityRules.FlagAt(i);
                        found = true;
                    }
                }
                if (!found) errors.Error(path + ".quality", "modbus_quality", "unknown quality flag '" + q + "'", "未知质量标志 '" + q + "'");
            }
            else
            {
                errors.Error(path + ".quality", "json_missing", "quality is required (e.g. sensor_fault)", "缺少 quality（如 sensor_fault）");
            }
            JsonValue pts = v.Get("points");
            if (pts != null)
            {
                if (!pts.IsArray)
                {
                    errors.Error(path + ".points", "json_type", "points must be an array of point ids", "points 须为点 id 数组");
                }
                else
                {
                    r.PointIds = new string[pts.Count];
                    for (int i = 0; i < pts.Count; i++)
                    {
                        if (pts[i].Kind != JsonKind.String) errors.Error(path + ".points[" + i + "]", "json_type", "a point id is a string", "点 id 须为字符串");
                        r.PointIds[i] = pts[i].Text;
                    }
                }
            }
            return r;
        }

        /// <summary>A bus with its devices; each device names a profile from the catalog. Null with errors on failure.</summary>
        public static ModbusBusConfig ReadBus(JsonValue v, ModbusDeviceProfile[] catalog, string path, ValidationErrors errors)
        {
            int before = errors.Count;
            if (!Object(v, path, s_busKeys, errors)) return null;
            ModbusBusConfig bus = new ModbusBusConfig();
            bus.BaudRate = Int(v, "baud", path, bus.BaudRate, 1, 1000000, errors);
            bus.BitsPerCharacter = Int(v, "bitsPerCharacter", path, bus.BitsPerCharacter, 1, 16, errors);
            bus.ResponseTimeoutMs = Int(v, "responseTimeoutMs", path, bus.ResponseTimeoutMs, 1, 60000, errors);
            bus.Retries = Int(v, "retries", path, bus.Retries, 0, 100, errors);
            bus.TurnaroundDelayMs = Int(v, "turnaroundDelayMs", path, bus.TurnaroundDelayMs, 0, 60000, errors);
            JsonValue devices = v.Get("devices");
            if (devices == null || !devices.IsArray)
            {
                errors.Error(path + ".devices", "json_type", "devices must be an array", "devices 须为数组");
                return null;
            }
            bus.Devices = new ModbusDeviceConfig[devices.Count];
            for (int i = 0; i < devices.Count; i++)
            {
                string dp = path + ".devices[" + i + "]";
                JsonValue dv = devices[i];
                ModbusDeviceConfig d = new ModbusDeviceConfig();
                bus.Devices[i] = d;
                if (!Object(dv, dp, s_deviceKeys, errors)) continue;
                d.Name = Text(dv, "name", dp, true, errors);
                d.Unit = (byte)Int(dv, "unit", dp, 0, 1, 247, errors);
                d.PollIntervalMs = Int(dv, "pollIntervalMs", dp, d.PollIntervalMs, 1, 86400000, errors);
                d.AlarmPollIntervalMs = Int(dv, "alarmPollIntervalMs", dp, d.PollIntervalMs < d.AlarmPollIntervalMs ? d.PollIntervalMs : d.AlarmPollIntervalMs, 1, 86400000, errors);
                d.MissesBeforeFault = Int(dv, "missesBeforeFault", dp, d.MissesBeforeFault, 1, 1000, errors);
                int backoffDefault = d.PollIntervalMs * 8 > d.BackoffMaxMs ? d.PollIntervalMs * 8 : d.BackoffMaxMs;
                d.BackoffMaxMs = Int(dv, "backoffMaxMs", dp, backoffDefault, 1, 86400000, errors);
                d.MaxGapRegisters = Int(dv, "maxGapRegisters", dp, d.MaxGapRegisters, 0, 124, errors);
                string profile = Text(dv, "profile", dp, true, errors);
                if (profile != null)
                {
                    for (int c = 0; c < catalog.Length; c++)
                    {
                        if (catalog[c].Id == profile) d.Profile = catalog[c];
                    }
                    if (d.Profile == null) errors.Error(dp + ".profile", "modbus_unknown_profile", "no device profile '" + profile + "'", "没有设备档案 '" + profile + "'");
                }
            }
            if (errors.Count != before) return null;
            ModbusConfigValidator.Validate(bus, path, errors);
            return errors.HasErrors ? null : bus;
        }

        // The strict member access is the configuration reader's (Config/ConfigReader): one rule for
        // unknown members, types, ranges and their error codes across the whole configuration.
        private static bool Object(JsonValue v, string path, string[] keys, ValidationErrors errors)
        {
            ConfigReader r = new ConfigReader(errors);
            if (!r.ExpectObject(v, path)) return false;
            r.RejectUnknown(v, path, keys);
            return true;
        }

        private static string Text(JsonValue v, string key, string path, bool required, ValidationErrors errors)
        {
            return new ConfigReader(errors).String(v, key, path, required, null);
        }

        private static int Int(JsonValue v, string key, string path, int fallback, int min, int max, ValidationErrors errors)
        {
            return new ConfigReader(errors).Int(v, key, path, false, fallback, min, max);
        }

        private static double Num(JsonValue v, string key, string path, double fallback, ValidationErrors errors)
        {
            return new ConfigReader(errors).Number(v, key, path, false, fallback);
        }
    }
}
