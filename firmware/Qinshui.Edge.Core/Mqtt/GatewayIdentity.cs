namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Who is speaking: site, gateway, this boot's id, firmware version and the hash of the
    /// running configuration. The boot id comes from the composition root (a random 32-bit
    /// value or a persisted boot counter, as 8 hex digits): with the sequence number it makes
    /// every message unique, so the platform can see gaps and duplicates across reboots.
    /// </summary>
    public sealed class GatewayIdentity
    {
        public GatewayIdentity(string site, string gateway, string bootId, string firmwareVersion, string configHashHex)
        {
            Site = site;
            Gateway = gateway;
            BootId = bootId;
            FirmwareVersion = firmwareVersion;
            ConfigHashHex = configHashHex == null ? "" : configHashHex;
        }

        public string Site { get; }
        public string Gateway { get; }
        public string BootId { get; }
        public string FirmwareVersion { get; }
        public string ConfigHashHex { get; }

        /// <summary>Boot id from a 32-bit value (8 lowercase hex digits).</summary>
        public static string BootIdFrom(uint value)
        {
            char[] c = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                int n = (int)(value & 15);
                c[i] = (char)(n < 10 ? '0' + n : 'a' + n - 10);
                value >>= 4;
            }
            return new string(c);
        }
    }
}
