using System.Diagnostics;
using System.Text;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// IMqttLink's contract: Publish copies the payload before it returns. The core reuses one payload
/// buffer for every message (docs/memory.md), so a link that kept a reference would send whatever
/// was written there next. Each adapter here is checked by overwriting the buffer right after
/// Publish; the ESP32 adapter (M2MqttLink) copies into a new array before handing it to M2Mqtt.
/// </summary>
public class LinkContractTests
{
    private static readonly byte[] s_original = Encoding.UTF8.GetBytes("{\"v\":1,\"msg\":\"original\"}");

    /// <summary>Publishes from a buffer, then overwrites the buffer as the next user of it would.</summary>
    private static void PublishThenOverwrite(IMqttLink link, string topic)
    {
        var buffer = new byte[64];
        Array.Copy(s_original, 0, buffer, 3, s_original.Length);
        Assert.True(link.Publish(topic, buffer, 3, s_original.Length, false) > 0);
        Array.Fill(buffer, (byte)'X');
    }

    [Fact]
    public void FakeLink_CopiesThePayloadBeforePublishReturns()
    {
        var link = new FakeMqttLink { IsConnected = true };
        PublishThenOverwrite(link, "qinshui/v1/s/g/event");
        Assert.Equal(s_original, link.Published.Single().Payload);
    }

    [Fact]
    public void InMemoryPlatformLink_CopiesThePayloadBeforePublishReturns()
    {
        var inbox = new PlatformInbox();
        var link = new InMemoryPlatformLink(inbox, () => 0);
        PublishThenOverwrite(link, "qinshui/v1/s/g/event");
        Assert.Equal(s_original, inbox.Messages.Single().Payload);
    }

    [Fact]
    public async Task MqttNetLink_CopiesThePayloadBeforePublishReturns()
    {
        await using var broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        await using var sub = new MqttNetLink(new MqttLinkOptions { Port = broker.Port, ClientId = "platform", CommandTopic = "qinshui/v1/#" });
        await using var gw = new MqttNetLink(new MqttLinkOptions { Port = broker.Port, ClientId = "gw-01", CommandTopic = "qinshui/v1/s/g/cmd" });
        sub.Start();
        gw.Start();
        var sw = Stopwatch.StartNew();
        while (!(sub.IsConnected && gw.IsConnected) && sw.Elapsed < TimeSpan.FromSeconds(15)) Thread.Sleep(5);
        Assert.True(gw.IsConnected && sub.IsConnected, gw.LastError);
        PublishThenOverwrite(gw, "qinshui/v1/s/g/event");
        var topic = new byte[256];
        var payload = new byte[256];
        int length = -1;
        sw.Restart();
        while (length < 0 && sw.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (sub.TryReceive(topic, out _, payload, out int n)) length = n;
            else Thread.Sleep(2);
        }
        Assert.Equal(s_original, payload[..length]);
    }
}
