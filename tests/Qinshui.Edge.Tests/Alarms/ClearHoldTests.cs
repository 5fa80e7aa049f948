using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>
/// Issue 13 #5, alarm chatter: activation stays immediate at the standard's threshold; clearing waits
/// for the reading to stay restored for the profile family's hold (never shorter than a level's own off-delay).
/// </summary>
public class ClearHoldTests
{
    private static int LevelChanges(List<AlarmTransition> ts, int level) =>
        ts.Count(t => t.Kind == TransitionKind.LevelChanged && t.LevelIndex == level);

    [Fact]
    public void ReadingHoveringAtTheThreshold_RaisesTheAlarmOnce_InsteadOfChattering()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE"); // alarm ≥ 1.0, restore < 1.0
        h.FeedAndHold(0.5);
        h.Drain();
        // A minute of 1.00 / 0.99 every 100 ms: the old engine made 600 alarm transitions of it.
        for (int i = 0; i < 600; i++)
        {
            h.Clock.Advance(100);
            h.Feed(i % 2 == 0 ? 1.00 : 0.99);
        }
        var ts = h.Drain();
        Assert.Equal(1, LevelChanges(ts, 0));
        Assert.Equal(LevelStatus.Active, h.Status(0));
    }

    [Fact]
    public void Activation_IsImmediate_AtTheStandardsThreshold()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.FeedAndHold(0.5);
        h.Clock.Advance(100);
        h.Feed(1.5); // AQ 1029-2019: cut at ≥ 1.5 %CH4, in the same evaluation
        Assert.Equal(LevelStatus.Active, h.Status(1));
        Assert.Equal(LevelStatus.Active, h.Status(0));
    }

    [Theory]
    [InlineData("MINE_CH4_FACE", 1.2, 0.5, ClearHold.MineMs)]
    [InlineData("MINE_CO", 30, 10, ClearHold.MineMs)]
    [InlineData("PLANT_CO", 20, 1, ClearHold.PlantMs)]
    [InlineData("PLANT_COMBUSTIBLE", 30, 5, ClearHold.PlantMs)]
    public void Clearing_WaitsForTheProfileFamilysHold(string profile, double high, double restored, int holdMs)
    {
        var h = EngineHarness.ForProfile(profile);
        h.Feed(high);
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Clock.Advance(100);
        h.Feed(restored);
        h.Clock.Advance(holdMs - 1);
        h.Feed(restored);
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Clock.Advance(1);
        h.Feed(restored);
        Assert.NotEqual(LevelStatus.Active, h.Status(0)); // normal, or cleared awaiting reset when it latches
    }

    [Fact]
    public void ReadingBackAboveRestore_StartsTheHoldAgain()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(1.2);
        h.Hold(0.9, 9000);
        h.Hold(1.0, 1000); // at the threshold: not restored
        h.Hold(0.9, 10000); // restore first seen 1 s into this: 9 s held
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Hold(0.9, 1000);
        Assert.Equal(LevelStatus.Normal, h.Status(0));
    }

    [Fact]
    public void LatchedLevel_EntersClearedAwaitingReset_AtMostOncePerHold()
    {
        var h = EngineHarness.ForProfile("PLANT_COMBUSTIBLE"); // trip 50 %LEL, latching, plant hold 5 s
        h.Feed(55);
        h.FeedAndHold(20);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(1));
        h.Drain();
        // 30 s hovering at the trip level's restore, changing every 100 ms.
        for (int i = 0; i < 300; i++)
        {
            h.Clock.Advance(100);
            h.Feed(i % 2 == 0 ? 50.0 : 49.9);
        }
        var entries = h.Drain().Where(t => t.Kind == TransitionKind.LevelChanged && t.LevelIndex == 1 && t.To == LevelStatus.ClearedAwaitingReset)
            .Select(t => t.AtMs).ToList();
        Assert.True(entries.Count <= 1, $"{entries.Count} entries into cleared_awaiting_reset");
        for (int i = 1; i < entries.Count; i++) Assert.True(entries[i] - entries[i - 1] >= ClearHold.PlantMs);
        Assert.True(h.Engine.IsLevelTripping(0, 1)); // and it trips throughout
    }

    [Fact]
    public void SiteChannel_GetsThePlantHold_AndALongerOwnOffDelayIsKept()
    {
        var site = new ChannelConfig("t", "", Unit.DegreesCelsius, new[]
        {
            new LevelConfig(LevelKind.Alarm, Direction.High, 70, 65, 0, 0, false),
            new LevelConfig(LevelKind.Trip, Direction.High, 90, 80, 0, 20000, true),
        }, 30000, 0, 200, 3600000);
        var engine = new AlarmEngine(new[] { site }, 16);
        Assert.Equal(ClearHold.SiteDefinedMs, engine.OffDelayMs(0, 0));
        Assert.Equal(20000, engine.OffDelayMs(0, 1));
    }

    [Fact]
    public void ResetOfALatchedLevel_IsRefusedUntilTheHoldHasPassed()
    {
        var h = EngineHarness.ForProfile("PLANT_COMBUSTIBLE");
        h.Feed(55);
        h.Clock.Advance(100);
        h.Feed(10);
        Assert.Equal(ResetOutcome.ConditionPersists, h.Engine.Reset(0, h.Clock.MonotonicMs));
        h.Hold(10, ClearHold.PlantMs);
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
    }
}
