using Qinshui.Edge.Desktop.Platform;
using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// The technician's side of the MQTT conversation with one gateway: publishes authenticated
/// commands on …/cmd and waits (bounded) for the matching reply on …/reply; collects events.
/// </summary>
public sealed class PlatformClient : IAsyncDisposable
{
    private readonly MqttClientFactory _factory = new();
    private readonly IMqttClient _client;
    private readonly MqttTopics _topics;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _waiting = new();
    private readonly ConcurrentQueue<JsonElement> _events = new();

    private PlatformClient(MqttTopics topics)
    {
        _topics = topics;
        _client = _factory.CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            try
            {
                var m = e.ApplicationMessage;
                using var doc = JsonDocument.Parse(m.Payload.ToArray());
                var root = doc.RootElement.Clone();
                if (m.Topic == _topics.Topic(MessageKind.Reply))
                {
                    if (root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && _waiting.TryRemove(id.GetString()!, out var tcs))
                        tcs.TrySetResult(root);
                }
                else if (m.Topic == _topics.Topic(MessageKind.Event))
                {
                    _events.Enqueue(root);
                }
            }
            catch (JsonException)
            {
                // Not ours to judge: a malformed message on the gateway's topics is ignored here.
            }
            return Task.CompletedTask;
        };
    }

    public MqttTopics Topics => _topics;

    /// <summary>Events seen since connecting (…/event), oldest first.</summary>
    public IEnumerable<JsonElement> Events => _events;

    /// <summary>Connects to mqtt://host:port or mqtts://host:port (with the site CA and optionally a client certificate).</summary>
    public static async Task<PlatformClient> ConnectAsync(string brokerUrl, string site, string gateway, X509Certificate2? ca, X509Certificate2? clientCert, TimeSpan timeout)
    {
        var uri = new Uri(brokerUrl);
        bool tls = uri.Scheme switch
        {
            "mqtt" => false,
            "mqtts" => true,
            _ => throw new UsageException($"broker must be mqtt://host:port or mqtts://host:port, not '{brokerUrl}'"),
        };
        var c = new PlatformClient(new MqttTopics(site, gateway));
        var b = c._factory.CreateClientOptionsBuilder()
            .WithTcpServer(uri.Host, uri.Port > 0 ? uri.Port : tls ? 8883 : 1883)
            .WithClientId("qedge-" + Guid.NewGuid().ToString("N")[..12])
            .WithCleanSession(true)
            .WithTimeout(timeout);
        if (tls)
        {
            // The site CA as the only anchor, the broker's name checked (BrokerCertificateCheck), and the operator's certificate for mutual TLS.
            if (ca == null) throw new UsageException("mqtts:// needs the site CA (--ca) to check the broker's certificate");
            b = BrokerCredentials.From(ca, clientCert).Apply(b, uri.Host);
        }
        using var cts = new CancellationTokenSource(timeout);
        await c._client.ConnectAsync(b.Build(), cts.Token).ConfigureAwait(false);
        var sub = c._factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(c._topics.Topic(MessageKind.Reply), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(c._topics.Topic(MessageKind.Event), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await c._client.SubscribeAsync(sub, cts.Token).ConfigureAwait(false);
        return c;
    }

    /// <summary>Publishes a command built by CommandEnvelope and waits for the reply with its id; null on timeout.</summary>
    public async Task<JsonElement?> SendAsync(string id, byte[] command, TimeSpan timeout)
    {
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = tcs;
        var msg = new MqttApplicationMessageBuilder().WithTopic(_topics.Topic(MessageKind.Cmd)).WithPayload(command)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await _client.PublishAsync(msg).ConfigureAwait(false);
        var done = await Task.WhenAny(tcs.Task, Task.Delay(timeout)).ConfigureAwait(false);
        _waiting.TryRemove(id, out _);
        return done == tcs.Task ? tcs.Task.Result : null;
    }

    /// <summary>Publishes a document on the gateway's event topic (e.g. a signed commissioning record).</summary>
    public Task PublishEventAsync(byte[] payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(_topics.Topic(MessageKind.Event)).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Already gone: nothing to close.
        }
        _client.Dispose();
    }
}
