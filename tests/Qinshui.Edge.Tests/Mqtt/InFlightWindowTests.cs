using System.Text.Json;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

public class InFlightWindowTests
{
    private static JournalEntry Record(uint sequence) =>
        new() { Segment = (int)sequence % 3, Offset = 20 + (int)sequence * 40, SegmentSequence = 7, RecordSequence = sequence };

    [Fact]
    public void APubAck_RemovesTheRecordPublishedUnderItsToken_NotTheOldest()
    {
        var w = new InFlightWindow(4);
        Assert.True(w.Add(11, Record(1)));
        Assert.True(w.Add(12, Record(2)));
        Assert.True(w.Add(13, Record(3)));

        Assert.True(w.TryRemove(12, out var acked));
        Assert.Equal(2u, acked.RecordSequence);
        Assert.Equal(Record(2).Offset, acked.Offset);
        Assert.Equal(2, w.Count);
        Assert.False(w.TryRemove(12, out _));

        Assert.True(w.TryRemove(13, out acked));
        Assert.Equal(3u, acked.RecordSequence);
        Assert.True(w.TryRemove(11, out acked));
        Assert.Equal(1u, acked.RecordSequence);
        Assert.Equal(0, w.Count);
    }

    [Fact]
    public void AFullWindow_KeepsNothingMore_AndAClearedOneForgetsItsRetry()
    {
        var w = new InFlightWindow(2);
        Assert.True(w.Add(1, Record(1)));
        Assert.True(w.Add(2, Record(2)));
        Assert.True(w.IsFull);
        Assert.False(w.Add(3, Record(3)));
        var refused = Record(3);
        refused.Class = RecordClass.Alarm;
        refused.PayloadLength = 300;
        w.KeepRetry(refused);
        Assert.True(w.TryTakeRetry(out var again));
        Assert.Equal((3u, RecordClass.Alarm, 300), (again.RecordSequence, again.Class, again.PayloadLength));
        Assert.False(w.TryTakeRetry(out _));
        w.KeepRetry(refused);
        w.Clear();
        Assert.Equal(0, w.Count);
        Assert.False(w.HasRetry);
    }

    [Fact]
    public void APubAckOfTheMiddlePublish_LeavesTheOthersPendingAndReplayed()
    {
        // Issue 13: a mutation that removes the oldest in-flight record on any PUBACK survived the
        // suite, because the fake link could only acknowledge everything at once.
        var g = new GatewayHarness(options: new MqttSessionOptions { InFlightWindow = 64, MaxPublishesPerStep = 64 });
        g.RunSeconds(60, 0.1);
        g.Recorder.Flush();
        int pending = g.Journal.PendingData;
        Assert.True(pending >= 3, pending.ToString());
        g.Link.IsConnected = true;
        g.Session.Step();
        var data = g.Link.Published.Where(p => p.Kind == "data").ToList();
        Assert.True(data.Count >= 3);
        var middle = data[1];

        Assert.True(g.Link.Ack(middle.Token));
        g.Session.Step();
        Assert.Equal(pending - 1, g.Journal.PendingData);

        g.Link.Drop();
        g.Session.Step();
        g.Link.Published.Clear();
        g.Link.IsConnected = true;
        g.Session.Step();
        var replayed = g.Link.Published.Where(p => p.Kind == "data").Select(p => Seq(p)).ToList();
        Assert.DoesNotContain(Seq(middle), replayed);
        Assert.Contains(Seq(data[0]), replayed);
        Assert.Contains(Seq(data[2]), replayed);
        Assert.Equal(pending - 1, replayed.Count);
    }

    private static long Seq(FakeMqttLink.Sent s) => JsonDocument.Parse(s.Payload).RootElement.GetProperty("seq").GetInt64();
}
