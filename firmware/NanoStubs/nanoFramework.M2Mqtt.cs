// Package nanoFramework.M2Mqtt 5.1.212 — declarations only.
// Read from github.com/nanoframework/nanoFramework.m2mqtt: M2Mqtt/MqttClient.cs (constructor,
//   Connect with will, Publish with QoS and retain, Subscribe, events), MqttSslProtocols.cs,
//   Messages/MqttMsgPublishEventArgs.cs, Messages/MqttMsgPublishedEventArgs.cs.
namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel : byte { AtMostOnce = 0x00, AtLeastOnce = 0x01, ExactlyOnce = 0x02 }

    public enum MqttReasonCode : byte { Success = 0x00 }

    public class MqttMsgPublishEventArgs : System.EventArgs
    {
        public string Topic { get { throw null; } }
        public byte[] Message { get { throw null; } }
    }

    public class MqttMsgPublishedEventArgs : System.EventArgs
    {
        public ushort MessageId { get { throw null; } }
        public bool IsPublished { get { throw null; } }
    }
}

namespace nanoFramework.M2Mqtt
{
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttSslProtocols { None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2 }

    public interface IMqttClient
    {
        delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);
        delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);
        delegate void ConnectionClosedEventHandler(object sender, System.EventArgs e);
    }

    public class MqttClient : IMqttClient, System.IDisposable
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure,
            System.Security.Cryptography.X509Certificates.X509Certificate caCert,
            System.Security.Cryptography.X509Certificates.X509Certificate clientCert,
            MqttSslProtocols sslProtocol) { throw null; }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;
        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;
        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

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
