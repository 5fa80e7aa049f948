using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

public class SessionTests
{
    private static (string Boot, long Seq) Id(FakeMqttLink.Sent s)
    {
        var e = JsonDocument.Parse(s.Payload).RootElement;
        return (e.GetProperty("boot").GetString()!, e.GetProperty("seq").GetInt64());
    }

    [Fact]
    public void OnConnect_StateOnlineRetainedThenBirth_ThenAlarmsBeforeData()
    {
        var g = new GatewayHarness();
        g.Scan(0.1);
        g.Clock.Advance(1000);
        g.Scan(2.0); // methane above the face trip level: alarm transitions
        g.Recorder.Flush();
        Assert.True(g.Journal.PendingPriority > 0);
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 5; i++) g.Session.Step();
        var kinds = g.Link.Published.Select(p => p.Kind).ToList();
        Assert.Equal("state", kinds[0]);
        Assert.True(g.Link.Published[0].Retain);
        Assert.Contains("\"online\"", g.Link.Published[0].Text);
        Assert.Equal("birth", kinds[1]);
        int firstData = kinds.IndexOf("data");
        int lastAlarm = kinds.LastIndexOf("alarm");
        Assert.True(lastAlarm > 1 && firstData > lastAlarm, string.Join(",", kinds));
        Assert.Equal("qinshui/v1/site-1/gw-01/birth", g.Link.Published[1].Topic);
    }

    [Fact]
    public void ARecordIsRemovedOnlyAfterItsPubAck_AndReplayedWithTheSameIdentityOtherwise()
    {
        var g = new GatewayHarness(options: new MqttSessionOptions { InFlightWindow = 64, MaxPublishesPerStep = 64 });
        g.RunSeconds(30, 0.1);
        g.Recorder.Flush();
        int pending = g.Journal.PendingData;
        Assert.True(pending >= 3);
        g.Link.IsConnected = true;
        g.Session.Step();
        var firstTry = g.Link.Published.Where(p => p.Kind == "data").ToList();
        Assert.True(pending == firstTry.Count, string.Join("\n", g.Link.Published.Where(p => p.Kind == "alarm").Select(p => p.Text)) + " pp=" + g.Journal.PendingPriority);
        Assert.Equal(pending, firstTry.Count);
        // The link drops before any PUBACK: nothing may be removed.
        g.Link.Drop();
        g.Session.Step();
        Assert.Equal(pending, g.Journal.PendingData);
        g.Link.Published.Clear();
        g.Link.IsConnected = true;
        g.Session.Step();
        var second = g.Link.Published.Where(p => p.Kind == "data").ToList();
        Assert.Equal(firstTry.Select(Id), second.Select(Id));
        Assert.All(second, s => Assert.StartsWith("{\"hist\":true,", s.Text));
        g.Link.AckAll();
        g.Session.Step();
        Assert.Equal(0, g.Journal.PendingData);
        g.Link.Drop();
        g.Link.Published.Clear();
        g.Link.IsConnected = true;
        g.Session.Step();
        Assert.DoesNotContain(g.Link.Published, p => p.Kind == "data");
    }

    [Fact]
    public void ALiveAlarm_IsNotStuckBehindABacklog()
    {
        var g = new GatewayHarness(options: new MqttSessionOptions { InFlightWindow = 4, MaxPublishesPerStep = 4 });
        // A long outage: hundreds of data batches pile up.
        g.RunSeconds(3000, 0.1);
        g.Recorder.Flush();
        int backlog = g.Journal.PendingData;
        Assert.True(backlog > 20, backlog.ToString());
        g.Link.IsConnected = true;
        g.Session.Step();
        g.Link.AckAll();
        g.Session.Step();
        // Now methane rises during the replay.
        g.Engine.Update(0, new Reading(3.0, Unit.PercentVolume, Quality.Good, g.Clock.MonotonicMs, g.Clock.UtcMs), g.Clock.MonotonicMs);
        g.Recorder.DrainTransitions();
        int before = g.Link.Published.Count;
        g.Link.AckAll();
        g.Session.Step();
        var next = g.Link.Published.Skip(before).Select(p => p.Kind).ToList();
        Assert.Equal("alarm", next[0]);
        Assert.True(g.Journal.PendingData > 10, "the backlog was still there when the alarm went out");
    }

    [Fact]
    public void RebirthCommand_PublishesBirthAgain_AndRepliesAndLogs()
    {
        var g = new GatewayHarness();
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        g.Session.Step();
        long births = g.Session.BirthsPublished;
        g.Link.Inject("qinshui/v1/site-1/gw-01/cmd", CommandSigner.Sign(CommandSigner.Body("rebirth", "{}", 1, g.Exp())));
        g.Session.Step();
        g.Session.Step();
        Assert.Equal(births + 1, g.Session.BirthsPublished);
        var reply = g.Link.Published.Single(p => p.Kind == "reply");
        Assert.Contains("\"ok\":true", reply.Text);
        Assert.Contains(g.Link.Published, p => p.Kind == "event" && p.Text.Contains("command_accepted"));
    }

    [Fact]
    public void RefusedCommands_AreAnsweredAndLoggedAsEvents_RateLimited()
    {
        var g = new GatewayHarness();
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        g.Session.Step();
        for (int i = 0; i < 30; i++) g.Link.Inject("qinshui/v1/site-1/gw-01/cmd", "garbage"u8.ToArray());
        for (int i = 0; i < 20; i++) g.Session.Step();
        var replies = g.Link.Published.Where(p => p.Kind == "reply").ToList();
        Assert.Equal(30, replies.Count);
        Assert.All(replies, r => Assert.Contains("\"code\":\"unauthenticated\"", r.Text));
        Assert.All(replies, r => Assert.Contains("\"zh\":\"", r.Text));
        int logged = g.Link.Published.Count(p => p.Kind == "event" && p.Text.Contains("command_refused"));
        Assert.Equal(10, logged);
        g.Clock.Advance(61_000);
        g.Link.Inject("qinshui/v1/site-1/gw-01/cmd", "garbage"u8.ToArray());
        for (int i = 0; i < 3; i++) g.Session.Step();
        Assert.Contains(g.Link.Published, p => p.Kind == "event" && p.Text.Contains("command_refusals_suppressed"));
    }

    [Fact]
    public void Health_ReportsJournalDepthAndEvictions()
    {
        var g = new GatewayHarness(segments: 8, segmentSize: 1024);
        g.RunSeconds(400, 0.1);
        g.Link.IsConnected = true;
        g.Session.Step();
        var health = JsonDocument.Parse(g.Link.Published.First(p => p.Kind == "health").Payload).RootElement;
        var j = health.GetProperty("journal");
        Assert.True(j.GetProperty("evicted_data").GetInt64() > 0);
        Assert.Equal(g.Journal.Stats.EvictedDataRecords, j.GetProperty("evicted_data").GetInt64());
        Assert.True(j.GetProperty("pending_data").GetInt32() > 0);
    }

    [Fact]
    public void EveryMessage_CarriesBootIdAndAUniqueSequence()
    {
        var g = new GatewayHarness();
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 50; i++)
        {
            g.Scan(i % 10 == 0 ? 2.0 : 0.1);
            g.Clock.Advance(1000);
        }
        g.Recorder.Flush();
        g.Session.Step();
        var ids = g.Link.Published.Select(Id).ToList();
        Assert.All(ids, i => Assert.Equal("c0ffee01", i.Boot));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void ClockJumpsOver30s_AreEvents_AndUntrustedReadingsAreFlagged()
    {
        var g = new GatewayHarness(trusted: false);
        g.Scan(0.1);
        g.Clock.Advance(1000);
        g.Scan(0.1);
        g.Clock.UtcMs += 20_000; // small correction: no event
        g.Scan(0.1);
        g.Clock.UtcMs += 3_600_000;
        g.Clock.IsTrusted = true;
        g.Scan(0.1);
        g.Recorder.Flush();
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 5; i++) g.Session.Step();
        var events = g.Link.Published.Where(p => p.Kind == "event").Select(p => p.Text).ToList();
        Assert.Single(events, e => e.Contains("\"clock_jump\""));
        Assert.Single(events, e => e.Contains("\"clock_trusted\""));
        var data = JsonDocument.Parse(g.Link.Published.First(p => p.Kind == "data").Payload).RootElement;
        var readings = data.GetProperty("r").EnumerateArray().ToList();
        Assert.True((readings[0][3].GetInt32() & (int)Quality.ClockUntrusted) != 0);
        Assert.True((readings[^1][3].GetInt32() & (int)Quality.ClockUntrusted) == 0);
    }

    [Fact]
    public void BadReadings_AreSentAsNullWithTheirQuality()
    {
        var g = new GatewayHarness(channels: 1);
        g.Scan(0.1, Quality.CommunicationFault);
        g.Recorder.Flush();
        g.Link.IsConnected = true;
        g.Session.Step();
        var data = JsonDocument.Parse(g.Link.Published.First(p => p.Kind == "data").Payload).RootElement;
        var r = data.GetProperty("r")[0];
        Assert.Equal(JsonValueKind.Null, r[2].ValueKind);
        Assert.True((r[3].GetInt32() & (int)Quality.CommunicationFault) != 0);
    }

    [Fact]
    public void PublishRefusedByAFullAdapterQueue_IsRetriedNotLost()
    {
        var g = new GatewayHarness(options: new MqttSessionOptions { InFlightWindow = 64, MaxPublishesPerStep = 64 });
        g.RunSeconds(30, 0.1);
        g.Recorder.Flush();
        int pending = g.Journal.PendingData;
        g.Link.IsConnected = true;
        g.Session.Step();
        g.Link.Published.Clear();
        g.Link.Drop();
        g.Session.Step();
        g.Link.IsConnected = true;
        g.Link.RefusePublishes = true;
        g.Session.Step();
        g.Link.RefusePublishes = false;
        g.Link.AutoAck = true;
        for (int i = 0; i < 5; i++) g.Session.Step();
        Assert.Equal(0, g.Journal.PendingData);
        Assert.Equal(pending, g.Link.Published.Count(p => p.Kind == "data"));
    }

    [Fact]
    public void RecordingReadingsAndAlarms_AllocatesNothing()
    {
        var g = new GatewayHarness(channels: 16, segments: 256);
        for (int i = 0; i < 200; i++)
        {
            g.Scan(i % 50 == 0 ? 2.0 : 0.1);
            g.Clock.Advance(1000);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            for (int c = 0; c < 16; c++) g.Engine.Update(c, new Reading(0.2, g.Engine.ChannelUnit(c), Quality.Good, g.Clock.MonotonicMs, g.Clock.UtcMs), g.Clock.MonotonicMs);
            g.Recorder.DrainTransitions();
            g.Recorder.SampleChannels();
            g.Recorder.Step();
            g.Clock.Advance(1000);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
