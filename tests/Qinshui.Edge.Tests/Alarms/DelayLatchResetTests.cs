using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Alarms;

public class DelayLatchResetTests
{
    private static EngineHarness Delayed(int onDelayMs, int offDelayMs, bool latching) =>
        new(new ChannelConfig("co", "", Unit.Ppm,
            new[] { new LevelConfig(LevelKind.Alarm, Direction.High, 50, 40, onDelayMs, offDelayMs, latching) },
            30000, 0, 500, 3600000));

    [Fact]
    public void OnDelay_LevelBecomesActiveOnlyAfterConditionHeldForDelay()
    {
        var h = Delayed(5000, 0, false);
        h.Feed(60);
        Assert.Equal(LevelStatus.Pending, h.Status(0));
        h.Clock.Advance(4999);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.Equal(LevelStatus.Pending, h.Status(0));
        h.Clock.Advance(1);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.Equal(LevelStatus.Active, h.Status(0));
    }

    [Fact]
    public void OnDelay_RestartsWhenConditionDropsBeforeDelay()
    {
        var h = Delayed(5000, 0, false);
        h.Feed(60);
        h.Clock.Advance(3000);
        h.Feed(45); // below threshold: the on-delay is cancelled
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        h.Clock.Advance(1000);
        h.Feed(60);
        h.Clock.Advance(4000);
        h.Feed(60);
        Assert.Equal(LevelStatus.Pending, h.Status(0));
        h.Clock.Advance(1000);
        h.Feed(60);
        Assert.Equal(LevelStatus.Active, h.Status(0));
    }

    [Fact]
    public void OffDelay_LevelClearsOnlyAfterRestoreHeldForDelay()
    {
        var h = Delayed(0, 10000, false);
        h.Feed(60);
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Feed(39);
        h.Hold(39, 9000);
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Hold(39, 1000);
        Assert.Equal(LevelStatus.Normal, h.Status(0));
    }

    [Fact]
    public void OffDelay_RestartsWhenValueLeavesRestoreBand()
    {
        var h = Delayed(0, 10000, false);
        h.Feed(60);
        h.Hold(39, 8000);
        h.Hold(45, 1000); // back in the band: not restored, the off-delay starts again
        h.Hold(39, 10000); // restore first seen 1 s into this hold: 9 s so far
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Hold(39, 1000);
        Assert.Equal(LevelStatus.Normal, h.Status(0));
    }

    [Fact]
    public void NonLatchingLevel_ClearsByItself_ResetSaysNotLatching()
    {
        var h = Delayed(0, 0, false);
        h.Feed(60);
        h.FeedAndHold(39);
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        Assert.Equal(ResetOutcome.NotLatching, h.Engine.ResetLevel(0, 0, h.Clock.MonotonicMs));
    }

    [Fact]
    public void LatchedLevel_ResetRefusedWhileConditionPersists()
    {
        var h = Delayed(0, 0, true);
        h.Feed(60);
        Assert.Equal(ResetOutcome.ConditionPersists, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Feed(45); // in the band: not yet restored
        Assert.Equal(ResetOutcome.ConditionPersists, h.Engine.Reset(0, h.Clock.MonotonicMs));
    }

    [Fact]
    public void LatchedLevel_StaysAfterClearing_UntilResetAccepted()
    {
        var h = Delayed(0, 0, true);
        h.Feed(60);
        h.FeedAndHold(39);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(0));
        Assert.True(h.Engine.IsLevelTripping(0, 0));
        h.Drain();
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        Assert.False(h.Engine.IsLevelTripping(0, 0));
        Assert.Contains(h.Drain(), t => t.Kind == TransitionKind.ResetAccepted);
    }

    [Fact]
    public void LatchedLevel_ReturnOfConditionBeforeReset_ReactivatesAtOnce()
    {
        var h = Delayed(5000, 0, true);
        h.Feed(60);
        h.Clock.Advance(5000);
        h.Feed(60);
        h.FeedAndHold(30);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(0));
        h.Feed(41); // above restore again: the condition is back
        Assert.Equal(LevelStatus.Active, h.Status(0));
    }

    [Fact]
    public void Reset_RefusedWhileChannelFaulted_LatchSurvivesTheFault()
    {
        var h = Delayed(0, 0, true);
        h.Feed(60);
        h.Feed(30);
        h.Feed(30, Quality.CommunicationFault);
        Assert.Equal(LevelStatus.Fault, h.Status(0));
        Assert.Equal(ResetOutcome.ChannelFault, h.Engine.Reset(0, h.Clock.MonotonicMs));
        h.Feed(30);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(0));
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
    }

    [Fact]
    public void Reset_NothingLatched_SaysSo()
    {
        var h = Delayed(0, 0, true);
        h.Feed(10);
        Assert.Equal(ResetOutcome.NothingToReset, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(ResetOutcome.UnknownChannel, h.Engine.Reset(7, h.Clock.MonotonicMs));
        Assert.Equal(ResetOutcome.UnknownLevel, h.Engine.ResetLevel(0, 3, h.Clock.MonotonicMs));
    }

    [Fact]
    public void ChannelReset_IsAllOrNothing()
    {
        // Two latching levels: one cleared, one still active. The reset must touch neither.
        var h = EngineHarness.ForProfile("PLANT_COMBUSTIBLE"); // alarm 25, trip 50, both latching
        h.Feed(55);
        h.FeedAndHold(30); // trip cleared (below 50), alarm still active (above 25)
        Assert.Equal(LevelStatus.Active, h.Status(0));
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(1));
        Assert.Equal(ResetOutcome.ConditionPersists, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(1));
        h.FeedAndHold(10);
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        Assert.Equal(LevelStatus.Normal, h.Status(1));
    }

    [Fact]
    public void Acknowledge_IsSeparateFromReset()
    {
        var h = Delayed(0, 0, true);
        h.Feed(60);
        Assert.Equal(1, h.Engine.Acknowledge(0, h.Clock.MonotonicMs));
        Assert.True(h.Engine.IsAcknowledged(0, 0));
        Assert.Equal(LevelStatus.Active, h.Status(0)); // acknowledged, still active
        Assert.Equal(0, h.Engine.Acknowledge(0, h.Clock.MonotonicMs)); // nothing new to acknowledge
        h.FeedAndHold(30);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(0)); // ack did not reset the latch
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.False(h.Engine.IsAcknowledged(0, 0));
    }
}
