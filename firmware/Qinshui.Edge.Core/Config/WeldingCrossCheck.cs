using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>Welding stations and confined spaces against the zones, outputs, card readers and channels they name (the read stage's cross-references).</summary>
    public static class WeldingCrossCheck
    {
        public static void Check(GatewayConfig config, ConfigReader r)
        {
            WeldingSettings w = config.Welding;
            for (int i = 0; i < w.Stations.Length; i++)
            {
                WeldingStationSpec s = w.Stations[i];
                string p = "welding.stations[" + i + "]";
                if (s.ZoneId != null && ZoneIndex(config.Interlocks, s.ZoneId) < 0)
                    r.Errors.Error(p + ".zone", "unknown_zone", "no zone '" + s.ZoneId + "' in interlocks.zones", "interlocks.zones 中没有区域 '" + s.ZoneId + "'");
                if (s.EnableOutputId != null && config.Interlocks.IndexOfOutput(s.EnableOutputId) >= 0)
                    r.Errors.Error(p + ".enableOutput", "output_shared",
                        "'" + s.EnableOutputId + "' is a zone permissive output: a machine's enable relay must be its own output",
                        "'" + s.EnableOutputId + "' 是区域许可输出：电焊机使能继电器必须是独立输出");
                if (s.CardReaderId != null && IndexOf(config.CardReaderIds, s.CardReaderId) < 0)
                    r.Errors.Error(p + ".cardReader", "unknown_reader", "no card reader '" + s.CardReaderId + "' in cardReaders", "cardReaders 中没有读卡器 '" + s.CardReaderId + "'");
                for (int k = 0; k < s.GasChannelIds.Length; k++)
                {
                    if (config.IndexOfChannel(s.GasChannelIds[k]) < 0)
                        r.Errors.Error(p + ".gasChannels[" + k + "]", "unknown_channel", "no channel '" + s.GasChannelIds[k] + "'", "没有通道 '" + s.GasChannelIds[k] + "'");
                }
                for (int k = 0; k < i; k++)
                {
                    if (w.Stations[k].Id == s.Id) r.Errors.Error(p + ".id", "duplicate_id", "station id '" + s.Id + "' is already used", "工位 id '" + s.Id + "' 已被使用");
                }
            }
            for (int i = 0; i < w.ConfinedSpaces.Length; i++)
            {
                ConfinedSpaceSpec s = w.ConfinedSpaces[i];
                string p = "welding.confinedSpaces[" + i + "]";
                if (s.ZoneId != null && ZoneIndex(config.Interlocks, s.ZoneId) < 0)
                    r.Errors.Error(p + ".zone", "unknown_zone", "no zone '" + s.ZoneId + "' in interlocks.zones", "interlocks.zones 中没有区域 '" + s.ZoneId + "'");
                int o2 = s.OxygenChannelId == null ? -1 : config.IndexOfChannel(s.OxygenChannelId);
                if (s.OxygenChannelId != null && o2 < 0)
                    r.Errors.Error(p + ".oxygenChannel", "unknown_channel", "no channel '" + s.OxygenChannelId + "'", "没有通道 '" + s.OxygenChannelId + "'");
                else if (o2 >= 0 && config.Channels[o2].Unit != Domain.Unit.PercentVolume)
                    r.Errors.Error(p + ".oxygenChannel", "unit_mismatch", "the oxygen channel must measure %vol", "氧气通道单位必须是 %vol");
                for (int k = 0; k < s.ToxicChannelIds.Length; k++)
                {
                    if (config.IndexOfChannel(s.ToxicChannelIds[k]) < 0)
                        r.Errors.Error(p + ".toxicChannels[" + k + "]", "unknown_channel", "no channel '" + s.ToxicChannelIds[k] + "'", "没有通道 '" + s.ToxicChannelIds[k] + "'");
                }
                if (s.CardReaderId != null && IndexOf(config.CardReaderIds, s.CardReaderId) < 0)
                    r.Errors.Error(p + ".cardReader", "unknown_reader", "no card reader '" + s.CardReaderId + "' in cardReaders", "cardReaders 中没有读卡器 '" + s.CardReaderId + "'");
                ConfinedSpaceCombustibleCheck.Check(config, s, p, r.Errors);
            }
            Validation.ZoneGasCheck.Check(config, r.Errors);
        }

        private static int ZoneIndex(InterlockConfig c, string id)
        {
            for (int i = 0; i < c.Zones.Length; i++)
            {
                if (c.Zones[i] != null && c.Zones[i].Id == id) return i;
            }
            return -1;
        }

        private static int IndexOf(string[] list, string s)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return i;
            }
            return -1;
        }
    }
}
