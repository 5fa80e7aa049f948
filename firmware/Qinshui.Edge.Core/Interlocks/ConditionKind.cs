namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Why a zone is not permitted. Each kind is one bit of a zone's cause mask (at most 32).
    /// The first group is evaluated every scan from readings and inputs ("live"); the second
    /// group are one-off events (boot, remote trip, proof test, …) that only a reset clears.
    /// </summary>
    public enum ConditionKind
    {
        /// <summary>A listed channel's reading is bad (no data, comm fault, out of range, sensor fault, warming up).</summary>
        ChannelFault = 0,
        /// <summary>A listed channel's last reading is older than its maximum age (AQ 6201: link failure = over-limit).</summary>
        ChannelStale = 1,
        /// <summary>A listed channel is at or above the zone's permit level (an alarm level active, or the zone's own limit).</summary>
        ChannelAboveLimit = 2,
        /// <summary>A level at or above the permit level latched and awaits its reset (the zone reset clears it).</summary>
        ChannelTripLatched = 3,
        ChannelInhibited = 4,
        CalibrationOverdue = 5,
        /// <summary>The NVR contact is off or its heartbeat timed out: loss of video is loss of monitoring.</summary>
        MonitoringLost = 6,
        PlatformLinkLost = 7,
        CollectorPressureOutOfBand = 8,
        HopperTemperatureHigh = 9,
        AirlockFault = 10,
        WaterLevelLow = 11,
        WaterFlowLow = 12,
        WorkNotAuthorised = 13,
        EmergencyStop = 14,
        /// <summary>An input the zone depends on could not be read.</summary>
        InputUnreadable = 15,
        /// <summary>Commanded on, but no feedback after the settle time.</summary>
        OutputFailed = 16,
        /// <summary>Commanded off, but feedback present after the settle time.</summary>
        WeldedContact = 17,
        /// <summary>The load draws current while its permissive is off.</summary>
        BypassSuspected = 18,
        EnclosureTamper = 19,
        SensorUnplugged = 20,

        // One-off causes: never "live"; cleared by an accepted reset.
        ConfigChangedLocally = 21,
        RemoteTrip = 22,
        ProofTest = 23,
        Boot = 24,
        ScanException = 25,
        SupervisorDeadlineMissed = 26,
        InvalidConfig = 27,

        /// <summary>
        /// Live, like ChannelAboveLimit, for a low-direction level (O2 deficiency): the reading is below the
        /// zone's permit level (issue 13 #12: a low O2 trip is not "above limit").
        /// </summary>
        ChannelBelowLimit = 28,

        /// <summary>
        /// Live: the dust collector's spark detector reports a spark, or its input is open or cannot
        /// be read (a cut wire is a detection: de-energise to trip). Only a reset at the gateway restores.
        /// </summary>
        SparkDetected = 29,
    }

    public static class Conditions
    {
        public const int Count = 30;

        /// <summary>Kinds after which only a reset at the gateway may restore the zone: someone must look.</summary>
        public const int LocalResetOnlyMask =
            (1 << (int)ConditionKind.EmergencyStop) | (1 << (int)ConditionKind.OutputFailed)
            | (1 << (int)ConditionKind.WeldedContact) | (1 << (int)ConditionKind.BypassSuspected)
            | (1 << (int)ConditionKind.EnclosureTamper) | (1 << (int)ConditionKind.SensorUnplugged)
            | (1 << (int)ConditionKind.ConfigChangedLocally) | (1 << (int)ConditionKind.ProofTest)
            | (1 << (int)ConditionKind.ScanException) | (1 << (int)ConditionKind.InvalidConfig)
            | (1 << (int)ConditionKind.SparkDetected);

        /// <summary>Feedback faults: reported as a "fault" event.</summary>
        public const int FaultMask = (1 << (int)ConditionKind.OutputFailed) | (1 << (int)ConditionKind.WeldedContact)
            | (1 << (int)ConditionKind.InputUnreadable);

        /// <summary>Tampering (沁政发〔2026〕1号 (九)): reported as a "tamper" event.</summary>
        public const int TamperMask = (1 << (int)ConditionKind.EnclosureTamper) | (1 << (int)ConditionKind.SensorUnplugged)
            | (1 << (int)ConditionKind.ConfigChangedLocally);

        public static int Bit(ConditionKind k) { return 1 << (int)k; }

        public static string Code(ConditionKind k)
        {
            switch (k)
            {
                case ConditionKind.ChannelFault: return "channel_fault";
                case ConditionKind.ChannelStale: return "channel_stale";
                case ConditionKind.ChannelAboveLimit: return "channel_above_limit";
                case ConditionKind.ChannelTripLatched: return "channel_trip_latched";
                case ConditionKind.ChannelInhibited: return "channel_inhibited";
                case ConditionKind.CalibrationOverdue: return "calibration_overdue";
                case ConditionKind.MonitoringLost: return "monitoring_lost";
                case ConditionKind.PlatformLinkLost: return "platform_link_lost";
                case ConditionKind.CollectorPressureOutOfBand: return "collector_dp_out_of_band";
                case ConditionKind.HopperTemperatureHigh: return "hopper_temperature_high";
                case ConditionKind.AirlockFault: return "airlock_fault";
                case ConditionKind.WaterLevelLow: return "water_level_low";
                case ConditionKind.WaterFlowLow: return "water_flow_low";
                case ConditionKind.WorkNotAuthorised: return "work_not_authorised";
                case ConditionKind.EmergencyStop: return "emergency_stop";
                case ConditionKind.InputUnreadable: return "input_unreadable";
                case ConditionKind.OutputFailed: return "output_failed";
                case ConditionKind.WeldedContact: return "welded_contact";
                case ConditionKind.BypassSuspected: return "bypass_suspected";
                case ConditionKind.EnclosureTamper: return "enclosure_tamper";
                case ConditionKind.SensorUnplugged: return "sensor_unplugged";
                case ConditionKind.ConfigChangedLocally: return "config_changed_locally";
                case ConditionKind.RemoteTrip: return "remote_trip";
                case ConditionKind.ProofTest: return "proof_test";
                case ConditionKind.Boot: return "boot";
                case ConditionKind.ScanException: return "scan_exception";
                case ConditionKind.SupervisorDeadlineMissed: return "supervisor_deadline_missed";
                case ConditionKind.InvalidConfig: return "invalid_config";
                case ConditionKind.ChannelBelowLimit: return "channel_below_limit";
                case ConditionKind.SparkDetected: return "spark_detected";
                default: return "unknown";
            }
        }

        public static string English(ConditionKind k)
        {
            switch (k)
            {
                case ConditionKind.ChannelFault: return "sensor reading bad or missing";
                case ConditionKind.ChannelStale: return "sensor reading too old";
                case ConditionKind.ChannelAboveLimit: return "reading at or above the zone's permit level";
                case ConditionKind.ChannelTripLatched: return "alarm level latched, awaiting reset";
                case ConditionKind.ChannelInhibited: return "sensor inhibited: not monitoring";
                case ConditionKind.CalibrationOverdue: return "sensor calibration overdue";
                case ConditionKind.MonitoringLost: return "video monitoring lost";
                case ConditionKind.PlatformLinkLost: return "platform link lost beyond its grace period";
                case ConditionKind.CollectorPressureOutOfBand: return "dust collector differential pressure outside its band";
                case ConditionKind.HopperTemperatureHigh: return "dust collector hopper temperature high";
                case ConditionKind.AirlockFault: return "airlock / ash discharge fault";
                case ConditionKind.WaterLevelLow: return "wet collector water level low";
                case ConditionKind.WaterFlowLow: return "wet collector water flow low";
                case ConditionKind.WorkNotAuthorised: return "work not authorised";
                case ConditionKind.EmergencyStop: return "emergency stop";
                case ConditionKind.InputUnreadable: return "input cannot be read";
                case ConditionKind.OutputFailed: return "output commanded on but no feedback";
                case ConditionKind.WeldedContact: return "output commanded off but feedback present (welded contact)";
                case ConditionKind.BypassSuspected: return "load draws current while its permissive is off: bypass suspected";
                case ConditionKind.EnclosureTamper: return "enclosure opened";
                case ConditionKind.SensorUnplugged: return "sensor unplugged";
                case ConditionKind.ConfigChangedLocally: return "configuration changed locally";
                case ConditionKind.RemoteTrip: return "trip requested by the platform";
                case ConditionKind.ProofTest: return "proof test: simulated over-limit";
                case ConditionKind.Boot: return "gateway started: outputs off until reset";
                case ConditionKind.ScanException: return "internal error in the scan";
                case ConditionKind.SupervisorDeadlineMissed: return "scan missed its supervisor deadline";
                case ConditionKind.InvalidConfig: return "interlock configuration invalid";
                case ConditionKind.ChannelBelowLimit: return "reading below the zone's permit level (low limit, e.g. oxygen deficiency)";
                case ConditionKind.SparkDetected: return "spark detected in the dust collection line (or its detector input open / unreadable)";
                default: return "unknown";
            }
        }

        public static string Chinese(ConditionKind k)
        {
            switch (k)
            {
                case ConditionKind.ChannelFault: return "传感器数据故障或缺失";
                case ConditionKind.ChannelStale: return "传感器数据过期";
                case ConditionKind.ChannelAboveLimit: return "读数达到或超过区域许可限值";
                case ConditionKind.ChannelTripLatched: return "报警级别已锁存，等待复位";
                case ConditionKind.ChannelInhibited: return "传感器被屏蔽：未在监测";
                case ConditionKind.CalibrationOverdue: return "传感器标校过期";
                case ConditionKind.MonitoringLost: return "视频监控中断";
                case ConditionKind.PlatformLinkLost: return "平台链路中断超过宽限时间";
                case ConditionKind.CollectorPressureOutOfBand: return "除尘器压差超出范围";
                case ConditionKind.HopperTemperatureHigh: return "除尘器灰斗温度过高";
                case ConditionKind.AirlockFault: return "锁气卸灰故障";
                case ConditionKind.WaterLevelLow: return "湿式除尘器水位过低";
                case ConditionKind.WaterFlowLow: return "湿式除尘器循环水流量过低";
                case ConditionKind.WorkNotAuthorised: return "作业未获授权";
                case ConditionKind.EmergencyStop: return "急停";
                case ConditionKind.InputUnreadable: return "输入无法读取";
                case ConditionKind.OutputFailed: return "输出已命令接通但无反馈";
                case ConditionKind.WeldedContact: return "输出已命令断开但仍有反馈（触点粘连）";
                case ConditionKind.BypassSuspected: return "许可断开时负载仍有电流：疑似旁路";
                case ConditionKind.EnclosureTamper: return "机箱被打开";
                case ConditionKind.SensorUnplugged: return "传感器被拔出";
                case ConditionKind.ConfigChangedLocally: return "配置在本地被修改";
                case ConditionKind.RemoteTrip: return "平台请求断电";
                case ConditionKind.ProofTest: return "联锁试验：模拟超限";
                case ConditionKind.Boot: return "网关启动：复位前输出断开";
                case ConditionKind.ScanException: return "扫描内部错误";
                case ConditionKind.SupervisorDeadlineMissed: return "扫描超过看门狗期限";
                case ConditionKind.InvalidConfig: return "联锁配置无效";
                case ConditionKind.ChannelBelowLimit: return "读数低于区域许可下限（如缺氧）";
                case ConditionKind.SparkDetected: return "除尘管道探测到火花（或火花探测输入断线/无法读取）";
                default: return "未知";
            }
        }

        /// <summary>The rule a condition kind comes from (channel conditions cite the channel's profile instead).</summary>
        public static string Standard(ConditionKind k)
        {
            switch (k)
            {
                case ConditionKind.ChannelStale: return "AQ 6201-2019: sensor or link failure treated as over-limit (故障闭锁)";
                case ConditionKind.ChannelFault: return "AQ 6201-2019: sensor or link failure treated as over-limit (故障闭锁)";
                case ConditionKind.ChannelInhibited:
                case ConditionKind.MonitoringLost:
                    return "沁政发〔2026〕1号 (四) 无监控不作业";
                case ConditionKind.CalibrationOverdue: return "AQ 1029-2019: sensors calibrated in date";
                case ConditionKind.PlatformLinkLost: return "沁政发〔2026〕1号 (七)(二十) 监测预警平台";
                case ConditionKind.CollectorPressureOutOfBand:
                case ConditionKind.HopperTemperatureHigh:
                case ConditionKind.AirlockFault:
                case ConditionKind.WaterLevelLow:
                case ConditionKind.WaterFlowLow:
                    return "GB 15577-2018; 工贸企业粉尘防爆安全规定 (site assessment values)";
                case ConditionKind.WorkNotAuthorised: return "GB 30871-2022 hot-work / confined-space permit";
                case ConditionKind.EmergencyStop: return "GB 15577-2018 §7.1.2: an emergency cuts all drives";
                case ConditionKind.SparkDetected: return "GB 15577-2018; 工贸企业粉尘防爆安全规定: spark detection and extinguishing where required; an emergency cuts all drives";
                case ConditionKind.BypassSuspected:
                case ConditionKind.EnclosureTamper:
                case ConditionKind.SensorUnplugged:
                case ConditionKind.ConfigChangedLocally:
                    return "沁政发〔2026〕1号 (九) 关闭、破坏监控报警设备";
                case ConditionKind.ProofTest: return "AQ 1029-2019 / AQ 6201-2019: CH4 power interlock tested every 15 days";
                default: return "de-energise to trip (ARCHITECTURE.md safety principle 1)";
            }
        }
    }
}
