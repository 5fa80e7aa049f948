using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Tests.Memory;

namespace Qinshui.Edge.Tests.Alarms;

public class TransitionQueueTests
{
    private static EngineHarness MineHeading()
    {
        var channels = MemoryBudgetTests.MineHeading32();
        return new EngineHarness(GatewayRuntime.TransitionCapacityFor(channels), channels);
    }

    [Fact]
    public void PackedSlot_RoundTripsEveryField()
    {
        var engine = new AlarmEngine([ChannelConfig.FromProfile("co", ProfileCatalog.Find("MINE_CO")!)], 4);
        var q = engine.Transitions;
        engine.Update(0, new Reading(-1, Unit.Ppm, Quality.Good, 0, 0), 5); // below range: OutOfRange
        var all = new List<AlarmTransition>();
        while (q.TryDequeue(out var t)) all.Add(t);
        var quality = all.Single(t => t.Kind == TransitionKind.QualityChanged);
        Assert.Equal(-1, quality.LevelIndex);
        Assert.Equal(Quality.OutOfRange, quality.Quality);
        Assert.Equal((double)(int)Quality.NoData, quality.Value);
        Assert.Equal(5, quality.AtMs);

        // Every flag survives the packing, and the highest level index of a channel.
        var flags = Quality.Stale | Quality.CommunicationFault | Quality.OutOfRange | Quality.SensorFault | Quality.WarmingUp
                    | Quality.Inhibited | Quality.CalibrationOverdue | Quality.ClockUntrusted | Quality.NoData;
        var queue = new TransitionQueue(2);
        var x = new AlarmTransition { Kind = TransitionKind.ResetAccepted, ChannelIndex = 1234, LevelIndex = ChannelConfig.MaxLevels - 1,
            From = LevelStatus.Inhibited, To = LevelStatus.ClearedAwaitingReset, Value = -3.25, Quality = flags, AtMs = long.MaxValue - 1 };
        typeof(TransitionQueue).GetMethod("Enqueue", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(queue, [x]);
        Assert.True(queue.TryDequeue(out var y));
        Assert.Equal(x, y);
    }

    [Fact]
    public void WhenFull_TheOldestAreOverwrittenAndCounted_TheNewestKeptInOrder()
    {
        // MINE_CH4_FACE has 2 levels: the first good reading changes quality and each level (3 transitions).
        var p = ProfileCatalog.Find("MINE_CH4_FACE")!;
        var h = new EngineHarness(2, ChannelConfig.FromProfile("ch4", p));
        h.Feed(0.2);
        Assert.Equal(2, h.Engine.Transitions.Count);
        Assert.Equal(1, h.Engine.Transitions.Overflowed);
        var kept = h.Drain();
        // The quality change came first and was lost; the level changes remain, oldest first.
        Assert.All(kept, t => Assert.Equal(TransitionKind.LevelChanged, t.Kind));
        Assert.Equal(new[] { 0, 1 }, kept.Select(t => t.LevelIndex));
        Assert.All(kept, t => Assert.Equal(LevelStatus.Fault, t.From));
        // Draining frees the queue: nothing more is lost.
        h.Feed(1.6);
        Assert.Equal(1, h.Engine.Transitions.Overflowed);
        Assert.NotEmpty(h.Drain());
    }

    [Fact]
    public void RuntimeCapacity_HoldsAScanInWhichEveryChannelAndLevelChanges()
    {
        var h = MineHeading();
        int n = h.Engine.ChannelCount;
        Assert.Equal(n + h.Engine.TotalLevelCount, h.Engine.Transitions.Capacity);

        // The first readings after boot: every channel's quality and every level leave NoData/Fault in one scan.
        for (int c = 0; c < n; c++) h.Feed(NormalValue(h.Engine, c), Quality.Good, c);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.Equal(n + h.Engine.TotalLevelCount, h.Engine.Transitions.Count);
        Assert.Equal(0, h.Engine.Transitions.Overflowed);
        h.Drain();

        // A bus failure faults every channel at once: still nothing lost.
        for (int c = 0; c < n; c++) h.Feed(0, Quality.CommunicationFault, c);
        Assert.Equal(n + h.Engine.TotalLevelCount, h.Engine.Transitions.Count);
        Assert.Equal(0, h.Engine.Transitions.Overflowed);
    }

    /// <summary>A value inside the range that no level of the channel treats as on (below every high restore, at or above every low one).</summary>
    private static double NormalValue(AlarmEngine e, int c)
    {
        double lo = e.RangeMin(c), hi = e.RangeMax(c);
        for (int l = 0; l < e.LevelCount(c); l++)
        {
            if (e.LevelDirection(c, l) == Direction.High) hi = Math.Min(hi, e.Restore(c, l));
            else lo = Math.Max(lo, e.Restore(c, l));
        }
        Assert.True(lo < hi, e.ChannelId(c));
        return (lo + hi) / 2;
    }

    [Fact]
    public void RuntimeCapacity_HasASmallMinimum()
    {
        var one = new[] { ChannelConfig.FromProfile("co", ProfileCatalog.Find("MINE_CO")!) };
        Assert.Equal(GatewayRuntime.MinTransitionCapacity, GatewayRuntime.TransitionCapacityFor(one));
        Assert.Equal(GatewayRuntime.MinTransitionCapacity, GatewayRuntime.TransitionCapacityFor([]));
    }
}
