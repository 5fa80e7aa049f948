using System.Collections;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// The effective configuration as text lines (ESPHome's dump_config): what the device
    /// prints on its serial log at start-up and what `qedge config show` prints. Profiles are
    /// expanded, every limit carries its standard.
    /// </summary>
    public static class ConfigDescriber
    {
        public static void Describe(GatewayConfig config, ArrayList lines)
        {
            lines.Add("site " + config.SiteId + (config.SiteName != null && config.SiteName.Length > 0 ? " (" + config.SiteName + ")" : ""));
            lines.Add("gateway " + config.GatewayId + (config.GatewayName != null && config.GatewayName.Length > 0 ? " (" + config.GatewayName + ")" : ""));
            lines.Add("config sha256 " + config.Hash);
            lines.Add("channels: " + config.Channels.Length);
            for (int i = 0; i < config.Channels.Length; i++) DescribeChannel(config.Channels[i], lines);
        }

        public static void DescribeChannel(ChannelConfig c, ArrayList lines)
        {
            AlarmProfile p = c.ProfileId != null && c.ProfileId.Length > 0 ? ProfileCatalog.Find(c.ProfileId) : null;
            string unit = Units.Symbol(c.Unit);
            lines.Add("  channel " + c.Id + "  unit " + unit + "  range " + NumberFormat.Format(c.RangeMin, 4) + ".." + NumberFormat.Format(c.RangeMax, 4)
                + "  max age " + c.MaxAgeMs + " ms  max inhibit " + c.MaxInhibitMs + " ms");
            lines.Add("    profile " + (p != null ? p.Id + " — " + p.Standard : "(site-defined)"));
            int hold = ClearHold.ForProfile(p);
            for (int i = 0; i < c.Levels.Length; i++)
            {
                LevelConfig l = c.Levels[i];
                bool high = l.Direction == Direction.High;
                string src = l.Source == LevelSource.Instant ? "" : " " + LevelNames.Source(l.Source);
                string tightened = "";
                if (p != null && i < p.Levels.Length && p.Levels[i] != l) tightened = "  (tightened by site)";
                if (p != null && i >= p.Levels.Length) tightened = "  (added by site)";
                lines.Add("    " + LevelNames.Kind(l.Kind) + src + " " + (high ? ">= " : "< ") + NumberFormat.Format(l.Threshold, 4) + " " + unit
                    + ", restore " + (high ? "< " : ">= ") + NumberFormat.Format(l.Restore, 4)
                    + ", on-delay " + l.OnDelayMs + " ms, off-delay " + (l.OffDelayMs > hold ? l.OffDelayMs : hold) + " ms"
                    + (l.OffDelayMs < hold ? " (clear hold)" : "")
                    + (l.Latching ? ", latching" : "") + tightened);
            }
        }
    }
}
