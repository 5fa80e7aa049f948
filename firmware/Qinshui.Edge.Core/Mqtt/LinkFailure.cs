namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>Why the last attempt to reach the broker failed (reported in health once the link is up).</summary>
    public enum LinkFailure
    {
        None = 0,
        /// <summary>No IP network (Wi-Fi not joined, Ethernet cable out, no DHCP lease).</summary>
        NoNetwork = 1,
        /// <summary>The broker's host name did not resolve (M2Mqtt resolves it when the client is constructed).</summary>
        Dns = 2,
        /// <summary>The broker answered CONNACK with a non-zero reason code (bad credentials, not authorised, ...).</summary>
        Refused = 3,
        /// <summary>The TLS handshake failed (certificate, time, cipher suite).</summary>
        Tls = 4,
        /// <summary>Anything else: TCP refused or reset, timeout, client exception.</summary>
        Other = 5,
    }
}
