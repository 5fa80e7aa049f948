// Package nanoFramework.M2Mqtt 5.1.212 — declarations only.
// Read from github.com/nanoframework/nanoFramework.m2mqtt @ v5.1.212 (a1a4d316):
//   M2Mqtt/MqttClient.cs (constructor, Connect with will, Publish with QoS and retain, Subscribe,
//   Disconnect, Close, Dispose), nanoFramework.M2Mqtt.Core/IMqttClient.cs (delegates, events),
//   MqttSslProtocols.cs, Messages/MqttQoSLevel.cs and MqttReasonCode.cs (int enums),
//   Messages/MqttMsgPublishEventArgs.cs, Messages/MqttMsgPublishedEventArgs.cs.
//   The types of nanoFramework.M2Mqtt.Core.dll live here too: one stub assembly stands for both DLLs.
namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel { AtMostOnce = 0x00, AtLeastOnce = 0x01, ExactlyOnce = 0x02, GrantedFailure = 0x80 }

    public enum MqttReasonCode { Success = 0x00 }

    public class MqttMsgPublishEventArgs : System.EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { throw null; }
        public string Topic { get { throw null; } }
        public byte[] Message { get { throw null; } }
    }

    public class MqttMsgPublishedEventArgs : System.EventArgs
    {
        public MqttMsgPublishedEventArgs(ushort messageId) { throw null; }
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) { throw null; }
        public ushort MessageId { get { throw null; } set { throw null; } }
        public bool IsPublished { get { throw null; } set { throw null; } }
    }
}

namespace nanoFramework.M2Mqtt
{
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttSslProtocols { None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3 }

    public interface IMqttClient
    {
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);
        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);
        public delegate void ConnectionClosedEventHandler(object sender, System.EventArgs e);
    }

    public class MqttClient : IMqttClient, System.IDisposable
    {
        /// <summary>Resolves brokerHostName (Dns.GetHostEntry in MqttNetworkChannel's constructor): throws without DNS.</summary>
        public MqttClient(string brokerHostName, int brokerPort, bool secure,
            System.Security.Cryptography.X509Certificates.X509Certificate caCert,
            System.Security.Cryptography.X509Certificates.X509Certificate clientCert,
            MqttSslProtocols sslProtocol) { throw null; }
        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived { add { throw null; } remove { throw null; } }
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished { add { throw null; } remove { throw null; } }
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed { add { throw null; } remove { throw null; } }
        public bool IsConnected { get { throw null; } }
        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain,
            MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession,
            ushort keepAlivePeriod) { throw null; }
        public ushort Publish(string topic, byte[] message, string contentType, System.Collections.ArrayList userProperties,
            MqttQoSLevel qosLevel, bool retain) { throw null; }
        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) { throw null; }
        public void Disconnect() { throw null; }
        public void Close() { throw null; }
        public void Dispose() { throw null; }
    }
}
