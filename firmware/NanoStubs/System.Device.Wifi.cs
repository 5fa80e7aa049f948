// Package nanoFramework.System.Device.Wifi 1.5.141 — declarations only.
// Read from github.com/nanoframework/System.Device.Wifi @ v1.5.141 (4539c929):
//   System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs, System.Device.Wifi/WifiReconnectionKind.cs.
namespace System.Device.Wifi
{
    public enum WifiReconnectionKind { Automatic, Manual }
}

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw null; } }
        public static System.Exception HelperException { get { throw null; } }
        public static bool ConnectDhcp(string ssid, string password,
            System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic,
            bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) { throw null; }
    }
}
