using System.Threading;
using System.Device.Wifi;
using nanoFramework.Networking;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// Brings the network up: Wi-Fi (DHCP, automatic reconnection) or the board's Ethernet PHY.
    /// Bounded by a timeout; the caller carries on without network (local safety never depends
    /// on it) and retries later. The date is not required here: clock trust is tracked separately.
    /// </summary>
    public static class NetworkStarter
    {
        public static bool ConnectWifi(string ssid, string password, int timeoutMs, out string status)
        {
            CancellationTokenSource cts = new CancellationTokenSource(timeoutMs);
            bool ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
            status = Describe(WifiNetworkHelper.Status, WifiNetworkHelper.HelperException);
            cts.Dispose();
            return ok;
        }

        public static bool ConnectEthernet(int timeoutMs, out string status)
        {
            CancellationTokenSource cts = new CancellationTokenSource(timeoutMs);
            bool ok = NetworkHelper.SetupAndConnectNetwork(cts.Token, false);
            status = Describe(NetworkHelper.Status, NetworkHelper.HelperException);
            cts.Dispose();
            return ok;
        }

        private static string Describe(NetworkHelperStatus s, System.Exception e)
        {
            switch (s)
            {
                case NetworkHelperStatus.NetworkIsReady: return "network ready";
                case NetworkHelperStatus.FailedNoNetworkInterface: return "no network interface configured";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress: return "timed out waiting for an IP address";
                case NetworkHelperStatus.ExceptionOccurred: return "network error: " + (e == null ? "unknown" : e.Message);
                default: return "network status " + (int)s;
            }
        }
    }
}
