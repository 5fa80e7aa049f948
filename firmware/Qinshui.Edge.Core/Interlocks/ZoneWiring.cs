using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Every zone's configuration resolved to indices once at start-up (ids are never looked up
    /// in the scan), packed into ONE int array: on nanoFramework an object costs 12 B per field
    /// and every array a 24 B header (docs/memory.md), so a wiring object with five arrays per
    /// zone cost ≈ 300 B; this costs 4 B per index.
    /// Layout: map[z] = start of zone z's block; map[ZoneCount] = start of the output table.
    /// A zone block: the header below, then its channels' alarm indices, their presence inputs,
    /// its outputs, its E-stop inputs and, with a dust collector, the collector section. The
    /// output table: per output its feedback input, load-current channel and load-current
    /// input. -1 = none.
    /// A zone's channel references (the channels whose readings it judges), numbered k: its
    /// channels (k &lt; ChannelCount), then its collector's four when it has one, then one per
    /// output with a load-current channel.
    /// </summary>
    internal static class ZoneWiring
    {
        public const int ChannelCount = 0;
        /// <summary>First slot of the zone's causes in the engine's cause arrays.</summary>
        public const int CauseStart = 1;
        public const int CauseCapacity = 2;
        public const int MonitoringInput = 3;
        public const int EnclosureInput = 4;
        public const int OutputCount = 5;
        public const int EmergencyStopCount = 6;
        /// <summary>First slot of the zone's seen values in the engine's double array (see ZoneEngine._seen).</summary>
        public const int SeenStart = 7;
        public const int HeaderLength = 8;

        /// <summary>The collector section (after the E-stops, only in a zone with a collector): dp, hopper, level, flow channels, airlock input.</summary>
        public const int CollectorDp = 0;
        public const int CollectorAirlock = 4;
        /// <summary>The spark detector input (-1 when the collector has none).</summary>
        public const int CollectorSpark = 5;
        public const int CollectorLength = 6;
        /// <summary>A dust collector's channels: dp, hopper, level, flow (consecutive from CollectorDp).</summary>
        public const int CollectorChannels = 4;

        public const int OutputFeedback = 0;
        public const int OutputLoadChannel = 1;
        public const int OutputLoadInput = 2;
        public const int OutputEntryLength = 3;

        /// <summary>Builds the map; the zones' cause slots are numbered consecutively from 0 (total: CauseTotal).</summary>
        public static int[] Resolve(InterlockConfig cfg, AlarmEngine alarms)
        {
            ZoneConfig[] zones = cfg.Zones;
            int zc = zones.Length;
            int no = cfg.Outputs.Length;
            int length = zc + 1 + no * OutputEntryLength;
            for (int z = 0; z < zc; z++)
            {
                length += HeaderLength + 2 * zones[z].ChannelCount + Count(zones[z].OutputIds) + Count(zones[z].EmergencyStopInputIds)
                    + (zones[z].Collector != null ? CollectorLength : 0);
            }
            int[] m = new int[length];

            int outBase = length - no * OutputEntryLength;
            m[zc] = outBase;
            for (int o = 0; o < no; o++)
            {
                OutputConfig oc = cfg.Outputs[o];
                int e = outBase + o * OutputEntryLength;
                m[e + OutputFeedback] = cfg.IndexOfInput(oc.FeedbackInputId);
                m[e + OutputLoadChannel] = Index(alarms, oc.LoadCurrentChannelId);
                m[e + OutputLoadInput] = cfg.IndexOfInput(oc.LoadCurrentInputId);
            }

            int b = zc + 1;
            int causes = 0;
            int seen = 0;
            for (int z = 0; z < zc; z++)
            {
                ZoneConfig zone = zones[z];
                m[z] = b;
                int n = zone.ChannelCount;
                int outputs = Count(zone.OutputIds);
                int stops = Count(zone.EmergencyStopInputIds);
                m[b + ChannelCount] = n;
                m[b + OutputCount] = outputs;
                m[b + EmergencyStopCount] = stops;
                m[b + MonitoringInput] = cfg.IndexOfInput(zone.MonitoringInputId);
                m[b + EnclosureInput] = cfg.IndexOfInput(zone.EnclosureTamperInputId);
                int p = b + HeaderLength;
                for (int i = 0; i < n; i++)
                {
                    m[p + i] = alarms.IndexOf(zone.ChannelId(i));
                    m[p + n + i] = cfg.IndexOfInput(zone.PresenceInputId(i));
                }
                p += 2 * n;
                for (int i = 0; i < outputs; i++) m[p + i] = cfg.IndexOfOutput(zone.OutputIds[i]);
                p += outputs;
                for (int i = 0; i < stops; i++) m[p + i] = cfg.IndexOfInput(zone.EmergencyStopInputIds[i]);
                p += stops;
                DustCollectorConfig c = zone.Collector;
                if (c != null)
                {
                    m[p + CollectorDp] = Index(alarms, c.DpChannelId);
                    m[p + CollectorDp + 1] = Index(alarms, c.HopperTemperatureChannelId);
                    m[p + CollectorDp + 2] = c.Wet ? Index(alarms, c.WaterLevelChannelId) : -1;
                    m[p + CollectorDp + 3] = c.Wet ? Index(alarms, c.WaterFlowChannelId) : -1;
                    m[p + CollectorAirlock] = cfg.IndexOfInput(c.AirlockFaultInputId);
                    m[p + CollectorSpark] = c.SparkDetectorInputId != null ? cfg.IndexOfInput(c.SparkDetectorInputId) : -1;
                    p += CollectorLength;
                }

                int capacity = CauseBound(m, z, outBase, zone, alarms);
                m[b + CauseStart] = causes;
                m[b + CauseCapacity] = capacity;
                causes += capacity;
                m[b + SeenStart] = seen;
                seen += SeenSlots(m, z, outBase, zone);
                b = p;
            }
            return m;
        }

        /// <summary>Start of the zone's collector section (valid only when it has a collector).</summary>
        public static int CollectorSection(int[] m, int z)
        {
            int b = m[z];
            return b + HeaderLength + 2 * m[b + ChannelCount] + m[b + OutputCount] + m[b + EmergencyStopCount];
        }

        /// <summary>
        /// A zone's seen-value slots: the heartbeat age when the heartbeat is supervised, the link
        /// age when the link is, then value and age per channel reference.
        /// </summary>
        private static int SeenSlots(int[] m, int z, int outBase, ZoneConfig zone)
        {
            int b = m[z];
            int references = m[b + ChannelCount] + (zone.Collector != null ? CollectorChannels : 0);
            int first = b + HeaderLength + 2 * m[b + ChannelCount];
            for (int i = 0; i < m[b + OutputCount]; i++)
            {
                int o = m[first + i];
                if (o >= 0 && m[outBase + o * OutputEntryLength + OutputLoadChannel] >= 0) references++;
            }
            return (zone.MonitoringHeartbeatTimeoutMs > 0 ? 1 : 0) + (zone.PlatformLinkGraceMs > 0 ? 1 : 0) + 2 * references;
        }

        /// <summary>Seen-value slots of every zone together.</summary>
        public static int SeenTotal(int[] m, ZoneConfig[] zones)
        {
            int total = 0;
            for (int z = 0; z < zones.Length; z++) total += SeenSlots(m, z, m[zones.Length], zones[z]);
            return total;
        }

        /// <summary>Cause slots of every zone together.</summary>
        public static int CauseTotal(int[] m, int zoneCount)
        {
            int total = 0;
            for (int z = 0; z < zoneCount; z++) total += m[m[z] + CauseCapacity];
            return total;
        }

        /// <summary>
        /// The most causes the zone can have at once, counted from what is wired to it (mirrors
        /// ZoneEngine.ComputeConditions): a channel's health gives at most 4 (fault, stale,
        /// inhibited, calibration overdue — its zone limit only when none of them), plus one per
        /// alarm level at or above the permit level, plus its presence input; an input 1; an
        /// output its feedback 1, its load-current channel 4 (health, or the bypass) and its
        /// load-current input 1.
        /// </summary>
        private static int CauseBound(int[] m, int z, int outBase, ZoneConfig zone, AlarmEngine alarms)
        {
            int b = m[z];
            int n = m[b + ChannelCount];
            int bound = 0;
            for (int i = 0; i < n; i++)
            {
                int a = m[b + HeaderLength + i];
                bound += ChannelHealthCauses;
                if (a >= 0)
                {
                    for (int l = 0; l < alarms.LevelCount(a); l++)
                    {
                        if ((int)alarms.LevelKindOf(a, l) >= (int)zone.PermitLevel(i)) bound++;
                    }
                }
                if (m[b + HeaderLength + n + i] >= 0) bound++;
            }
            if (m[b + MonitoringInput] >= 0) bound++;
            if (zone.MonitoringHeartbeatTimeoutMs > 0) bound++;
            if (zone.PlatformLinkGraceMs > 0) bound++;
            if (zone.Collector != null)
            {
                int cs = CollectorSection(m, z);
                for (int k = 0; k < CollectorChannels; k++)
                {
                    if (m[cs + CollectorDp + k] >= 0) bound += ChannelHealthCauses;
                }
                if (m[cs + CollectorAirlock] >= 0) bound++;
                if (m[cs + CollectorSpark] >= 0) bound++;
            }
            if (zone.RequiresWorkAuthorisation) bound++;
            bound += m[b + EmergencyStopCount];
            if (m[b + EnclosureInput] >= 0) bound++;
            int outputs = m[b + OutputCount];
            int first = b + HeaderLength + 2 * n;
            for (int i = 0; i < outputs; i++)
            {
                int o = m[first + i];
                if (o < 0) continue;
                int e = outBase + o * OutputEntryLength;
                if (m[e + OutputFeedback] >= 0) bound++;
                if (m[e + OutputLoadChannel] >= 0) bound += ChannelHealthCauses;
                if (m[e + OutputLoadInput] >= 0) bound++;
            }
            return bound;
        }

        private const int ChannelHealthCauses = 4;

        private static int Count(string[] ids) { return ids == null ? 0 : ids.Length; }

        private static int Index(AlarmEngine alarms, string id)
        {
            return id == null ? -1 : alarms.IndexOf(id);
        }
    }
}
