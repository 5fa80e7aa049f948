using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The platform over a real MQTT broker (the embedded MQTTnet broker or --broker): the gateway
/// publishes through <see cref="MqttNetLink"/> (QoS 1, PUBACK → journal acknowledged) and a
/// second client subscribed to qinshui/v1/{site}/{gateway}/# plays the platform: it records what
/// arrives and publishes the platform's signed commands. A scenario's broker outage (or a gateway
/// power cut) gates the gateway's link: it reports disconnected, refuses publishes and loses the
/// acknowledgements not yet taken, as on a dropped TCP connection; the session replays from the journal.
/// Real time only: messages cross a real socket, so runs are not deterministic.
/// </summary>
public sealed class BrokerPlatform : IPlatformSide
{
    private readonly MqttNetLink _gatewayLink;
    private readonly GatedLink _gated;
    private readonly IMqttClient _platform;
    private readonly Func<long> _nowMs;
    private readonly string _host;
    private readonly int _port;

    public BrokerPlatform(string host, int port, string site, string gateway, Func<long> nowMs)
    {
        _host = host;
        _port = port;
        _nowMs = nowMs;
        Inbox = new PlatformInbox();
        string prefix = $"qinshui/v1/{site}/{gateway}/";
        _gatewayLink = new MqttNetLink(new MqttLinkOptions
        {
            Host = host, Port = port, ClientId = gateway, CommandTopic = prefix + "cmd", WillTopic = prefix + "state",
            WillPayload = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}"),
        });
        _gatewayLink.Start();
        _gated = new GatedLink(_gatewayLink);
        var factory = new MqttClientFactory();
        _platform = factory.CreateMqttClient();
        _platform.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            if (!m.Topic.EndsWith("/cmd", StringComparison.Ordinal)) Inbox.Add(new PlatformMessage(_nowMs(), m.Topic, m.Payload.ToArray()));
            return Task.CompletedTask;
        };
        var options = factory.CreateClientOptionsBuilder().WithTcpServer(host, port).WithClientId("qedge-platform-" + gateway).WithCleanSession(true).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _platform.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
        var sub = factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(prefix + "#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build();
        _platform.SubscribeAsync(sub, timeout.Token).GetAwaiter().GetResult();
    }

    public string Description => $"MQTT broker at {_host}:{_port} (gateway over MQTTnet, platform subscribed)";
    public string DescriptionZh => $"MQTT 代理服务器 {_host}:{_port}（网关经 MQTTnet 连接，平台已订阅）";
    public IMqttLink Link => _gated;
    public PlatformInbox Inbox { get; }
    public long Published => _gated.Published;
    public long Acknowledged => _gated.Acknowledged;
    public void GatewayPowered(bool powered) => _gated.Powered = powered;
    public void BrokerAvailable(bool available) => _gated.BrokerAvailable = available;

    public void SendCommand(string topic, byte[] payload)
    {
        var msg = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        _platform.PublishAsync(msg).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try
        {
            _platform.DisconnectAsync().GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // The broker may already be gone at shutdown.
        }
        _platform.Dispose();
        _gatewayLink.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The gateway's link, cut while the broker is "down" or the gateway unpowered.</summary>
    private sealed class GatedLink(IMqttLink inner) : IMqttLink
    {
        public bool BrokerAvailable { get; set; } = true;
        public bool Powered { get; set; } = true;
        public long Published { get; private set; }
        public long Acknowledged { get; private set; }
        private bool Open => BrokerAvailable && Powered;

        public bool IsConnected => Open && inner.IsConnected;

        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!Open) return 0;
            int t = inner.Publish(topic, payload, offset, count, retain);
            if (t > 0) Published++;
            return t;
        }

        public bool TryTakeAcknowledged(out int token)
        {
            if (!Open)
            {
                // A dropped connection: acknowledgements in flight are lost; the journal keeps those records.
                while (inner.TryTakeAcknowledged(out _)) { }
                token = 0;
                return false;
            }
            if (!inner.TryTakeAcknowledged(out token)) return false;
            Acknowledged++;
            return true;
        }

        public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
        {
            topicLength = 0;
            payloadLength = 0;
            return Open && inner.TryReceive(topicBuffer, out topicLength, payloadBuffer, out payloadLength);
        }
    }
}
