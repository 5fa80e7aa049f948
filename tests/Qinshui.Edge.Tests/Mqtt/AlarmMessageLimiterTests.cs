using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 13 #5: alarm messages are capped per channel and window, and what is held back is counted in an event.</summary>
public class AlarmMessageLimiterTests
{
    private static AlarmTransition Change(int channel, long atMs, LevelStatus to = LevelStatus.Active) => new()
    {
        Kind = TransitionKind.LevelChanged, ChannelIndex = channel, LevelIndex = 1, From = LevelStatus.Normal, To = to, AtMs = atMs,
    };

    [Fact]
    public void BeyondTheCap_MessagesAreHeldBack_AndSummarisedWhenTheWindowEnds()
    {
        var l = new AlarmMessageLimiter(channels: 2, windowMs: 60_000, maxPerWindow: 3);
        int admitted = 0;
        for (int i = 0; i < 10; i++)
        {
            var t = Change(0, 1000 + i * 100, i % 2 == 0 ? LevelStatus.Active : LevelStatus.ClearedAwaitingReset);
            if (l.Admit(ref t, t.AtMs)) admitted++;
        }
        Assert.Equal(3, admitted);
        var other = Change(1, 1500);
        Assert.True(l.Admit(ref other, 1500)); // the cap is per channel
        Assert.False(l.TryTakeSummary(60_999, out _, out _, out _, out _, out _)); // window still open
        Assert.True(l.TryTakeSummary(61_000, out int ch, out int count, out int level, out LevelStatus to, out _));
        Assert.Equal((0, 7, 1, LevelStatus.ClearedAwaitingReset), (ch, count, level, to));
        Assert.False(l.TryTakeSummary(61_000, out _, out _, out _, out _, out _)); // once
        var next = Change(0, 61_100);
        Assert.True(l.Admit(ref next, 61_100)); // a new window
        Assert.Equal(7, l.TotalSuppressed);
    }

    [Fact]
    public void PeoplesActions_AreNeverCapped()
    {
        var l = new AlarmMessageLimiter(1, 60_000, 1);
        for (int i = 0; i < 5; i++)
        {
            var t = new AlarmTransition { Kind = TransitionKind.ResetAccepted, ChannelIndex = 0, LevelIndex = 0, AtMs = i };
            Assert.True(l.Admit(ref t, i));
            var a = new AlarmTransition { Kind = TransitionKind.Acknowledged, ChannelIndex = 0, LevelIndex = 0, AtMs = i };
            Assert.True(l.Admit(ref a, i));
        }
    }

    [Fact]
    public void FlappingLoop_SendsAtMostTheCapPerWindow_AndOneCountedSummaryEvent()
    {
        var g = new GatewayHarness();
        g.Scan(0.1);
        g.Clock.Advance(1000);
        // 30 s of a loop flapping between good and comm fault every 100 ms: quality changes are not held by
        // the clear hold (a fault is immediate), so only the telemetry cap stands between them and the platform.
        for (int i = 0; i < 300; i++)
        {
            g.Scan(0.1, i % 2 == 0 ? Quality.CommunicationFault : Quality.Good);
            g.Clock.Advance(100);
        }
        g.RunSeconds(40, 0.1); // past the window's end
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 200; i++) g.Session.Step();
        var alarms = g.Link.Published.Where(p => p.Kind == "alarm").Select(p => GatewayHarness.Parse(p.Payload))
            .Where(e => e.GetProperty("channel").GetString() == "ch1").ToList();
        int machineMade = alarms.Count(e => e.GetProperty("transition").GetString() is "level_changed" or "quality_changed");
        // The old recorder sent all ~600 (two levels and the quality, 300 flaps); now the first window's cap and the next window's few.
        Assert.InRange(machineMade, 1, 2 * AlarmMessageLimiter.DefaultMessagesPerWindow);
        var summary = g.Link.Published.Where(p => p.Kind == "event").Select(p => GatewayHarness.Parse(p.Payload))
            .Where(e => e.GetProperty("code").GetString() == TelemetryRecorder.AlarmTransitionsSuppressed).ToList();
        // Every channel of the harness flapped (the scan gives them all the quality): one summary each.
        Assert.Equal(["ch1", "ch2", "ch3", "ch4"], summary.Select(e => e.GetProperty("subject").GetString()).Order());
        var ch1 = summary.Single(e => e.GetProperty("subject").GetString() == "ch1");
        long held = g.Recorder.AlarmLimiter!.TotalSuppressed;
        string en = ch1.GetProperty("en").GetString()!;
        int counted = int.Parse(en[..en.IndexOf(' ')]);
        Assert.True(counted > 500, en);
        Assert.Equal(held, summary.Sum(e => { var s = e.GetProperty("en").GetString()!; return int.Parse(s[..s.IndexOf(' ')]); }));
        Assert.Equal(0, g.Engine.Transitions.Overflowed);
    }
}
