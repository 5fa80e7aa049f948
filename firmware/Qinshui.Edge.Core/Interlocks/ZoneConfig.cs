namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Fixed configuration of a zone: a work area (welding bay, heading, grinding line with its
    /// dust collector, confined space) whose permissive outputs are energised only while every
    /// configured condition holds and no trip is latched. Changing state is in <see cref="ZoneState"/>.
    /// </summary>
    public sealed class ZoneConfig
    {
        /// <summary>AQ 1029-2019 practice: gas below restore for a while before power returns.</summary>
        public const int DefaultSettleMs = 60000;
        /// <summary>AQ 6201-2019: over-limit power cut executed within 2 s.</summary>
        public const int DefaultProofTestTimeoutMs = 2000;
        /// <summary>AQ 1029-2019 / AQ 6201-2019: interlocks tested every 15 days.</summary>
        public const long DefaultProofTestIntervalMs = 15L * 24 * 3600 * 1000;

        public ZoneConfig(string id)
        {
            Id = id;
            Title = id;
            Channels = new ZoneChannel[0];
            OutputIds = new string[0];
            EmergencyStopInputIds = new string[0];
            SettleMs = DefaultSettleMs;
            ProofTestTimeoutMs = DefaultProofTestTimeoutMs;
            ProofTestIntervalMs = DefaultProofTestIntervalMs;
        }

        public string Id { get; set; }
        public string Title { get; set; }

        public ZoneChannel[] Channels { get; set; }

        /// <summary>The permissive outputs the zone drives (each output belongs to one zone).</summary>
        public string[] OutputIds { get; set; }

        /// <summary>Monitoring must be present (无监控不作业): the NVR contact and/or a heartbeat.</summary>
        public bool RequiresMonitoring { get; set; }

        /// <summary>Input active while the camera/NVR is online (null = none).</summary>
        public string MonitoringInputId { get; set; }

        /// <summary>Monitoring heartbeat must arrive within this time (0 = no heartbeat supervision).</summary>
        public int MonitoringHeartbeatTimeoutMs { get; set; }

        /// <summary>The platform link must have been alive within this time; 0 = not supervised (sites without network).</summary>
        public int PlatformLinkGraceMs { get; set; }

        /// <summary>Dust collector supervision (null = not a dust zone).</summary>
        public DustCollectorConfig Collector { get; set; }

        /// <summary>
        /// Ask the <see cref="IWorkAuthorisation"/> hook (hot-work permit, entry permit). Without
        /// authorisation the outputs are off; this alone does not latch (a demand, not a fault).
        /// </summary>
        public bool RequiresWorkAuthorisation { get; set; }

        /// <summary>E-stop inputs (active = pressed) wired to this zone.</summary>
        public string[] EmergencyStopInputIds { get; set; }

        /// <summary>Input active while the enclosure is open (null = none).</summary>
        public string EnclosureTamperInputId { get; set; }

        /// <summary>Every cause must have been clear this long before a reset is accepted.</summary>
        public int SettleMs { get; set; }

        /// <summary>Whether the platform may reset the zone (never while a cause persists).</summary>
        public bool AllowRemoteReset { get; set; }

        /// <summary>During a proof test, every output's feedback must confirm the cut within this time.</summary>
        public int ProofTestTimeoutMs { get; set; }

        public long ProofTestIntervalMs { get; set; }
    }
}
