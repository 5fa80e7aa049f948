using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Reading a zone's live causes. The engine keeps per cause only its kind with a detail and a
    /// subject index, and per channel reference the reading it saw (docs/memory.md: an array of
    /// Cause structs would be boxed per element on nanoFramework); everything else is derived
    /// here from the configuration. Nothing here allocates.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        // ---------------------------------------------------------------- causes

        /// <summary>The code (kind | detail &lt;&lt; 5) of the zone's i-th live cause; throws outside 0 &lt;= i &lt; LiveCount.</summary>
        private int Code(int zone, int i)
        {
            if (zone < 0 || zone >= ZoneCount || i < 0 || i >= LiveCount(zone)) throw new IndexOutOfRangeException();
            return _table.CauseCode(zone, i);
        }

        private static int Detail(int code) { return code >> DetailShift; }
        private static ConditionKind KindOf(int code) { return (ConditionKind)(code & KindMask); }

        /// <summary>The condition of the zone's i-th live cause (0 &lt;= i &lt; State(zone).LiveCount).</summary>
        public ConditionKind CauseKind(int zone, int i) { return KindOf(Code(zone, i)); }

        /// <summary>Id of the channel, input, output or zone concerned (a configuration string: no allocation).</summary>
        public string CauseSubject(int zone, int i)
        {
            int code = Code(zone, i);
            int subject = _table.CauseSubject(zone, i);
            switch (KindOf(code))
            {
                case ConditionKind.ChannelFault:
                case ConditionKind.ChannelStale:
                case ConditionKind.ChannelTripLatched:
                case ConditionKind.ChannelInhibited:
                case ConditionKind.CalibrationOverdue:
                case ConditionKind.CollectorPressureOutOfBand:
                case ConditionKind.HopperTemperatureHigh:
                case ConditionKind.WaterLevelLow:
                case ConditionKind.WaterFlowLow:
                    return _alarms.ChannelId(ReferencedChannel(zone, subject));
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return Detail(code) == DetailZoneLimit ? Config(zone).ChannelId(subject) : _alarms.ChannelId(ReferencedChannel(zone, subject));
                case ConditionKind.MonitoringLost:
                    return Detail(code) == DetailHeartbeat ? "heartbeat" : _config.Inputs[subject].Id;
                case ConditionKind.PlatformLinkLost:
                    return "platform";
                case ConditionKind.WorkNotAuthorised:
                    return Config(zone).Id;
                case ConditionKind.OutputFailed:
                case ConditionKind.WeldedContact:
                case ConditionKind.BypassSuspected:
                    return _config.Outputs[ZoneOutput(zone, subject)].Id;
                default:
                    return _config.Inputs[subject].Id;
            }
        }

        /// <summary>The value seen by the evaluation that found the cause (NaN when the condition has none).</summary>
        public double CauseValue(int zone, int i)
        {
            int code = Code(zone, i);
            int subject = _table.CauseSubject(zone, i);
            int detail = Detail(code);
            int reading = ReadingSlot(zone, subject);
            switch (KindOf(code))
            {
                case ConditionKind.ChannelFault:
                    // Without a reading there is no value (its age was kept as NaN).
                    return double.IsNaN(Seen(zone, reading + 1)) ? double.NaN : Seen(zone, reading);
                case ConditionKind.ChannelStale: return Seen(zone, reading + 1);
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                case ConditionKind.ChannelTripLatched:
                case ConditionKind.CollectorPressureOutOfBand:
                case ConditionKind.HopperTemperatureHigh:
                case ConditionKind.WaterLevelLow:
                case ConditionKind.WaterFlowLow:
                    return Seen(zone, reading);
                case ConditionKind.MonitoringLost: return detail == DetailHeartbeat ? Seen(zone, HeartbeatAgeSlot) : double.NaN;
                case ConditionKind.PlatformLinkLost: return Seen(zone, LinkAgeSlot(zone));
                case ConditionKind.OutputFailed: return 0;
                case ConditionKind.WeldedContact: return 1;
                case ConditionKind.SparkDetected: return detail == DetailInputUnreadable ? double.NaN : 1;
                case ConditionKind.BypassSuspected:
                    return detail == DetailLoadInput ? double.NaN : Seen(zone, ReadingSlot(zone, LoadReference(zone, subject)));
                default: return double.NaN;
            }
        }

        /// <summary>The limit the value was compared with, from the configuration (NaN when none).</summary>
        public double CauseThreshold(int zone, int i)
        {
            int code = Code(zone, i);
            int subject = _table.CauseSubject(zone, i);
            int detail = Detail(code);
            ZoneConfig zoneConfig = Config(zone);
            switch (KindOf(code))
            {
                case ConditionKind.ChannelStale: return _alarms.MaxAgeMs(ReferencedChannel(zone, subject));
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return detail == DetailZoneLimit ? zoneConfig.Limit(subject) : LevelThreshold(ReferencedChannel(zone, subject), detail);
                case ConditionKind.ChannelTripLatched: return LevelThreshold(ReferencedChannel(zone, subject), detail);
                case ConditionKind.MonitoringLost: return detail == DetailHeartbeat ? zoneConfig.MonitoringHeartbeatTimeoutMs : double.NaN;
                case ConditionKind.PlatformLinkLost: return zoneConfig.PlatformLinkGraceMs;
                case ConditionKind.CollectorPressureOutOfBand: return detail == DetailAboveBand ? zoneConfig.Collector.DpMaxPa : zoneConfig.Collector.DpMinPa;
                case ConditionKind.HopperTemperatureHigh: return zoneConfig.Collector.HopperTemperatureMaxC;
                case ConditionKind.WaterLevelLow: return zoneConfig.Collector.WaterLevelMinMm;
                case ConditionKind.WaterFlowLow: return zoneConfig.Collector.WaterFlowMinM3h;
                case ConditionKind.OutputFailed: return 1;
                case ConditionKind.WeldedContact: return 0;
                case ConditionKind.BypassSuspected:
                    return detail == DetailLoadInput ? double.NaN : _config.Outputs[ZoneOutput(zone, subject)].LoadCurrentThresholdAmps;
                default: return double.NaN;
            }
        }

        /// <summary>Unit symbol of value and threshold ("" when none).</summary>
        public string CauseUnit(int zone, int i)
        {
            int code = Code(zone, i);
            int subject = _table.CauseSubject(zone, i);
            int detail = Detail(code);
            switch (KindOf(code))
            {
                case ConditionKind.ChannelFault:
                case ConditionKind.ChannelTripLatched:
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return UnitOf(ReferencedChannel(zone, subject));
                case ConditionKind.ChannelStale:
                case ConditionKind.PlatformLinkLost:
                    return "ms";
                case ConditionKind.MonitoringLost: return detail == DetailHeartbeat ? "ms" : "";
                case ConditionKind.CollectorPressureOutOfBand: return "Pa";
                case ConditionKind.HopperTemperatureHigh: return "degC";
                case ConditionKind.WaterLevelLow: return "mm";
                case ConditionKind.WaterFlowLow: return "m3/h";
                case ConditionKind.BypassSuspected: return detail == DetailLoadInput ? "" : "A";
                default: return "";
            }
        }

        /// <summary>The rule the cause comes from: the zone limit's, the channel profile's, the collector's, or the condition's.</summary>
        public string CauseStandard(int zone, int i)
        {
            int code = Code(zone, i);
            int subject = _table.CauseSubject(zone, i);
            ConditionKind kind = KindOf(code);
            string standard = null;
            switch (kind)
            {
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    standard = Detail(code) == DetailZoneLimit ? Config(zone).LimitStandard(subject) : ChannelStandard(ReferencedChannel(zone, subject));
                    break;
                case ConditionKind.ChannelTripLatched:
                    standard = ChannelStandard(ReferencedChannel(zone, subject));
                    break;
                case ConditionKind.CollectorPressureOutOfBand:
                case ConditionKind.HopperTemperatureHigh:
                case ConditionKind.WaterLevelLow:
                case ConditionKind.WaterFlowLow:
                    standard = Config(zone).Collector.Standard;
                    break;
            }
            return standard != null && standard.Length > 0 ? standard : Conditions.Standard(kind);
        }

        /// <summary>Copies the zone's i-th live cause into a caller-owned struct (no allocation).</summary>
        public void GetCause(int zone, int i, ref Cause cause)
        {
            cause.Kind = CauseKind(zone, i);
            cause.Subject = CauseSubject(zone, i);
            cause.Value = CauseValue(zone, i);
            cause.Threshold = CauseThreshold(zone, i);
            cause.Unit = CauseUnit(zone, i);
            cause.Standard = CauseStandard(zone, i);
        }

        private double LevelThreshold(int channel, int detail)
        {
            int level = detail - 1;
            return detail == DetailLevelBeyond || level >= _alarms.LevelCount(channel) ? double.NaN : _alarms.Threshold(channel, level);
        }

        /// <summary>The standard of the channel's profile (looked up when a cause is read, not kept per channel).</summary>
        private string ChannelStandard(int channel)
        {
            AlarmProfile profile = _alarms.Profile(channel);
            return profile != null ? profile.Standard : "site-defined channel";
        }
    }
}
