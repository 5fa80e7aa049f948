using System.Text.Json;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 16 #5 / issue 15 #10: one header on every kind, one sequence over all kinds, losses visible in it.</summary>
public class MessageHeaderTests
{
    private static JsonElement Parse(byte[] b, int n) => JsonDocument.Parse(b.AsMemory(0, n)).RootElement.Clone();

    [Fact]
    public void AChainedEvent_CarriesTheCommonHeader_AndTakesItsNumberFromTheOneCounter()
    {
        var identity = new GatewayIdentity("site-1", "gw-01", GatewayIdentity.BootIdFrom(7), "0.1.0", "ab");
        var writer = new MessageWriter(identity);
        var journal = new MemoryJournal();
        var clock = new FakeClock();
        var events = new EventRecorder(journal, new SystemSha256(), clock, 7, identity.BootId, null, 4096) { Header = writer };
        var buf = new JsonWriter(new byte[1024]);

        writer.WriteState(buf, true, clock.UtcMs);                                 // seq 1
        events.Begin(EventKind.ZoneTripped, "z1", "channel_above_limit", "Zone tripped.", "区域断电。");
        Assert.True(events.Commit());                                              // seq 2, chain 1
        journal.Fail = true;
        events.Begin(EventKind.ZoneTripped, "z1", "channel_above_limit", "Zone tripped.", "区域断电。");
        Assert.False(events.Commit());                                             // not journalled: number given back
        journal.Fail = false;
        events.Begin(EventKind.ResetAccepted, "z1", "reset", "Zone reset.", "区域复位。");
        Assert.True(events.Commit());                                              // seq 3, chain 2

        var first = JsonDocument.Parse(journal.Records[0].Payload).RootElement;
        var second = JsonDocument.Parse(journal.Records[1].Payload).RootElement;
        foreach (var e in new[] { first, second })
        {
            Assert.Equal(1, e.GetProperty("v").GetInt32());
            Assert.Equal("00000007", e.GetProperty("boot").GetString());
            Assert.Equal(clock.UtcMs, e.GetProperty("ts").GetInt64());
            Assert.Equal(7, e.GetProperty("chain_boot").GetInt64());
        }
        Assert.Equal((2L, 1L), (first.GetProperty("seq").GetInt64(), first.GetProperty("chain_seq").GetInt64()));
        Assert.Equal((3L, 2L), (second.GetProperty("seq").GetInt64(), second.GetProperty("chain_seq").GetInt64()));
        Assert.Equal(3, writer.LastSequence);
    }

    [Fact]
    public void EventsRecordedBeforeTheWriterWasAttached_AreNotNumberedAgain()
    {
        var writer = new MessageWriter(new GatewayIdentity("s", "g", "00000001", "0", ""));
        var journal = new MemoryJournal();
        var events = new EventRecorder(journal, new SystemSha256(), new FakeClock(), 1, "00000001", null, 4096);
        events.Begin(EventKind.ZoneTripped, "z1", "boot", "en", "zh");
        Assert.True(events.Commit());
        events.Header = writer;
        var buf = new JsonWriter(new byte[256]);
        writer.WriteState(buf, true, 1);
        Assert.Equal(2, Parse(buf.Buffer, buf.Length).GetProperty("seq").GetInt64());
    }

    [Fact]
    public void EachDataBatch_AnnouncesTheNumberOfTheNext_AndTheNextOpensWithIt()
    {
        var g = new GatewayHarness(batchIntervalMs: 10_000);
        g.RunSeconds(35, 0.1);
        var batches = g.Journal.Stats.Appended;
        Assert.True(batches >= 3, batches.ToString());
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 10; i++) g.Session.Step();
        var data = g.Link.Published.Where(p => p.Kind == "data").Select(p => JsonDocument.Parse(p.Payload).RootElement).ToList();
        Assert.True(data.Count >= 3);
        for (int i = 1; i < data.Count; i++)
            Assert.Equal(data[i - 1].GetProperty("nb").GetInt64(), data[i].GetProperty("seq").GetInt64());
        // The batch still open (it would be lost in a crash) holds the number the newest one announced.
        long open = data[^1].GetProperty("nb").GetInt64();
        Assert.DoesNotContain(g.Link.Published, p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("seq").GetInt64() == open);
        g.Recorder.Flush();
        g.Session.Step();
        Assert.Contains(g.Link.Published, p => p.Kind == "data" && JsonDocument.Parse(p.Payload).RootElement.GetProperty("seq").GetInt64() == open);
    }

    [Fact]
    public void TheLastWill_HasTheCommonHeader_ButNoNumberOfItsOwn()
    {
        var g = new GatewayHarness();
        g.RunSeconds(12, 0.1);
        long last = g.Writer.LastSequence;
        var buf = new byte[256];
        int n = g.Session.WriteWill(buf);
        var will = Parse(buf, n);
        Assert.Equal(1, will.GetProperty("v").GetInt32());
        Assert.Equal(g.Identity.BootId, will.GetProperty("boot").GetString());
        Assert.Equal(last, will.GetProperty("seq").GetInt64());
        Assert.True(will.GetProperty("ts").GetInt64() > 0);
        Assert.Equal("offline", will.GetProperty("state").GetString());
        Assert.True(will.GetProperty("will").GetBoolean());
        Assert.Equal(last, g.Writer.LastSequence);
    }
}
