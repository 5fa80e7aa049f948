using System.Collections;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// The effective interlock configuration as text lines, printed at start-up (ESPHome's
    /// dump_config): every zone's conditions, outputs, inputs, limits and their standards.
    /// Allocates: start-up and diagnostics only.
    /// </summary>
    public static class ZoneDescriber
    {
        public static string[] Describe(InterlockConfig config, AlarmEngine alarms)
        {
            ArrayList lines = new ArrayList();
            if (config == null || config.Zones == null)
            {
                lines.Add("interlocks: not configured (every output off)");
                return ToArray(lines);
            }
            lines.Add("interlocks: " + config.Zones.Length + " zone(s), scan deadline " + config.ScanDeadlineMs
                + " ms (AQ 6201-2019: power cut within 2 s); de-energise to trip, boot state off");
            for (int z = 0; z < config.Zones.Length; z++)
            {
                ZoneConfig zc = config.Zones[z];
                if (zc != null) DescribeZone(config, zc, alarms, lines);
            }
            return ToArray(lines);
        }

        private static void DescribeZone(InterlockConfig config, ZoneConfig zc, AlarmEngine alarms, ArrayList lines)
        {
            lines.Add("zone " + zc.Id + " \"" + zc.Title + "\"");
            DescribeOutputs(config, zc, lines);
            DescribeChannels(zc, alarms, lines);
            if (zc.MonitoringInputId != null || zc.MonitoringHeartbeatTimeoutMs > 0)
            {
                string s = "  monitoring:";
                if (zc.MonitoringInputId != null) s += " NVR input " + zc.MonitoringInputId + " online";
                if (zc.MonitoringHeartbeatTimeoutMs > 0) s += (zc.MonitoringInputId != null ? " and" : "") + " heartbeat within " + zc.MonitoringHeartbeatTimeoutMs + " ms";
                lines.Add(s + " [" + Conditions.Standard(ConditionKind.MonitoringLost) + "]");
            }
            else
            {
                lines.Add("  monitoring: not supervised");
            }
            lines.Add(zc.PlatformLinkGraceMs > 0
                ? "  platform link: alive within " + zc.PlatformLinkGraceMs + " ms [" + Conditions.Standard(ConditionKind.PlatformLinkLost) + "]"
                : "  platform link: NOT supervised (site without network; stated in the birth message)");
            DustCollectorConfig c = zc.Collector;
            if (c != null)
            {
                lines.Add("  dust collector: dP " + c.DpChannelId + " in " + NumberFormat.Format(c.DpMinPa, 1) + "–" + NumberFormat.Format(c.DpMaxPa, 1)
                    + " Pa; hopper " + c.HopperTemperatureChannelId + " < " + NumberFormat.Format(c.HopperTemperatureMaxC, 1)
                    + " degC; airlock fault input " + c.AirlockFaultInputId + " [" + c.Standard + "]");
                if (c.Wet)
                {
                    lines.Add("    wet collector: level " + c.WaterLevelChannelId + " >= " + NumberFormat.Format(c.WaterLevelMinMm, 1)
                        + " mm; flow " + c.WaterFlowChannelId + " >= " + NumberFormat.Format(c.WaterFlowMinM3h, 2) + " m3/h");
                }
            }
            lines.Add(zc.RequiresWorkAuthorisation
                ? "  work authorisation: required [" + Conditions.Standard(ConditionKind.WorkNotAuthorised) + "]"
                : "  work authorisation: not required");
            if (zc.EmergencyStopInputIds != null && zc.EmergencyStopInputIds.Length > 0)
            {
                string s = "  emergency stop:";
                for (int i = 0; i < zc.EmergencyStopInputIds.Length; i++) s += " " + zc.EmergencyStopInputIds[i];
                lines.Add(s + " [" + Conditions.Standard(ConditionKind.EmergencyStop) + "]");
            }
            if (zc.EnclosureTamperInputId != null) lines.Add("  enclosure tamper input " + zc.EnclosureTamperInputId);
            lines.Add("  restore: every cause clear for " + zc.SettleMs + " ms, then a reset; remote reset "
                + (zc.AllowRemoteReset ? "allowed (never while a cause persists; never after E-stop, fault, bypass, tamper or proof test)" : "not allowed"));
            lines.Add("  proof test: every " + (zc.ProofTestIntervalMs / 86400000L) + " days, cut confirmed by feedback within "
                + zc.ProofTestTimeoutMs + " ms [" + Conditions.Standard(ConditionKind.ProofTest) + "]");
        }

        /// <summary>Each output of the zone: what it follows, its feedback and its bypass detection.</summary>
        private static void DescribeOutputs(InterlockConfig config, ZoneConfig zc, ArrayList lines)
        {
            for (int i = 0; zc.OutputIds != null && i < zc.OutputIds.Length; i++)
            {
                int o = config.IndexOfOutput(zc.OutputIds[i]);
                if (o < 0) { lines.Add("  output " + zc.OutputIds[i] + ": NOT CONFIGURED"); continue; }
                OutputConfig oc = config.Outputs[o];
                string s = "  output " + oc.Id + ": energised = permit";
                s += oc.FeedbackInputId != null
                    ? "; feedback " + oc.FeedbackInputId + " must follow within " + oc.FeedbackSettleMs + " ms (else output failed / welded contact)"
                    : "; NO feedback (failures and welded contacts not detected)";
                if (oc.LoadCurrentChannelId != null)
                {
                    s += "; bypass if " + oc.LoadCurrentChannelId + " >= " + NumberFormat.Format(oc.LoadCurrentThresholdAmps, 3) + " A while off";
                }
                if (oc.LoadCurrentInputId != null) s += "; bypass if " + oc.LoadCurrentInputId + " active while off";
                lines.Add(s);
            }
        }

        /// <summary>Each channel of the zone: health, the levels at or above its permit level, its zone limit and presence input.</summary>
        private static void DescribeChannels(ZoneConfig zc, AlarmEngine alarms, ArrayList lines)
        {
            for (int i = 0; i < zc.ChannelCount; i++)
            {
                if (zc.IsChannelMissing(i)) continue;
                int a = alarms.IndexOf(zc.ChannelId(i));
                if (a < 0) { lines.Add("  channel " + zc.ChannelId(i) + ": NOT CONFIGURED"); continue; }
                ChannelConfig cc = alarms.CopyConfig(a);
                AlarmProfile p = ProfileCatalog.Find(cc.ProfileId);
                string unit = Units.Symbol(cc.Unit);
                string s = "  channel " + cc.Id + ": healthy, fresh (<= " + cc.MaxAgeMs + " ms), calibrated, not inhibited";
                for (int l = 0; l < cc.Levels.Length; l++)
                {
                    LevelConfig lc = cc.Levels[l];
                    if ((int)lc.Kind < (int)zc.PermitLevel(i)) continue;
                    s += "; " + LevelNames.Kind(lc.Kind) + " " + (lc.Direction == Direction.High ? ">= " : "< ")
                        + NumberFormat.Format(lc.Threshold, 4) + " " + unit + " (restore " + (lc.Direction == Direction.High ? "< " : ">= ")
                        + NumberFormat.Format(lc.Restore, 4) + ")" + (lc.Latching ? " latching" : "");
                }
                s += " [" + (p != null ? p.Id + ": " + p.Standard : "site-defined channel") + "]";
                lines.Add(s);
                if (zc.HasLimit(i))
                {
                    lines.Add("    zone limit: " + cc.Id + " < " + NumberFormat.Format(zc.Limit(i), 4) + " " + unit + " [" + zc.LimitStandard(i) + "]");
                }
                if (zc.PresenceInputId(i) != null) lines.Add("    sensor presence input " + zc.PresenceInputId(i) + " (unplugged = tamper)");
            }
        }

        private static string[] ToArray(ArrayList lines)
        {
            string[] a = new string[lines.Count];
            for (int i = 0; i < a.Length; i++) a[i] = (string)lines[i];
            return a;
        }
    }
}
