using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>Reads the "welding" section: stations, confined spaces, the registry and special periods.</summary>
    public static class WeldingConfigReader
    {
        private static readonly string[] s_members = { "permitCapacity", "stations", "confinedSpaces", "welders", "machines", "specialPeriods" };
        private static readonly string[] s_station = { "id", "zone", "machine", "expectedMachineCode", "enableOutput", "cardReader", "gasChannels", "settleMs", "arcThresholdAmps" };
        private static readonly string[] s_machineRef = { "bus", "device" };
        private static readonly string[] s_space = { "zone", "oxygenChannel", "toxicChannels", "combustibleChannels", "cardReader" };
        private static readonly string[] s_period = { "name", "fromUtcMs", "toUtcMs" };

        public static WeldingSettings Read(JsonValue v, string path, GatewayConfig config, ConfigReader r)
        {
            WeldingSettings w = new WeldingSettings();
            if (v == null) return w;
            if (!r.ExpectObject(v, path)) return w;
            r.RejectUnknown(v, path, s_members);
            w.PermitCapacity = r.Int(v, "permitCapacity", path, false, 16, 1, 256);

            JsonValue st = r.Array(v, "stations", path, false);
            w.Stations = new WeldingStationSpec[st == null ? 0 : st.Count];
            for (int i = 0; i < w.Stations.Length; i++)
            {
                string p = ConfigReader.Index(ConfigReader.Join(path, "stations"), i);
                WeldingStationSpec s = new WeldingStationSpec();
                w.Stations[i] = s;
                JsonValue o = st[i];
                if (!r.ExpectObject(o, p)) continue;
                ReadStation(s, o, p, config, r);
            }

            JsonValue cs = r.Array(v, "confinedSpaces", path, false);
            w.ConfinedSpaces = new ConfinedSpaceSpec[cs == null ? 0 : cs.Count];
            for (int i = 0; i < w.ConfinedSpaces.Length; i++)
            {
                string p = ConfigReader.Index(ConfigReader.Join(path, "confinedSpaces"), i);
                ConfinedSpaceSpec s = new ConfinedSpaceSpec();
                w.ConfinedSpaces[i] = s;
                JsonValue o = cs[i];
                if (!r.ExpectObject(o, p)) continue;
                r.RejectUnknown(o, p, s_space);
                s.ZoneId = r.String(o, "zone", p, true, null);
                s.OxygenChannelId = r.String(o, "oxygenChannel", p, true, null);
                s.ToxicChannelIds = InterlockConfigReader.Strings(o, "toxicChannels", p, r);
                s.CombustibleChannelIds = InterlockConfigReader.Strings(o, "combustibleChannels", p, r);
                s.CardReaderId = r.String(o, "cardReader", p, true, null);
            }

            if (v.Has("welders") || v.Has("machines"))
            {
                WelderRecord[] welders;
                MachineRecord[] machines;
                string error;
                if (!WeldingRegistry.TryRead(v, out welders, out machines, out error))
                    r.Errors.Error(path, "registry_invalid", error, "登记表无效：" + error);
                else
                {
                    w.Welders = welders;
                    w.Machines = machines;
                }
            }

            JsonValue sp = r.Array(v, "specialPeriods", path, false);
            w.SpecialPeriods = new SpecialPeriod[sp == null ? 0 : sp.Count];
            for (int i = 0; i < w.SpecialPeriods.Length; i++)
            {
                string p = ConfigReader.Index(ConfigReader.Join(path, "specialPeriods"), i);
                JsonValue o = sp[i];
                if (!r.ExpectObject(o, p)) continue;
                r.RejectUnknown(o, p, s_period);
                w.SpecialPeriods[i] = new SpecialPeriod(r.String(o, "name", p, true, ""), (long)r.Number(o, "fromUtcMs", p, true, 0), (long)r.Number(o, "toUtcMs", p, true, 0));
            }
            return w;
        }

        /// <summary>One entry of "stations" into its spec: output, card reader, gas channels and the machine on its bus.</summary>
        private static void ReadStation(WeldingStationSpec s, JsonValue o, string p, GatewayConfig config, ConfigReader r)
        {
            r.RejectUnknown(o, p, s_station);
            s.Id = r.Id(o, "id", p);
            s.ZoneId = r.String(o, "zone", p, true, null);
            s.ExpectedMachineCode = r.String(o, "expectedMachineCode", p, false, "");
            s.EnableOutputId = r.Id(o, "enableOutput", p);
            s.CardReaderId = r.String(o, "cardReader", p, true, null);
            s.GasChannelIds = InterlockConfigReader.Strings(o, "gasChannels", p, r);
            s.SettleMs = r.Int(o, "settleMs", p, false, WeldingStationConfig.DefaultSettleMs, 0, 3600000);
            s.ArcThresholdAmps = r.Number(o, "arcThresholdAmps", p, false, WeldingStationConfig.DefaultArcThresholdAmps);
            JsonValue m = r.Object(o, "machine", p, true);
            if (m != null)
            {
                string mp = ConfigReader.Join(p, "machine");
                r.RejectUnknown(m, mp, s_machineRef);
                string bus = r.String(m, "bus", mp, true, null);
                s.BusIndex = bus == null ? -1 : config.IndexOfBus(bus);
                if (bus != null && s.BusIndex < 0)
                    r.Errors.Error(ConfigReader.Join(mp, "bus"), "unknown_bus", "no bus '" + bus + "'", "没有总线 '" + bus + "'");
                s.MachineDevice = r.String(m, "device", mp, true, null);
            }
            if (s.GasChannelIds.Length == 0)
                r.Errors.Error(ConfigReader.Join(p, "gasChannels"), "required",
                    "hot work needs at least one gas channel at the work point (GB 30871-2022)", "动火作业至少需要一个作业点气体通道（GB 30871-2022）");
        }
    }
}
