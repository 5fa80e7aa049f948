using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// The provisioning bundle's identity (I:\qe\identity.json, written once by `qedge provision`
    /// and flashed with the keys): who the gateway is and how it reaches the platform. Kept apart
    /// from the signed configuration so a gateway without a valid configuration can still connect
    /// and say why it is in its safe state.
    /// </summary>
    public sealed class DeviceIdentity
    {
        public string Site;
        public string Gateway;
        public bool UseEthernet;
        public string WifiSsid;
        public string WifiPassword;
        public string BrokerHost;
        public int BrokerPort = 8883;
        public string MqttUsername;
        public string MqttPassword;
        public string Sntp1;
        public string Sntp2;

        public string TopicPrefix { get { return "qinshui/v1/" + Site + "/" + Gateway + "/"; } }

        public static DeviceIdentity TryParse(byte[] utf8, out string error)
        {
            error = null;
            if (utf8 == null)
            {
                error = "identity.json is missing";
                return null;
            }
            JsonValue v;
            if (!JsonParser.TryParse(utf8, 0, utf8.Length, out v, out error)) return null;
            DeviceIdentity d = new DeviceIdentity();
            if (!v.TryGetString("site", out d.Site) || !v.TryGetString("gateway", out d.Gateway))
            {
                error = "identity.json needs site and gateway";
                return null;
            }
            string network;
            if (v.TryGetString("network", out network)) d.UseEthernet = network == "ethernet";
            v.TryGetString("wifiSsid", out d.WifiSsid);
            v.TryGetString("wifiPassword", out d.WifiPassword);
            v.TryGetString("brokerHost", out d.BrokerHost);
            long port;
            if (v.TryGetLong("brokerPort", out port)) d.BrokerPort = (int)port;
            v.TryGetString("mqttUsername", out d.MqttUsername);
            v.TryGetString("mqttPassword", out d.MqttPassword);
            v.TryGetString("sntp1", out d.Sntp1);
            v.TryGetString("sntp2", out d.Sntp2);
            return d;
        }
    }
}
