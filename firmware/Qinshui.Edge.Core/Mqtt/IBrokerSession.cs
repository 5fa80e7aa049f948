namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The device's MQTT client as LinkLifecycle drives it. Every method may throw; LinkLifecycle
    /// catches. Create builds a new client (resolving the broker's name again); Drop discards the
    /// current one. Both run on the link's own thread, never on the scan.
    /// </summary>
    public interface IBrokerSession
    {
        bool IsConnected { get; }

        void Create();

        /// <summary>TCP, TLS and MQTT CONNECT; returns the CONNACK reason code (0 = accepted).</summary>
        int Connect();

        void Drop();
    }
}
