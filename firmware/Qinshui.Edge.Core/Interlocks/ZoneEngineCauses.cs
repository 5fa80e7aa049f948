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

        private int Slot(int zone, int i)
        {
            if (zone < 0 || zone >= ZoneCount || i < 0 || i >= LiveCount(zone)) throw new IndexOutOfRangeException();
            return _map[_map[zone] + ZoneWiring.CauseStart] + i;
        }

        private int Detail(int slot) { return _causeCode[slot] >> DetailShift; }

        /// <summary>The condition of the zone's i-th live cause (0 &lt;= i &lt; State(zone).LiveCount).</summary>
        public ConditionKind CauseKind(int zone, int i) { return (ConditionKind)(_causeCode[Slot(zone, i)] & KindMask); }

        /// <summary>Id of the channel, input, output or zone concerned (a configuration string: no allocation).</summary>
        public string CauseSubject(int zone, int i)
        {
            int slot = Slot(zone, i);
            int s = _causeSubject[slot];
            switch ((ConditionKind)(_causeCode[slot] & KindMask))
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
                    return _alarms.ChannelId(ReferencedChannel(zone, s));
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return Detail(slot) == DetailZoneLimit ? Config(zone).ChannelId(s) : _alarms.ChannelId(ReferencedChannel(zone, s));
                case ConditionKind.MonitoringLost:
                    return Detail(slot) == DetailHeartbeat ? "heartbeat" : _config.Inputs[s].Id;
                case ConditionKind.PlatformLinkLost:
                    return "platform";
                case ConditionKind.WorkNotAuthorised:
                    return Config(zone).Id;
                case ConditionKind.OutputFailed:
                case ConditionKind.WeldedContact:
                case ConditionKind.BypassSuspected:
                    return _config.Outputs[ZoneOutput(zone, s)].Id;
                default:
                    return _config.Inputs[s].Id;
            }
        }

        /// <summary>The value seen by the evaluation that found the cause (NaN when the condition has none).</summary>
        public double CauseValue(int zone, int i)
        {
            int slot = Slot(zone, i);
            int s = _causeSubject[slot];
            int detail = Detail(slot);
            int reading = ReadingSlot(zone, s);
            switch ((ConditionKind)(_causeCode[slot] & KindMask))
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
                case ConditionKind.BypassSuspected:
                    return detail == DetailLoadInput ? double.NaN : Seen(zone, ReadingSlot(zone, LoadReference(zone, s)));
                default: return double.NaN;
            }
        }

        /// <summary>The limit the value was compared with, from the configuration (NaN when none).</summary>
        public double CauseThreshold(int zone, int i)
        {
            int slot = Slot(zone, i);
            int s = _causeSubject[slot];
            int detail = Detail(slot);
            ZoneConfig zc = Config(zone);
            switch ((ConditionKind)(_causeCode[slot] & KindMask))
            {
                case ConditionKind.ChannelStale: return _alarms.MaxAgeMs(ReferencedChannel(zone, s));
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return detail == DetailZoneLimit ? zc.Limit(s) : LevelThreshold(ReferencedChannel(zone, s), detail);
                case ConditionKind.ChannelTripLatched: return LevelThreshold(ReferencedChannel(zone, s), detail);
                case ConditionKind.MonitoringLost: return detail == DetailHeartbeat ? zc.MonitoringHeartbeatTimeoutMs : double.NaN;
                case ConditionKind.PlatformLinkLost: return zc.PlatformLinkGraceMs;
                case ConditionKind.CollectorPressureOutOfBand: return detail == DetailAboveBand ? zc.Collector.DpMaxPa : zc.Collector.DpMinPa;
                case ConditionKind.HopperTemperatureHigh: return zc.Collector.HopperTemperatureMaxC;
                case ConditionKind.WaterLevelLow: return zc.Collector.WaterLevelMinMm;
                case ConditionKind.WaterFlowLow: return zc.Collector.WaterFlowMinM3h;
                case ConditionKind.OutputFailed: return 1;
                case ConditionKind.WeldedContact: return 0;
                case ConditionKind.BypassSuspected:
                    return detail == DetailLoadInput ? double.NaN : _config.Outputs[ZoneOutput(zone, s)].LoadCurrentThresholdAmps;
                default: return double.NaN;
            }
        }

        /// <summary>Unit symbol of value and threshold ("" when none).</summary>
        public string CauseUnit(int zone, int i)
        {
            int slot = Slot(zone, i);
            int s = _causeSubject[slot];
            int detail = Detail(slot);
            switch ((ConditionKind)(_causeCode[slot] & KindMask))
            {
                case ConditionKind.ChannelFault:
                case ConditionKind.ChannelTripLatched:
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    return UnitOf(ReferencedChannel(zone, s));
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
            int slot = Slot(zone, i);
            int s = _causeSubject[slot];
            ConditionKind kind = (ConditionKind)(_causeCode[slot] & KindMask);
            string standard = null;
            switch (kind)
            {
                case ConditionKind.ChannelAboveLimit:
                case ConditionKind.ChannelBelowLimit:
                    standard = Detail(slot) == DetailZoneLimit ? Config(zone).LimitStandard(s) : ChannelStandard(ReferencedChannel(zone, s));
                    break;
                case ConditionKind.ChannelTripLatched:
                    standard = ChannelStandard(ReferencedChannel(zone, s));
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

        private double LevelThreshold(int a, int detail)
        {
            int l = detail - 1;
            return detail == DetailLevelBeyond || l >= _alarms.LevelCount(a) ? double.NaN : _alarms.Threshold(a, l);
        }

        /// <summary>The standard of the channel's profile (looked up when a cause is read, not kept per channel).</summary>
        private string ChannelStandard(int a)
        {
            AlarmProfile p = _alarms.Profile(a);
            return p != null ? p.Standard : "site-defined channel";
        }
    }
}
