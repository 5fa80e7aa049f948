using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// A gateway's whole configuration, as loaded from one JSON file and validated by the same
    /// code on the device and in qedge. Fixed for the life of a boot; state lives elsewhere.
    /// </summary>
    public sealed class GatewayConfig
    {
        public const int SchemaVersion = 1;

        public GatewayConfig(string siteId, string siteName, string gatewayId, string gatewayName, ChannelConfig[] channels)
        {
            SiteId = siteId;
            SiteName = siteName;
            GatewayId = gatewayId;
            GatewayName = gatewayName;
            Channels = channels;
        }

        public string SiteId { get; }
        public string SiteName { get; }
        public string GatewayId { get; }
        public string GatewayName { get; }
        public ChannelConfig[] Channels { get; }

        /// <summary>SHA-256 of the configuration bytes as loaded, lowercase hex (reported in birth and replies).</summary>
        public string Hash { get; internal set; }
    }
}
