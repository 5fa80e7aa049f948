using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// A gas/dust channel a zone depends on. The zone is permitted only while the channel is
    /// healthy, fresh, not inhibited, calibrated, and below the permit level: no level of kind
    /// PermitLevel or higher (Warning &lt; Alarm &lt; Trip &lt; SecondTrip) active or latched, and,
    /// when HasLimit, the value below the zone's own stricter Limit (e.g. hot work in a mine:
    /// CH4 ≤ 0.5 %vol, 煤矿安全规程).
    /// How a channel is given to <see cref="ZoneConfig.SetChannels"/>, which packs the list into
    /// one array per field; read it back with ZoneConfig.ChannelId(i), PermitLevel(i), ….
    /// </summary>
    public sealed class ZoneChannel
    {
        public ZoneChannel(string channelId, LevelKind permitLevel)
        {
            ChannelId = channelId;
            PermitLevel = permitLevel;
            Limit = double.NaN;
            LimitStandard = "";
        }

        /// <summary>A channel with a zone limit stricter than its alarm levels (value must stay below it).</summary>
        public static ZoneChannel WithLimit(string channelId, LevelKind permitLevel, double limit, string standard)
        {
            ZoneChannel c = new ZoneChannel(channelId, permitLevel);
            c.HasLimit = true;
            c.Limit = limit;
            c.LimitStandard = standard;
            return c;
        }

        public string ChannelId { get; set; }

        /// <summary>The lowest level kind that takes the zone's permit away.</summary>
        public LevelKind PermitLevel { get; set; }

        public bool HasLimit { get; set; }

        /// <summary>Zone's own upper limit in the channel's unit: permitted only while value &lt; Limit.</summary>
        public double Limit { get; set; }

        public string LimitStandard { get; set; }

        /// <summary>Optional input that is active while the sensor is plugged in (connector or loop-detect contact).</summary>
        public string PresenceInputId { get; set; }
    }
}
