using System;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The MQTT link over nanoFramework.M2Mqtt: TLS 1.2 with the site CA and the gateway's client
    /// certificate, a retained last will on the state topic (offline), QoS 1 publishes whose
    /// PUBACKs come back as tokens. The client is created and re-created by LinkLifecycle (core)
    /// inside Maintain, which only the link's own thread calls, under catch, with backoff: M2Mqtt
    /// resolves the broker's name in its constructor (MqttNetworkChannel, v5.1.212), so a boot
    /// without DNS only counts a failure and the next attempt resolves again. PEM goes to the
    /// string overloads of X509Certificate/X509Certificate2, which append the NUL mbedTLS's PEM
    /// parser needs (System.Net X509Certificate.cs). Received commands wait in a small fixed
    /// queue; when it is full the newest is dropped and counted.
    /// Known cost: M2Mqtt's Publish takes a whole byte[], so each publish copies the payload.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink, IBrokerSession
    {
        private const int AckCapacity = 32;
        private const int InboxCapacity = 4;

        private MqttClient _client;
        private readonly string _host;
        private readonly int _port;
        private readonly string _caPem;
        private readonly string _clientCertPem;
        private readonly string _clientKeyPem;
        private readonly string _clientId;
        private readonly string _username;
        private readonly string _password;
        private readonly string _willTopic;
        private string _willMessage;
        private readonly string[] _subscriptions;
        private readonly object _sync = new object();
        private readonly int[] _acks = new int[AckCapacity];
        private int _ackHead;
        private int _ackCount;
        private readonly string[] _inboxTopic = new string[InboxCapacity];
        private readonly byte[][] _inboxPayload = new byte[InboxCapacity][];
        private int _inboxHead;
        private int _inboxCount;
        private readonly LinkLifecycle _lifecycle;

        public M2MqttLink(string host, int port, string caCertificatePem, string clientCertificatePem, string clientKeyPem,
            string clientId, string username, string password, string willTopic, string willMessage, string commandTopic, LinkHealth health)
        {
            _host = host;
            _port = port;
            _caPem = caCertificatePem;
            _clientCertPem = clientCertificatePem;
            _clientKeyPem = clientKeyPem;
            _clientId = clientId;
            _username = username;
            _password = password;
            _willTopic = willTopic;
            _willMessage = willMessage;
            _subscriptions = new string[] { commandTopic };
            _lifecycle = new LinkLifecycle(this, health);
        }

        public bool IsConnected
        {
            get
            {
                MqttClient c = _client;
                return c != null && c.IsConnected;
            }
        }

        /// <summary>Replaces the last will (the runtime's offline state message) before the next connection.</summary>
        public void SetWill(string message)
        {
            _willMessage = message;
        }

        public int DroppedCommands { get; private set; }
        public string LastError { get; private set; }

        /// <summary>Connects when due (link thread only); true exactly when a new session was established (the session then sends birth).</summary>
        public bool Maintain(long nowMs, bool networkUp)
        {
            return _lifecycle.Maintain(nowMs, networkUp);
        }

        void IBrokerSession.Create()
        {
            X509Certificate ca = new X509Certificate(_caPem);
            X509Certificate2 client = _clientCertPem == null ? null : new X509Certificate2(_clientCertPem, _clientKeyPem, "");
            MqttClient c = new MqttClient(_host, _port, true, ca, client, MqttSslProtocols.TLSv1_2);
            c.MqttMsgPublished += OnPublished;
            c.MqttMsgPublishReceived += OnReceived;
            _client = c;
        }

        int IBrokerSession.Connect()
        {
            // Will: retained, QoS 1 — the platform sees "offline" when the gateway dies (Sparkplug-style death).
            MqttReasonCode rc = _client.Connect(_clientId, _username, _password, true, MqttQoSLevel.AtLeastOnce, true,
                _willTopic, _willMessage, false, 30);
            if (rc == MqttReasonCode.Success) _client.Subscribe(_subscriptions, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
            return (int)rc;
        }

        void IBrokerSession.Drop()
        {
            MqttClient c = _client;
            _client = null;
            if (c == null) return;
            c.MqttMsgPublished -= OnPublished;
            c.MqttMsgPublishReceived -= OnReceived;
            c.Dispose();
        }

        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            MqttClient c = _client;
            if (c == null || !c.IsConnected) return 0;
            byte[] copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            try
            {
                ushort id = c.Publish(topic, copy, null, null, MqttQoSLevel.AtLeastOnce, retain);
                return id == 0 ? 0 : id;
            }
            catch (Exception e)
            {
                LastError = e.Message;
                return 0;
            }
        }

        public bool TryTakeAcknowledged(out int token)
        {
            lock (_sync)
            {
                if (_ackCount == 0)
                {
                    token = 0;
                    return false;
                }
                token = _acks[_ackHead];
                _ackHead = (_ackHead + 1) % AckCapacity;
                _ackCount--;
                return true;
            }
        }

        public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
        {
            topicLength = 0;
            payloadLength = 0;
            string topic;
            byte[] payload;
            lock (_sync)
            {
                if (_inboxCount == 0) return false;
                topic = _inboxTopic[_inboxHead];
                payload = _inboxPayload[_inboxHead];
                _inboxTopic[_inboxHead] = null;
                _inboxPayload[_inboxHead] = null;
                _inboxHead = (_inboxHead + 1) % InboxCapacity;
                _inboxCount--;
            }
            if (Utf8.ByteCount(topic) > topicBuffer.Length || payload.Length > payloadBuffer.Length)
            {
                // Oversized: refused here by size; the command layer sees nothing rather than a cut message.
                DroppedCommands++;
                return false;
            }
            topicLength = Utf8.Encode(topic, topicBuffer, 0);
            Array.Copy(payload, 0, payloadBuffer, 0, payload.Length);
            payloadLength = payload.Length;
            return true;
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished) return;
            lock (_sync)
            {
                if (_ackCount == AckCapacity)
                {
                    _ackHead = (_ackHead + 1) % AckCapacity;
                    _ackCount--;
                }
                _acks[(_ackHead + _ackCount) % AckCapacity] = e.MessageId;
                _ackCount++;
            }
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            lock (_sync)
            {
                if (_inboxCount == InboxCapacity)
                {
                    DroppedCommands++;
                    return;
                }
                int i = (_inboxHead + _inboxCount) % InboxCapacity;
                _inboxTopic[i] = e.Topic;
                _inboxPayload[i] = e.Message;
                _inboxCount++;
            }
        }
    }
}
