using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace Qinshui.Edge.Web;

/// <summary>
/// Subscribes to the gateways' topics on a broker and hands every message to a <see cref="LiveFeed"/>.
/// It publishes nothing: the web view cannot send a gateway a command (nor a rebirth; a gateway
/// appears with its channels once it publishes its birth, at its next connect).
/// </summary>
public sealed class MqttFeedSource : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private MqttFeedSource(IMqttClient client) => _client = client;

    public static async Task<MqttFeedSource> ConnectAsync(Uri broker, string topicFilter, LiveFeed feed, CancellationToken cancel = default)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            feed.Accept(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        };
        var options = factory.CreateClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port > 0 ? broker.Port : 1883)
            .WithClientId("qedge-web-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6]).WithCleanSession(true).Build();
        try
        {
            await client.ConnectAsync(options, cancel);
            await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(topicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), cancel);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return new MqttFeedSource(client);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync();
        }
        catch (Exception)
        {
            // Broker gone: nothing to close.
        }
        _client.Dispose();
    }
}
