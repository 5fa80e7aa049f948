using System.Text;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 16 #6: during a replay a new alarm or event goes out before any further backlog message.</summary>
public class LiveBeforeBacklogTests
{
    [Fact]
    public void AnAlarmDuringAReplay_IsPublishedAtTheNextStep_WithoutWaitingForAPubAck()
    {
        var g = new GatewayHarness(options: new MqttSessionOptions { InFlightWindow = 8, MaxPublishesPerStep = 16 });
        g.RunSeconds(1500, 0.1); // under the 30 min frozen-sensor window of a methane head (a constant reading)
        g.Recorder.Flush();
        Assert.True(g.Journal.PendingData > 50);
        g.Link.IsConnected = true;
        for (int i = 0; i < 20 && (g.Journal.PendingPriority > 0 || g.Link.Unacked.Count > 0); i++)
        {
            g.Session.Step();
            g.Link.AckAll();
        }
        g.Session.Step();
        Assert.True(g.Journal.PendingData > 50);
        Assert.Equal(7, g.Link.Unacked.Count(p => p.Kind == "data"));   // the eighth slot is kept free
        // Methane rises while the backlog is in flight; no PUBACK has come back.
        g.Engine.Update(0, new Reading(3.0, Unit.PercentVolume, Quality.Good, g.Clock.MonotonicMs, g.Clock.UtcMs), g.Clock.MonotonicMs);
        g.Recorder.DrainTransitions();
        int before = g.Link.Published.Count;
        g.Session.Step();
        var next = g.Link.Published.Skip(before).Select(p => p.Kind).ToList();
        Assert.NotEmpty(next);
        Assert.Equal("alarm", next[0]);
        // And when the PUBACKs come, the rest of the new alarms still go before further data.
        g.Link.AckAll();
        g.Session.Step();
        var after = g.Link.Published.Skip(before).Select(p => p.Kind).ToList();
        Assert.True(after.IndexOf("data") < 0 || after.IndexOf("data") > after.LastIndexOf("alarm"), string.Join(",", after));
    }

    private static OutgoingPublish Msg(int token, string kind) =>
        new(token, "qinshui/v1/site-1/gw-01/" + kind, Encoding.ASCII.GetBytes(kind), false);

    [Fact]
    public async Task TheDesktopLinksQueue_SendsAnAlarmBeforeDataQueuedAheadOfIt()
    {
        var q = new PublishQueue();
        for (int i = 1; i <= 7; i++) Assert.True(q.TryAdd(Msg(i, "data")));
        Assert.Equal(1, (await q.TakeAsync(CancellationToken.None)).Token);      // on the wire, awaiting its PUBACK
        Assert.True(q.TryAdd(Msg(8, "alarm")));
        Assert.True(q.TryAdd(Msg(9, "event")));
        var order = new List<int>();
        for (int i = 0; i < 8; i++) order.Add((await q.TakeAsync(CancellationToken.None)).Token);
        Assert.Equal(new[] { 8, 9, 2, 3, 4, 5, 6, 7 }, order);
    }

    [Fact]
    public async Task AnAlarmArrivingWhileDataWasBeingTaken_StillGoesFirst_AndNothingIsSentTwice()
    {
        var q = new PublishQueue();
        q.TryAdd(Msg(1, "alarm"));
        q.TryAdd(Msg(2, "data"));
        q.TryAdd(Msg(3, "data"));
        Assert.Equal(1, (await q.TakeAsync(CancellationToken.None)).Token);
        q.TryAdd(Msg(4, "health"));
        var order = new List<int>();
        for (int i = 0; i < 3; i++) order.Add((await q.TakeAsync(CancellationToken.None)).Token);
        Assert.Equal(new[] { 4, 2, 3 }, order);
        using var none = new CancellationTokenSource(0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await q.TakeAsync(none.Token));
    }
}
