using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// The journal record a refused publish left to retry does not wait in the shared payload buffer:
/// commands, replies and the events they log write into that buffer meanwhile, and the retry
/// still sends the record's own bytes (read again from the journal), once.
/// </summary>
public class SharedPayloadRetryTests
{
    [Fact]
    public void RecordRefusedInThePump_IsRetriedWithItsOwnBytes_AfterACommandAndItsEventUsedTheBuffer()
    {
        var inner = new FakeMqttLink { AutoAck = true };
        var link = new RefuseFirstRecordLink(inner);
        var g = new GatewayHarness(sharedPayload: true, link: link, options: new MqttSessionOptions { InFlightWindow = 64, MaxPublishesPerStep = 64 });
        // History while offline: data records (and the first readings' alarm records) in the journal.
        g.RunSeconds(30, 0.1);
        g.Recorder.Flush();
        Assert.True(g.Journal.PendingData > 0);
        var expected = new List<string>();
        var buf = new byte[g.Journal.MaxPayloadLength];
        g.Journal.Rewind();
        while (g.Journal.TryReadNext(true, buf, 0, out var e) || g.Journal.TryReadNext(false, buf, 0, out e))
            expected.Add(Encoding.UTF8.GetString(buf, 0, e.PayloadLength));

        // Connect: birth, meta pages, health; the pump's first record is refused, and meanwhile a command
        // arrives (an unauthenticated one: refused, answered, and logged as an event through the buffer).
        link.Command = Encoding.UTF8.GetBytes("{\"v\":1,\"id\":\"x\",\"gw\":\"gw-01\",\"ctr\":1,\"exp\":0,\"cmd\":\"rebirth\",\"mac\":\"" + new string('0', 64) + "\"}");
        inner.IsConnected = true;
        for (int i = 0; i < 10; i++)
        {
            g.Clock.Advance(10);
            g.Session.Step();
        }
        Assert.True(link.Refused == 1 && g.Session.CommandsHandled == 1);
        Assert.Equal(0, g.Journal.PendingData);
        var sent = inner.Published.Where(p => p.Kind == "data" || p.Kind == "alarm" || p.Kind == "event").Select(p => p.Text).ToList();
        // Each data record once, with its own bytes ({"hist":true, replaces its opening brace); every alarm record once.
        foreach (var rec in expected)
        {
            string want = rec.Contains("\"r\":[") ? "{\"hist\":true," + rec[1..] : rec;
            Assert.Equal(1, sent.Count(s => s == want));
        }
        foreach (var s in sent) JsonDocument.Parse(s);
    }

    /// <summary>Refuses the first journal record published (data or alarm) once, and injects a command at that moment.</summary>
    private sealed class RefuseFirstRecordLink(FakeMqttLink inner) : Qinshui.Edge.Core.Ports.IMqttLink
    {
        public byte[]? Command { get; set; }
        public int Refused { get; private set; }
        public bool IsConnected => inner.IsConnected;

        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (Refused == 0 && (topic.EndsWith("/data") || topic.EndsWith("/alarm")))
            {
                Refused++;
                if (Command != null) inner.Inject("qinshui/v1/site-1/gw-01/cmd", Command);
                return 0;
            }
            return inner.Publish(topic, payload, offset, count, retain);
        }

        public bool TryTakeAcknowledged(out int token) => inner.TryTakeAcknowledged(out token);

        public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength) =>
            inner.TryReceive(topicBuffer, out topicLength, payloadBuffer, out payloadLength);
    }
}
