using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>Reads the "interlocks" section: permissive outputs, contact inputs and zones.</summary>
    public static class InterlockConfigReader
    {
        private static readonly string[] s_members = { "scanDeadlineMs", "outputs", "inputs", "zones" };
        private static readonly string[] s_output = { "id", "feedbackInput", "feedbackSettleMs", "loadCurrentChannel", "loadCurrentThresholdAmps", "loadCurrentInput" };
        private static readonly string[] s_input = { "id", "inverted" };
        private static readonly string[] s_zone =
        {
            "id", "title", "channels", "outputs", "monitoringInput", "monitoringHeartbeatTimeoutMs", "platformLinkGraceMs", "collector",
            "requiresWorkAuthorisation", "emergencyStopInputs", "enclosureTamperInput", "settleMs", "allowRemoteReset", "proofTestTimeoutMs", "proofTestIntervalMs",
        };
        private static readonly string[] s_zoneChannel = { "channel", "permitLevel", "limit", "limitStandard", "presenceInput" };
        private static readonly string[] s_collector =
        {
            "dpChannel", "dpMinPa", "dpMaxPa", "hopperTemperatureChannel", "hopperTemperatureMaxC", "airlockFaultInput", "sparkDetectorInput",
            "wet", "waterLevelChannel", "waterLevelMinMm", "waterFlowChannel", "waterFlowMinM3h", "standard",
        };

        public static InterlockConfig Read(JsonValue v, string path, ConfigReader r)
        {
            if (v == null) return new InterlockConfig(new ZoneConfig[0], new OutputConfig[0], new InputConfig[0]);
            if (!r.ExpectObject(v, path)) return null;
            r.RejectUnknown(v, path, s_members);

            JsonValue outs = r.Array(v, "outputs", path, false);
            OutputConfig[] outputs = new OutputConfig[outs == null ? 0 : outs.Count];
            for (int i = 0; i < outputs.Length; i++)
            {
                string p = ConfigReader.Index(ConfigReader.Join(path, "outputs"), i);
                JsonValue o = outs[i];
                outputs[i] = new OutputConfig(null);
                if (!r.ExpectObject(o, p)) continue;
                r.RejectUnknown(o, p, s_output);
                outputs[i].Id = r.Id(o, "id", p);
                outputs[i].FeedbackInputId = r.String(o, "feedbackInput", p, false, null);
                outputs[i].FeedbackSettleMs = r.Int(o, "feedbackSettleMs", p, false, OutputConfig.DefaultFeedbackSettleMs, 0, 600000);
                outputs[i].LoadCurrentChannelId = r.String(o, "loadCurrentChannel", p, false, null);
                outputs[i].LoadCurrentThresholdAmps = r.Number(o, "loadCurrentThresholdAmps", p, false, double.NaN);
                outputs[i].LoadCurrentInputId = r.String(o, "loadCurrentInput", p, false, null);
            }

            JsonValue ins = r.Array(v, "inputs", path, false);
            InputConfig[] inputs = new InputConfig[ins == null ? 0 : ins.Count];
            for (int i = 0; i < inputs.Length; i++)
            {
                string p = ConfigReader.Index(ConfigReader.Join(path, "inputs"), i);
                JsonValue o = ins[i];
                inputs[i] = new InputConfig(null, false);
                if (!r.ExpectObject(o, p)) continue;
                r.RejectUnknown(o, p, s_input);
                inputs[i].Id = r.Id(o, "id", p);
                inputs[i].Inverted = r.Bool(o, "inverted", p, false, false);
            }

            JsonValue zs = r.Array(v, "zones", path, false);
            ZoneConfig[] zones = new ZoneConfig[zs == null ? 0 : zs.Count];
            for (int i = 0; i < zones.Length; i++)
            {
                zones[i] = ReadZone(zs[i], ConfigReader.Index(ConfigReader.Join(path, "zones"), i), r);
            }
            InterlockConfig config = new InterlockConfig(zones, outputs, inputs);
            config.ScanDeadlineMs = r.Int(v, "scanDeadlineMs", path, false, InterlockConfig.DefaultScanDeadlineMs, 50, 60000);
            return config;
        }

        private static ZoneConfig ReadZone(JsonValue v, string p, ConfigReader r)
        {
            ZoneConfig z = new ZoneConfig(null);
            if (!r.ExpectObject(v, p)) return z;
            r.RejectUnknown(v, p, s_zone);
            z.Id = r.Id(v, "id", p);
            z.Title = r.String(v, "title", p, false, z.Id);
            JsonValue chs = r.Array(v, "channels", p, false);
            ZoneChannel[] channels = new ZoneChannel[chs == null ? 0 : chs.Count];
            for (int i = 0; i < channels.Length; i++)
            {
                string cp = ConfigReader.Index(ConfigReader.Join(p, "channels"), i);
                JsonValue c = chs[i];
                channels[i] = new ZoneChannel(null, LevelKind.Alarm);
                if (!r.ExpectObject(c, cp)) continue;
                r.RejectUnknown(c, cp, s_zoneChannel);
                channels[i].ChannelId = r.String(c, "channel", cp, true, null);
                string level = r.String(c, "permitLevel", cp, false, "alarm");
                LevelKind kind;
                if (!LevelNames.TryParseKind(level, out kind))
                {
                    r.Errors.Error(ConfigReader.Join(cp, "permitLevel"), "level_kind", "permitLevel must be warning, alarm, trip or trip2", "permitLevel 必须是 warning、alarm、trip 或 trip2");
                }
                channels[i].PermitLevel = kind;
                if (c.Has("limit"))
                {
                    channels[i].HasLimit = true;
                    channels[i].Limit = r.Number(c, "limit", cp, true, double.NaN);
                    channels[i].LimitStandard = r.String(c, "limitStandard", cp, false, "site");
                }
                channels[i].PresenceInputId = r.String(c, "presenceInput", cp, false, null);
            }
            z.SetChannels(channels);
            z.OutputIds = Strings(v, "outputs", p, r);
            z.MonitoringInputId = r.String(v, "monitoringInput", p, false, null);
            z.MonitoringHeartbeatTimeoutMs = r.Int(v, "monitoringHeartbeatTimeoutMs", p, false, 0, 0, 3600000);
            z.RequiresMonitoring = z.MonitoringInputId != null || z.MonitoringHeartbeatTimeoutMs > 0;
            z.PlatformLinkGraceMs = r.Int(v, "platformLinkGraceMs", p, false, 0, 0, 24 * 3600000);
            JsonValue col = r.Object(v, "collector", p, false);
            if (col != null) z.Collector = ReadCollector(col, ConfigReader.Join(p, "collector"), r);
            z.RequiresWorkAuthorisation = r.Bool(v, "requiresWorkAuthorisation", p, false, false);
            z.EmergencyStopInputIds = Strings(v, "emergencyStopInputs", p, r);
            z.EnclosureTamperInputId = r.String(v, "enclosureTamperInput", p, false, null);
            z.SettleMs = r.Int(v, "settleMs", p, false, ZoneConfig.DefaultSettleMs, 0, 24 * 3600000);
            z.AllowRemoteReset = r.Bool(v, "allowRemoteReset", p, false, false);
            z.ProofTestTimeoutMs = r.Int(v, "proofTestTimeoutMs", p, false, ZoneConfig.DefaultProofTestTimeoutMs, 1, 600000);
            double interval = r.Number(v, "proofTestIntervalMs", p, false, ZoneConfig.DefaultProofTestIntervalMs);
            z.ProofTestIntervalMs = (long)interval;
            return z;
        }

        private static DustCollectorConfig ReadCollector(JsonValue v, string p, ConfigReader r)
        {
            r.RejectUnknown(v, p, s_collector);
            DustCollectorConfig c = new DustCollectorConfig();
            c.DpChannelId = r.String(v, "dpChannel", p, false, null);
            c.DpMinPa = r.Number(v, "dpMinPa", p, false, double.NaN);
            c.DpMaxPa = r.Number(v, "dpMaxPa", p, false, double.NaN);
            c.HopperTemperatureChannelId = r.String(v, "hopperTemperatureChannel", p, false, null);
            c.HopperTemperatureMaxC = r.Number(v, "hopperTemperatureMaxC", p, false, double.NaN);
            c.AirlockFaultInputId = r.String(v, "airlockFaultInput", p, false, null);
            c.SparkDetectorInputId = r.String(v, "sparkDetectorInput", p, false, null);
            c.Wet = r.Bool(v, "wet", p, false, false);
            c.WaterLevelChannelId = r.String(v, "waterLevelChannel", p, false, null);
            c.WaterLevelMinMm = r.Number(v, "waterLevelMinMm", p, false, double.NaN);
            c.WaterFlowChannelId = r.String(v, "waterFlowChannel", p, false, null);
            c.WaterFlowMinM3h = r.Number(v, "waterFlowMinM3h", p, false, double.NaN);
            c.Standard = r.String(v, "standard", p, false, c.Standard);
            return c;
        }

        /// <summary>One empty list for every absent one (24 B each on nanoFramework, docs/memory.md).</summary>
        private static readonly string[] NoStrings = new string[0];

        internal static string[] Strings(JsonValue v, string key, string path, ConfigReader r)
        {
            JsonValue a = r.Array(v, key, path, false);
            if (a == null) return NoStrings;
            string[] s = new string[a.Count];
            for (int i = 0; i < s.Length; i++)
            {
                if (a[i].Kind != JsonKind.String)
                {
                    r.Errors.Error(ConfigReader.Index(ConfigReader.Join(path, key), i), "type", "must be a string", "必须是字符串");
                    continue;
                }
                s[i] = a[i].Text;
            }
            return s;
        }
    }
}
