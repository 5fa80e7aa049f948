using Qinshui.Edge.Core.Alarms;

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
            _channelIds = new string[0];
            _channelLevels = new byte[0];
            OutputIds = new string[0];
            EmergencyStopInputIds = new string[0];
            SettleMs = DefaultSettleMs;
            ProofTestTimeoutMs = DefaultProofTestTimeoutMs;
            ProofTestIntervalMs = DefaultProofTestIntervalMs;
        }

        public string Id { get; set; }
        public string Title { get; set; }

        // The zone's channels, packed one array per field (docs/memory.md: an object per channel
        // costs 12 B per field on nanoFramework): ids, the permit level with a has-limit bit, and
        // the limits, limit standards and presence inputs only when some channel has one.
        private const int HasLimitBit = 0x80;
        private string[] _channelIds;
        private byte[] _channelLevels;
        private double[] _channelLimits;
        private string[] _channelTexts;

        /// <summary>
        /// Sets the zone's channels (null = missing, which the validator refuses). They are
        /// copied into the packed arrays; read them back with ChannelId(i), PermitLevel(i), ….
        /// </summary>
        public void SetChannels(ZoneChannel[] channels)
        {
            if (channels == null)
            {
                _channelIds = null;
                _channelLevels = null;
                _channelLimits = null;
                _channelTexts = null;
                return;
            }
            int n = channels.Length;
            _channelIds = new string[n];
            _channelLevels = new byte[n];
            bool limits = false;
            bool texts = false;
            for (int i = 0; i < n; i++)
            {
                ZoneChannel c = channels[i];
                if (c == null) continue;
                if (c.HasLimit) limits = true;
                if (c.HasLimit || c.PresenceInputId != null) texts = true;
            }
            _channelLimits = limits ? new double[n] : null;
            _channelTexts = texts ? new string[2 * n] : null;
            for (int i = 0; i < n; i++)
            {
                ZoneChannel c = channels[i];
                if (c == null)
                {
                    _channelLevels[i] = MissingEntry;
                    continue;
                }
                _channelIds[i] = c.ChannelId;
                _channelLevels[i] = (byte)((int)c.PermitLevel | (c.HasLimit ? HasLimitBit : 0));
                if (limits) _channelLimits[i] = c.HasLimit ? c.Limit : double.NaN;
                if (texts)
                {
                    _channelTexts[2 * i] = c.HasLimit ? c.LimitStandard : null;
                    _channelTexts[2 * i + 1] = c.PresenceInputId;
                }
            }
        }

        /// <summary>A null entry in the list given to SetChannels (the validator refuses it).</summary>
        private const byte MissingEntry = 0x40;

        /// <summary>False when no channel list was given (the validator refuses that).</summary>
        public bool HasChannelList { get { return _channelIds != null; } }
        public int ChannelCount { get { return _channelIds == null ? 0 : _channelIds.Length; } }
        public bool IsChannelMissing(int i) { return _channelLevels[i] == MissingEntry; }
        public string ChannelId(int i) { return _channelIds[i]; }
        public void SetChannelId(int i, string id) { _channelIds[i] = id; }

        /// <summary>The lowest level kind that takes the zone's permit away.</summary>
        public LevelKind PermitLevel(int i) { return (LevelKind)(_channelLevels[i] & 0x0F); }

        public bool HasLimit(int i) { return (_channelLevels[i] & HasLimitBit) != 0; }

        /// <summary>Zone's own upper limit in the channel's unit (NaN without one): permitted only while value &lt; Limit.</summary>
        public double Limit(int i) { return _channelLimits == null ? double.NaN : _channelLimits[i]; }

        public string LimitStandard(int i)
        {
            string s = _channelTexts == null ? null : _channelTexts[2 * i];
            return s == null ? "" : s;
        }

        /// <summary>Optional input that is active while the sensor is plugged in (null = none).</summary>
        public string PresenceInputId(int i) { return _channelTexts == null ? null : _channelTexts[2 * i + 1]; }

        /// <summary>The permissive outputs the zone drives (each output belongs to one zone).</summary>
        public string[] OutputIds { get; set; }

        /// <summary>Monitoring must be present (无监控不作业): the NVR contact and/or a heartbeat.</summary>
        public bool RequiresMonitoring { get { return (_flags & RequiresMonitoringFlag) != 0; } set { SetFlag(RequiresMonitoringFlag, value); } }

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
        public bool RequiresWorkAuthorisation { get { return (_flags & RequiresWorkAuthorisationFlag) != 0; } set { SetFlag(RequiresWorkAuthorisationFlag, value); } }

        /// <summary>E-stop inputs (active = pressed) wired to this zone.</summary>
        public string[] EmergencyStopInputIds { get; set; }

        /// <summary>Input active while the enclosure is open (null = none).</summary>
        public string EnclosureTamperInputId { get; set; }

        /// <summary>Every cause must have been clear this long before a reset is accepted.</summary>
        public int SettleMs { get; set; }

        /// <summary>Whether the platform may reset the zone (never while a cause persists).</summary>
        public bool AllowRemoteReset { get { return (_flags & AllowRemoteResetFlag) != 0; } set { SetFlag(AllowRemoteResetFlag, value); } }

        /// <summary>During a proof test, every output's feedback must confirm the cut within this time.</summary>
        public int ProofTestTimeoutMs { get; set; }

        public long ProofTestIntervalMs { get; set; }

        // The yes/no settings share one field (each class field costs 12 B on nanoFramework).
        private const int RequiresMonitoringFlag = 1;
        private const int RequiresWorkAuthorisationFlag = 2;
        private const int AllowRemoteResetFlag = 4;
        private int _flags;

        private void SetFlag(int flag, bool on)
        {
            if (on) _flags |= flag;
            else _flags &= ~flag;
        }
    }
}
