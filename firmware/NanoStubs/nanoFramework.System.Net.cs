// Package nanoFramework.System.Net 1.11.50 — declarations only.
// Read from github.com/nanoframework/System.Net: nanoFramework.System.Net/NetworkHelper/NetworkHelper.cs,
//   NetworkHelper/NetworkHelperStatus.cs, X509Certificates/X509Certificate.cs, X509Certificate2.cs.
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
        ExceptionOccurred,
        Reconnecting,
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
        public X509Certificate(byte[] certificate) { throw null; }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2(byte[] rawData, byte[] key, string password) : base(null) { throw null; }
    }
}
