using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Validates the interlock configuration against the channels it refers to. Returns every
    /// error with its JSON path (e.g. <c>interlocks.zones[1].outputIds[0]</c>); the engine
    /// refuses to energise anything while any error remains.
    /// </summary>
    public static class ZoneValidator
    {
        public static void Validate(InterlockConfig config, ChannelConfig[] channels, string basePath, ValidationErrors errors)
        {
            if (config == null)
            {
                errors.Error(basePath, "missing", "the interlock configuration is missing", "缺少联锁配置");
                return;
            }
            if (config.Zones == null) errors.Error(basePath + ".zones", "missing", "zones are missing", "缺少区域");
            if (config.Outputs == null) errors.Error(basePath + ".outputs", "missing", "outputs are missing", "缺少输出");
            if (config.Inputs == null) errors.Error(basePath + ".inputs", "missing", "inputs are missing", "缺少输入");
            if (config.Zones == null || config.Outputs == null || config.Inputs == null) return;
            if (config.ScanDeadlineMs <= 0 || config.ScanDeadlineMs > InterlockConfig.DefaultScanDeadlineMs)
            {
                errors.Error(basePath + ".scanDeadlineMs", "out_of_range",
                    "scanDeadlineMs must be 1–2000 ms (AQ 6201-2019: over-limit power cut within 2 s); found " + config.ScanDeadlineMs,
                    "scanDeadlineMs 应为 1–2000 ms（AQ 6201-2019：超限断电 ≤ 2 s）；实际 " + config.ScanDeadlineMs);
            }

            ValidateInputs(config, basePath, errors);

            int[] owner = new int[config.Outputs.Length];
            for (int i = 0; i < owner.Length; i++) owner[i] = -1;
            for (int i = 0; i < config.Outputs.Length; i++) ValidateOutput(config, i, channels, basePath, errors);

            for (int z = 0; z < config.Zones.Length; z++)
            {
                string p = basePath + ".zones[" + z + "]";
                ZoneConfig zc = config.Zones[z];
                if (zc == null) { errors.Error(p, "missing", "zone is missing", "区域缺失"); continue; }
                CheckId(zc.Id, p + ".id", "zone", errors);
                for (int j = 0; j < z; j++)
                {
                    if (config.Zones[j] != null && zc.Id != null && config.Zones[j].Id == zc.Id) Duplicate(errors, p + ".id", zc.Id, basePath + ".zones[" + j + "]");
                }
                ValidateZone(config, zc, z, owner, channels, p, basePath, errors);
            }
            for (int o = 0; o < owner.Length; o++)
            {
                if (owner[o] < 0 && config.Outputs[o] != null)
                {
                    errors.Warning(basePath + ".outputs[" + o + "]", "output_unused",
                        "output '" + config.Outputs[o].Id + "' belongs to no zone: it stays off",
                        "输出 '" + config.Outputs[o].Id + "' 不属于任何区域：保持断开");
                }
            }
        }

        /// <summary>Every input has an id of its own.</summary>
        private static void ValidateInputs(InterlockConfig config, string basePath, ValidationErrors errors)
        {
            for (int i = 0; i < config.Inputs.Length; i++)
            {
                string p = basePath + ".inputs[" + i + "]";
                InputConfig ic = config.Inputs[i];
                if (ic == null) { errors.Error(p, "missing", "input is missing", "输入缺失"); continue; }
                CheckId(ic.Id, p + ".id", "input", errors);
                for (int j = 0; j < i; j++)
                {
                    if (config.Inputs[j] != null && ic.Id != null && config.Inputs[j].Id == ic.Id) Duplicate(errors, p + ".id", ic.Id, basePath + ".inputs[" + j + "]");
                }
            }
        }

        /// <summary>One output: id, feedback and load-current references, feedback settle time.</summary>
        private static void ValidateOutput(InterlockConfig config, int i, ChannelConfig[] channels, string basePath, ValidationErrors errors)
        {
            string p = basePath + ".outputs[" + i + "]";
            OutputConfig oc = config.Outputs[i];
            if (oc == null) { errors.Error(p, "missing", "output is missing", "输出缺失"); return; }
            CheckId(oc.Id, p + ".id", "output", errors);
            for (int j = 0; j < i; j++)
            {
                if (config.Outputs[j] != null && oc.Id != null && config.Outputs[j].Id == oc.Id) Duplicate(errors, p + ".id", oc.Id, basePath + ".outputs[" + j + "]");
            }
            InputRef(config, oc.FeedbackInputId, p + ".feedbackInputId", errors);
            InputRef(config, oc.LoadCurrentInputId, p + ".loadCurrentInputId", errors);
            if (oc.FeedbackSettleMs <= 0 || oc.FeedbackSettleMs > 10000)
            {
                errors.Error(p + ".feedbackSettleMs", "out_of_range",
                    "feedbackSettleMs must be 1–10000 ms; found " + oc.FeedbackSettleMs,
                    "feedbackSettleMs 应为 1–10000 ms；实际 " + oc.FeedbackSettleMs);
            }
            if (oc.LoadCurrentChannelId != null)
            {
                ChannelRef(channels, oc.LoadCurrentChannelId, p + ".loadCurrentChannelId", errors);
                if (!IsFinite(oc.LoadCurrentThresholdAmps) || oc.LoadCurrentThresholdAmps <= 0)
                {
                    errors.Error(p + ".loadCurrentThresholdAmps", "required",
                        "a load-current channel needs a positive threshold in A", "负载电流通道需要正的阈值（A）");
                }
            }
            if (oc.FeedbackInputId == null)
            {
                errors.Warning(p + ".feedbackInputId", "no_feedback",
                    "output " + oc.Id + " has no feedback: a failed or welded contact and the proof test cannot be confirmed",
                    "输出 " + oc.Id + " 没有反馈：无法检测触点故障或粘连，也无法确认联锁试验");
            }
        }

        /// <summary>The zone's permissive outputs exist, and each belongs to this zone only (owner: zone of each output).</summary>
        private static void ClaimOutputs(InterlockConfig config, ZoneConfig zc, int z, int[] owner, string p, string basePath, ValidationErrors errors)
        {
            if (zc.OutputIds == null || zc.OutputIds.Length == 0)
            {
                errors.Error(p + ".outputIds", "required", "a zone needs at least one permissive output", "区域至少需要一个许可输出");
            }
            else
            {
                for (int i = 0; i < zc.OutputIds.Length; i++)
                {
                    string op = p + ".outputIds[" + i + "]";
                    int o = config.IndexOfOutput(zc.OutputIds[i]);
                    if (o < 0)
                    {
                        Unknown(errors, op, "output", zc.OutputIds[i]);
                    }
                    else if (owner[o] >= 0)
                    {
                        errors.Error(op, "output_shared",
                            "output '" + zc.OutputIds[i] + "' is already driven by " + basePath + ".zones[" + owner[o] + "]; an output belongs to one zone",
                            "输出 '" + zc.OutputIds[i] + "' 已由 " + basePath + ".zones[" + owner[o] + "] 控制；一个输出只能属于一个区域");
                    }
                    else
                    {
                        owner[o] = z;
                    }
                }
            }
        }

        /// <summary>The zone's channels exist and have a level at or above the zone's permit level (or a zone limit).</summary>
        private static void ValidateZoneChannels(InterlockConfig config, ZoneConfig zc, ChannelConfig[] channels, string p, ValidationErrors errors)
        {
            if (!zc.HasChannelList)
            {
                errors.Error(p + ".channels", "missing", "channels are missing (use an empty list)", "缺少通道列表（可为空）");
            }
            else
            {
                for (int i = 0; i < zc.ChannelCount; i++)
                {
                    string cp = p + ".channels[" + i + "]";
                    if (zc.IsChannelMissing(i)) { errors.Error(cp, "missing", "channel entry is missing", "通道条目缺失"); continue; }
                    string id = zc.ChannelId(i);
                    LevelKind permit = zc.PermitLevel(i);
                    int c = ChannelRef(channels, id, cp + ".channelId", errors);
                    if (c >= 0 && !zc.HasLimit(i) && !HasLevelAtOrAbove(channels[c], permit))
                    {
                        errors.Error(cp + ".permitLevel", "no_such_level",
                            "channel '" + id + "' has no level of kind " + LevelNames.Kind(permit) + " or higher: it would never take the permit away",
                            "通道 '" + id + "' 没有 " + LevelNames.Kind(permit) + " 或更高级别：永远不会撤销许可");
                    }
                    if (zc.HasLimit(i) && !IsFinite(zc.Limit(i)))
                    {
                        errors.Error(cp + ".limit", "not_a_number", "the zone limit must be a finite number", "区域限值必须是有限数值");
                    }
                    InputRef(config, zc.PresenceInputId(i), cp + ".presenceInputId", errors);
                }
            }
        }

        private static void ValidateZone(InterlockConfig config, ZoneConfig zc, int z, int[] owner, ChannelConfig[] channels,
            string p, string basePath, ValidationErrors errors)
        {
            ClaimOutputs(config, zc, z, owner, p, basePath, errors);
            ValidateZoneChannels(config, zc, channels, p, errors);

            if (zc.RequiresMonitoring && zc.MonitoringInputId == null && zc.MonitoringHeartbeatTimeoutMs <= 0)
            {
                errors.Error(p + ".monitoringInputId", "monitoring_missing",
                    "the zone requires monitoring but has neither an NVR input nor a heartbeat timeout (无监控不作业)",
                    "区域要求监控，但既没有 NVR 输入也没有心跳超时（无监控不作业）");
            }
            InputRef(config, zc.MonitoringInputId, p + ".monitoringInputId", errors);
            if (zc.MonitoringHeartbeatTimeoutMs < 0) Negative(errors, p + ".monitoringHeartbeatTimeoutMs");
            if (zc.PlatformLinkGraceMs < 0) Negative(errors, p + ".platformLinkGraceMs");
            else if (zc.PlatformLinkGraceMs == 0)
            {
                errors.Warning(p + ".platformLinkGraceMs", "link_not_supervised",
                    "zone '" + zc.Id + "' does not require the platform link (site without network); the birth message says so",
                    "区域 '" + zc.Id + "' 不要求平台链路（无网络现场）；上线消息中会注明");
            }
            InputRef(config, zc.EnclosureTamperInputId, p + ".enclosureTamperInputId", errors);
            if (zc.EmergencyStopInputIds == null) errors.Error(p + ".emergencyStopInputIds", "missing", "use an empty list", "请使用空列表");
            else
            {
                for (int i = 0; i < zc.EmergencyStopInputIds.Length; i++)
                {
                    string ep = p + ".emergencyStopInputIds[" + i + "]";
                    if (zc.EmergencyStopInputIds[i] == null) Unknown(errors, ep, "input", "null");
                    else InputRef(config, zc.EmergencyStopInputIds[i], ep, errors);
                }
            }
            if (zc.SettleMs < 0 || zc.SettleMs > 3600000)
            {
                errors.Error(p + ".settleMs", "out_of_range", "settleMs must be 0–3600000 ms; found " + zc.SettleMs,
                    "settleMs 应为 0–3600000 ms；实际 " + zc.SettleMs);
            }
            if (zc.ProofTestTimeoutMs <= 0 || zc.ProofTestTimeoutMs > ZoneConfig.DefaultProofTestTimeoutMs)
            {
                errors.Error(p + ".proofTestTimeoutMs", "out_of_range",
                    "proofTestTimeoutMs must be 1–2000 ms (AQ 6201-2019: power cut within 2 s); found " + zc.ProofTestTimeoutMs,
                    "proofTestTimeoutMs 应为 1–2000 ms（AQ 6201-2019：断电 ≤ 2 s）；实际 " + zc.ProofTestTimeoutMs);
            }
            if (zc.ProofTestIntervalMs <= 0 || zc.ProofTestIntervalMs > ZoneConfig.DefaultProofTestIntervalMs)
            {
                errors.Error(p + ".proofTestIntervalMs", "looser_than_standard",
                    "proofTestIntervalMs must be positive and at most 15 days (AQ 1029-2019)",
                    "proofTestIntervalMs 必须为正且不超过 15 天（AQ 1029-2019）");
            }
            if (zc.Collector != null) ValidateCollector(config, zc.Collector, channels, p + ".collector", errors);
        }

        private static void ValidateCollector(InterlockConfig config, DustCollectorConfig c, ChannelConfig[] channels, string p, ValidationErrors errors)
        {
            // GB 15577-2018 gives no national figures: every value must come from the site (no silent default).
            ChannelRef(channels, c.DpChannelId, p + ".dpChannelId", errors);
            Required(errors, p + ".dpMinPa", c.DpMinPa);
            Required(errors, p + ".dpMaxPa", c.DpMaxPa);
            if (IsFinite(c.DpMinPa) && IsFinite(c.DpMaxPa) && c.DpMinPa >= c.DpMaxPa)
            {
                errors.Error(p + ".dpMaxPa", "band_empty", "dpMaxPa must be above dpMinPa", "dpMaxPa 必须大于 dpMinPa");
            }
            ChannelRef(channels, c.HopperTemperatureChannelId, p + ".hopperTemperatureChannelId", errors);
            Required(errors, p + ".hopperTemperatureMaxC", c.HopperTemperatureMaxC);
            if (c.AirlockFaultInputId == null)
            {
                errors.Error(p + ".airlockFaultInputId", "required", "a dust collector needs its airlock / ash discharge fault input",
                    "除尘器需要锁气卸灰故障输入");
            }
            else InputRef(config, c.AirlockFaultInputId, p + ".airlockFaultInputId", errors);
            if (c.SparkDetectorInputId != null) ValidateSparkInput(config, c.SparkDetectorInputId, p + ".sparkDetectorInputId", errors);
            if (c.Wet)
            {
                ChannelRef(channels, c.WaterLevelChannelId, p + ".waterLevelChannelId", errors);
                Required(errors, p + ".waterLevelMinMm", c.WaterLevelMinMm);
                ChannelRef(channels, c.WaterFlowChannelId, p + ".waterFlowChannelId", errors);
                Required(errors, p + ".waterFlowMinM3h", c.WaterFlowMinM3h);
            }
            CheckUnit(channels, c.DpChannelId, Unit.Pascal, p + ".dpChannelId", errors);
            CheckUnit(channels, c.HopperTemperatureChannelId, Unit.DegreesCelsius, p + ".hopperTemperatureChannelId", errors);
            if (c.Wet)
            {
                CheckUnit(channels, c.WaterLevelChannelId, Unit.Millimetres, p + ".waterLevelChannelId", errors);
                CheckUnit(channels, c.WaterFlowChannelId, Unit.CubicMetresPerHour, p + ".waterFlowChannelId", errors);
            }
        }

        private static bool HasLevelAtOrAbove(ChannelConfig c, LevelKind kind)
        {
            if (c.Levels == null) return false;
            for (int i = 0; i < c.Levels.Length; i++)
            {
                if (c.Levels[i] != null && (int)c.Levels[i].Kind >= (int)kind) return true;
            }
            return false;
        }

        private static void CheckId(string id, string path, string what, ValidationErrors errors)
        {
            if (id == null || id.Length == 0) errors.Error(path, "id_missing", "a " + what + " needs an id", what + " 需要 id");
        }

        private static void Duplicate(ValidationErrors errors, string path, string id, string other)
        {
            errors.Error(path, "duplicate_id", "id '" + id + "' is already used by " + other, "id '" + id + "' 已被 " + other + " 使用");
        }

        private static void Unknown(ValidationErrors errors, string path, string what, string id)
        {
            errors.Error(path, "unknown_" + what, "no " + what + " with id '" + id + "'", "不存在 id 为 '" + id + "' 的" + (what == "input" ? "输入" : what == "output" ? "输出" : "通道"));
        }

        private static void InputRef(InterlockConfig config, string id, string path, ValidationErrors errors)
        {
            if (id != null && config.IndexOfInput(id) < 0) Unknown(errors, path, "input", id);
        }

        /// <summary>
        /// The spark detector's input must exist and be wired fail-safe: its healthy contact normally
        /// closed and the input inverted, so a cut wire reads as a spark (de-energise to trip).
        /// </summary>
        private static void ValidateSparkInput(InterlockConfig config, string id, string path, ValidationErrors errors)
        {
            int index = config.IndexOfInput(id);
            if (index < 0) { Unknown(errors, path, "input", id); return; }
            if (!config.Inputs[index].Inverted)
            {
                errors.Error(path, "not_fail_safe",
                    "the spark detector input must be wired normally closed and marked inverted, so a cut wire reads as a spark",
                    "火花探测输入必须按常闭接线并设为 inverted，断线即视为探测到火花");
            }
        }

        private static int ChannelRef(ChannelConfig[] channels, string id, string path, ValidationErrors errors)
        {
            if (id == null)
            {
                errors.Error(path, "required", "a channel id is required", "需要通道 id");
                return -1;
            }
            for (int i = 0; i < channels.Length; i++)
            {
                if (channels[i] != null && channels[i].Id == id) return i;
            }
            Unknown(errors, path, "channel", id);
            return -1;
        }

        private static void CheckUnit(ChannelConfig[] channels, string id, Unit unit, string path, ValidationErrors errors)
        {
            for (int i = 0; i < channels.Length; i++)
            {
                if (channels[i] != null && id != null && channels[i].Id == id && channels[i].Unit != unit)
                {
                    errors.Error(path, "wrong_unit",
                        "channel '" + id + "' measures " + Units.Symbol(channels[i].Unit) + "; this signal needs " + Units.Symbol(unit),
                        "通道 '" + id + "' 的单位是 " + Units.Symbol(channels[i].Unit) + "；此信号需要 " + Units.Symbol(unit));
                }
            }
        }

        private static void Required(ValidationErrors errors, string path, double v)
        {
            if (!IsFinite(v))
            {
                errors.Error(path, "required",
                    "a site value is required (GB 15577-2018 sets no national figure; take it from the site's dust-explosion assessment)",
                    "需要现场数值（GB 15577-2018 未规定全国数值；取自企业粉尘防爆评估）");
            }
        }

        private static void Negative(ValidationErrors errors, string path)
        {
            errors.Error(path, "out_of_range", "must not be negative", "不能为负数");
        }

        private static bool IsFinite(double v)
        {
            return !double.IsNaN(v) && !double.IsInfinity(v);
        }
    }
}
