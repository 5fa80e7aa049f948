using System;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The MQTT link over nanoFramework.M2Mqtt: TLS 1.2 with the site CA and the gateway's client
    /// certificate, a retained last will on the state topic (offline), QoS 1 publishes whose
    /// PUBACKs come back as tokens, and reconnect with exponential backoff (1 s to 60 s) driven
    /// by Maintain from the MQTT pump thread — never from the scan. Received commands wait in a
    /// small fixed queue; when it is full the newest is dropped and counted.
    /// Known cost: M2Mqtt's Publish takes a whole byte[], so each publish copies the payload.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        private const int AckCapacity = 32;
        private const int InboxCapacity = 4;
        private const int MinBackoffMs = 1000;
        private const int MaxBackoffMs = 60000;

        private readonly MqttClient _client;
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
        private long _nextAttemptMs;
        private int _backoffMs = MinBackoffMs;

        public M2MqttLink(string host, int port, byte[] caCertificatePem, byte[] clientCertificatePem, byte[] clientKeyPem,
            string clientId, string username, string password, string willTopic, string willMessage, string commandTopic)
        {
            X509Certificate ca = new X509Certificate(caCertificatePem);
            X509Certificate2 client = clientCertificatePem == null ? null : new X509Certificate2(clientCertificatePem, clientKeyPem, "");
            _client = new MqttClient(host, port, true, ca, client, MqttSslProtocols.TLSv1_2);
            _client.MqttMsgPublished += OnPublished;
            _client.MqttMsgPublishReceived += OnReceived;
            _clientId = clientId;
            _username = username;
            _password = password;
            _willTopic = willTopic;
            _willMessage = willMessage;
            _subscriptions = new string[] { commandTopic };
        }

        public bool IsConnected { get { return _client.IsConnected; } }

        /// <summary>Replaces the last will (the runtime's offline state message) before the next connection.</summary>
        public void SetWill(string message)
        {
            _willMessage = message;
        }

        public int DroppedCommands { get; private set; }
        public string LastError { get; private set; }

        /// <summary>Connects when due; returns true exactly when a new session was established (the session then sends birth).</summary>
        public bool Maintain(long nowMs)
        {
            if (_client.IsConnected || nowMs < _nextAttemptMs) return false;
            try
            {
                // Will: retained, QoS 1 — the platform sees "offline" when the gateway dies (Sparkplug-style death).
                MqttReasonCode rc = _client.Connect(_clientId, _username, _password, true, MqttQoSLevel.AtLeastOnce, true,
                    _willTopic, _willMessage, false, 30);
                if (rc == MqttReasonCode.Success)
                {
                    _client.Subscribe(_subscriptions, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce });
                    _backoffMs = MinBackoffMs;
                    LastError = null;
                    return true;
                }
                LastError = "broker refused the connection (reason " + (int)rc + ")";
            }
            catch (Exception e)
            {
                LastError = e.Message;
            }
            _nextAttemptMs = nowMs + _backoffMs;
            _backoffMs = _backoffMs * 2 > MaxBackoffMs ? MaxBackoffMs : _backoffMs * 2;
            return false;
        }

        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!_client.IsConnected) return 0;
            byte[] copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            try
            {
                ushort id = _client.Publish(topic, copy, null, null, MqttQoSLevel.AtLeastOnce, retain);
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
