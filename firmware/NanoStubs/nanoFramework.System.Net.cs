// Package nanoFramework.System.Net 1.11.50 — declarations only.
// Read from github.com/nanoframework/nanoFramework.System.Net @ v1.11.27 (14084b24, the last stored
//   snapshot; 1.11.50 is not stored — see packages.manifest.json): nanoFramework.System.Net/
//   NetworkHelper/NetworkHelper.cs, NetworkHelper/NetworkHelperStatus.cs, X509Certificates/
//   X509Certificate.cs and X509Certificate2.cs (the string overloads append the NUL mbedTLS needs).
namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
    }

    public static class NetworkHelper
    {
        public static NetworkHelperStatus Status { get { throw null; } }
        public static System.Exception HelperException { get { throw null; } }
        public static bool SetupAndConnectNetwork(System.Threading.CancellationToken token = default, bool requiresDateTime = false) { throw null; }
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { throw null; }
        public X509Certificate(byte[] certificate) { throw null; }
        public X509Certificate(string certificate) { throw null; }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() { throw null; }
        public X509Certificate2(byte[] rawData) { throw null; }
        public X509Certificate2(string certificate) { throw null; }
        public X509Certificate2(string rawData, string key, string password) { throw null; }
        public X509Certificate2(byte[] rawData, string key, string password) { throw null; }
        public X509Certificate2(byte[] rawData, byte[] key, string password) { throw null; }
    }
}
