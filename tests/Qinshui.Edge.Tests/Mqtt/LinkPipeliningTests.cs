using System.Diagnostics;
using System.Text;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// Issue 16, fleet: the desktop link awaited each PUBACK before it sent the next publish, so its
/// throughput was one message per round trip; with 2,000 links in one process the round trip grew
/// past the batch interval and the backlog never drained. It now keeps several publishes in flight.
/// </summary>
public class LinkPipeliningTests
{
    [Fact]
    public async Task TheLink_SendsTheNextPublishes_BeforeTheFirstPubAckArrives()
    {
        using var broker = new SilentMqttBroker();
        await using var link = new MqttNetLink(new MqttLinkOptions { Port = broker.Port, ClientId = "gw-pipe", MaxInFlight = 4 });
        link.Start();
        Assert.True(WaitFor(() => link.IsConnected), "the link did not connect to the fake broker: " + link.LastError);
        var payload = Encoding.ASCII.GetBytes("{\"v\":1}");
        for (int i = 0; i < 6; i++) Assert.True(link.Publish("qinshui/v1/s/gw-pipe/data", payload, 0, payload.Length, false) > 0);
        // The broker never answers: four publishes (the window) reach it, not one, and no more than four.
        Assert.True(WaitFor(() => broker.Publishes >= 4), $"publishes received without a PUBACK: {broker.Publishes}");
        Assert.Equal(4, broker.Publishes);
        Assert.False(link.TryTakeAcknowledged(out _));
    }

    /// <summary>Waits for a condition driven by real sockets (bounded; the assertion is on the condition, not the time).</summary>
    private static bool WaitFor(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(20)) return false;
            Thread.Yield();
            Thread.Sleep(5);
        }
        return true;
    }
}
