using System;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Firmware.Adapters;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// Network and MQTT link start-up (issue 14): nothing here can end Main. The network is retried
    /// from the link thread while down; the MQTT client is built by M2MqttLink on that thread.
    /// </summary>
    public static partial class Program
    {
        /// <summary>Brings the network up once; a failure is logged and retried by MaintainNetwork, never fatal.</summary>
        private static void TryNetwork()
        {
            string status;
            bool up;
            try
            {
                up = s_identity.UseEthernet
                    ? NetworkStarter.ConnectEthernet(NetworkTimeoutMs, out status)
                    : NetworkStarter.ConnectWifi(s_identity.WifiSsid, s_identity.WifiPassword, NetworkTimeoutMs, out status);
            }
            catch (Exception e)
            {
                up = false;
                status = "network error: " + e.Message;
            }
            s_log.Write(up ? LogLevel.Info : LogLevel.Warning, "network (" + (s_identity.UseEthernet ? "ethernet" : "wifi") + "): " + status);
            if (up && !s_networkUp) s_clock.StartSntp(s_identity.Sntp1, s_identity.Sntp2);
            s_networkUp = up;
        }

        /// <summary>While the network is down, tries again every 30 s from the link thread (the scan never waits on it).</summary>
        private static void MaintainNetwork(long nowMs)
        {
            if (s_networkUp || nowMs < s_nextNetworkTryMs) return;
            s_nextNetworkTryMs = nowMs + 30000;
            TryNetwork();
        }

        private static void StartNetwork()
        {
            TryNetwork();
            byte[] ca = FlashFiles.ReadAll(CaPath);
            if (s_identity.BrokerHost == null || ca == null)
            {
                s_log.Write(LogLevel.Warning, "mqtt: no broker or CA certificate provisioned; running without the platform link");
                return;
            }
            if (!MqttTopics.IsValidId(s_identity.Site) || !MqttTopics.IsValidId(s_identity.Gateway))
            {
                s_log.Write(LogLevel.Error, "mqtt: site or gateway id in identity.json is not a valid topic level; running without the platform link");
                return;
            }
            MqttTopics topics = new MqttTopics(s_identity.Site, s_identity.Gateway);
            // No client is built here: M2MqttLink creates it on the link thread (LinkLifecycle), so no
            // DNS, broker or TLS failure can end Main. PEM stays text for the X509 string overloads.
            s_link = new M2MqttLink(s_identity.BrokerHost, s_identity.BrokerPort, PemText(ca), PemText(FlashFiles.ReadAll(ClientCertPath)),
                PemText(FlashFiles.ReadAll(ClientKeyPath)), s_identity.Site + "/" + s_identity.Gateway, s_identity.MqttUsername, s_identity.MqttPassword,
                topics.Topic(MessageKind.State), "{\"state\":\"offline\"}", topics.Topic(MessageKind.Cmd), s_linkHealth);
        }

        private static string PemText(byte[] pem)
        {
            return pem == null ? null : Utf8.Decode(pem, 0, pem.Length);
        }
    }
}
