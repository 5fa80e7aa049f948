using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>A zone's configuration resolved to indices once at start-up (ids are never looked up in the scan).</summary>
    internal sealed class ZoneWiring
    {
        public int[] Channels;
        public int[] PresenceInputs;
        public int[] Outputs;
        public int[] EmergencyStops;
        public int MonitoringInput = -1;
        public int EnclosureInput = -1;
        public int DpChannel = -1;
        public int HopperChannel = -1;
        public int LevelChannel = -1;
        public int FlowChannel = -1;
        public int AirlockInput = -1;
        /// <summary>Channels whose readings go into the zone's event snapshots.</summary>
        public int[] Snapshot;
        public int CauseCapacity;

        public static ZoneWiring Resolve(ZoneConfig z, InterlockConfig cfg, AlarmEngine alarms)
        {
            ZoneWiring w = new ZoneWiring();
            int n = z.Channels == null ? 0 : z.Channels.Length;
            w.Channels = new int[n];
            w.PresenceInputs = new int[n];
            int capacity = 8;
            for (int i = 0; i < n; i++)
            {
                w.Channels[i] = alarms.IndexOf(z.Channels[i].ChannelId);
                w.PresenceInputs[i] = cfg.IndexOfInput(z.Channels[i].PresenceInputId);
                int levels = w.Channels[i] >= 0 ? alarms.LevelCount(w.Channels[i]) : 0;
                capacity += 6 + levels;
            }
            int o = z.OutputIds == null ? 0 : z.OutputIds.Length;
            w.Outputs = new int[o];
            for (int i = 0; i < o; i++) w.Outputs[i] = cfg.IndexOfOutput(z.OutputIds[i]);
            capacity += 6 * o;
            int e = z.EmergencyStopInputIds == null ? 0 : z.EmergencyStopInputIds.Length;
            w.EmergencyStops = new int[e];
            for (int i = 0; i < e; i++) w.EmergencyStops[i] = cfg.IndexOfInput(z.EmergencyStopInputIds[i]);
            capacity += e;
            w.MonitoringInput = cfg.IndexOfInput(z.MonitoringInputId);
            w.EnclosureInput = cfg.IndexOfInput(z.EnclosureTamperInputId);
            DustCollectorConfig c = z.Collector;
            int extra = 0;
            if (c != null)
            {
                w.DpChannel = Index(alarms, c.DpChannelId);
                w.HopperChannel = Index(alarms, c.HopperTemperatureChannelId);
                if (c.Wet)
                {
                    w.LevelChannel = Index(alarms, c.WaterLevelChannelId);
                    w.FlowChannel = Index(alarms, c.WaterFlowChannelId);
                }
                w.AirlockInput = cfg.IndexOfInput(c.AirlockFaultInputId);
                capacity += 4 * 4 + 2;
                extra = 4;
            }
            int loads = 0;
            for (int i = 0; i < o; i++)
            {
                if (w.Outputs[i] >= 0 && Index(alarms, cfg.Outputs[w.Outputs[i]].LoadCurrentChannelId) >= 0) loads++;
            }
            w.CauseCapacity = capacity + 4 * loads;
            w.Snapshot = new int[n + extra + loads];
            int s = 0;
            for (int i = 0; i < n; i++) w.Snapshot[s++] = w.Channels[i];
            if (c != null)
            {
                w.Snapshot[s++] = w.DpChannel;
                w.Snapshot[s++] = w.HopperChannel;
                w.Snapshot[s++] = w.LevelChannel;
                w.Snapshot[s++] = w.FlowChannel;
            }
            for (int i = 0; i < o; i++)
            {
                if (w.Outputs[i] < 0) continue;
                int lc = Index(alarms, cfg.Outputs[w.Outputs[i]].LoadCurrentChannelId);
                if (lc >= 0) w.Snapshot[s++] = lc;
            }
            return w;
        }

        private static int Index(AlarmEngine alarms, string id)
        {
            return id == null ? -1 : alarms.IndexOf(id);
        }
    }
}
