using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Core.Validation
{
    /// <summary>
    /// Zones whose kind needs a gas reading (issue 13 #12): a hot-work zone (it has a welding
    /// station: GB 30871-2022 continuous gas monitoring during hot work) and a confined space
    /// (GB 30871-2022: continuous monitoring during entry). Such a zone must list at least one gas
    /// channel (%vol, %LEL, ppm or mg/m³), so its permissive trips on the gas and on the channel's
    /// faults by itself (a station's own gasChannels are required by WeldingConfigReader). Errors
    /// carry the path.
    /// </summary>
    public static class ZoneGasCheck
    {
        public static void Check(GatewayConfig config, ValidationErrors errors)
        {
            WeldingSettings w = config.Welding;
            InterlockConfig ic = config.Interlocks;
            if (w == null || ic == null || ic.Zones == null) return;
            for (int i = 0; i < w.Stations.Length; i++)
                RequireZoneGas(config, w.Stations[i].ZoneId, "hot work (welding.stations[" + i + "])", "动火作业（welding.stations[" + i + "]）", errors);
            for (int i = 0; i < w.ConfinedSpaces.Length; i++)
                RequireZoneGas(config, w.ConfinedSpaces[i].ZoneId, "a confined space (welding.confinedSpaces[" + i + "])", "有限空间（welding.confinedSpaces[" + i + "]）", errors);
        }

        private static void RequireZoneGas(GatewayConfig config, string zoneId, string kindEn, string kindZh, ValidationErrors errors)
        {
            ZoneConfig[] zones = config.Interlocks.Zones;
            for (int z = 0; z < zones.Length; z++)
            {
                if (zones[z] == null || zones[z].Id != zoneId || !zones[z].HasChannelList) continue;
                for (int k = 0; k < zones[z].ChannelCount; k++)
                {
                    int c = zones[z].ChannelId(k) == null ? -1 : config.IndexOfChannel(zones[z].ChannelId(k));
                    if (c >= 0 && IsGasUnit(config.Channels[c].Unit)) return;
                }
                errors.Error("interlocks.zones[" + z + "].channels", "gas_channel_required",
                    "zone '" + zoneId + "' is " + kindEn + " but lists no gas channel: its permissive would not trip on the gas",
                    "区域 '" + zoneId + "' 属于" + kindZh + "，但没有气体通道：许可不会因气体而断开");
                return;
            }
        }

        private static bool IsGasUnit(Unit unit)
        {
            return unit == Unit.PercentVolume || unit == Unit.PercentLel || unit == Unit.Ppm || unit == Unit.MilligramsPerCubicMetre;
        }
    }
}
