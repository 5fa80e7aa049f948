using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>The effective configuration as key → value pairs, keyed by ids (not positions), for diffs.</summary>
public static class EffectiveConfig
{
    public static SortedDictionary<string, string> Flatten(GatewayConfig c)
    {
        var m = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["site.id"] = c.SiteId,
            ["site.name"] = c.SiteName ?? "",
            ["gateway.id"] = c.GatewayId,
            ["gateway.name"] = c.GatewayName ?? "",
        };
        foreach (var ch in c.Channels)
        {
            string p = $"channels[{ch.Id}]";
            m[p + ".profile"] = ch.ProfileId ?? "";
            m[p + ".unit"] = Units.Symbol(ch.Unit);
            m[p + ".range"] = $"{NumberFormat.Format(ch.RangeMin, 6)}..{NumberFormat.Format(ch.RangeMax, 6)}";
            m[p + ".maxAgeMs"] = ch.MaxAgeMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
            m[p + ".maxInhibitMs"] = ch.MaxInhibitMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var l in ch.Levels)
            {
                string lp = $"{p}.levels[{LevelNames.Kind(l.Kind)}/{LevelNames.Dir(l.Direction)}/{LevelNames.Source(l.Source)}]";
                m[lp] = $"threshold {NumberFormat.Format(l.Threshold, 6)}, restore {NumberFormat.Format(l.Restore, 6)}, on {l.OnDelayMs} ms, off {l.OffDelayMs} ms{(l.Latching ? ", latching" : "")}";
            }
        }
        return m;
    }
}
