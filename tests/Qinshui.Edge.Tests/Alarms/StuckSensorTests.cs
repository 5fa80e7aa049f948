using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>Issue 13 #2: a frozen sensor is a fault, never a good value, and needs a reset after it moves again.</summary>
public class StuckSensorTests
{
    private const long Minute = 60_000;

    /// <summary>Feeds the value every 10 s for ms.</summary>
    private static void Flat(EngineHarness h, double value, long ms)
    {
        for (long t = 0; t < ms; t += 10_000)
        {
            h.Clock.Advance(10_000);
            h.Feed(value);
        }
    }

    [Fact]
    public void FrozenMethaneHead_IsStuckAfterItsFamilyWindow_AndEveryLevelFaults()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.10);
        Flat(h, 0.10, 29 * Minute);
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
        Flat(h, 0.10, 1 * Minute);
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.Stuck) != 0);
        Assert.True(QualityRules.IsBad(h.Engine.EffectiveQuality(0)));
        Assert.Equal(LevelStatus.Fault, h.Status(1));
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip)); // bad data trips what depends on it
        Assert.Equal(StuckCheck.MineMethaneWindowMs, h.Engine.Stuck.WindowMs(0));
    }

    [Fact]
    public void HeadShowingItsNoise_IsNeverStuck()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        for (int i = 0; i < 2 * 360; i++) // 2 h, every 10 s, ±0.01 %CH4
        {
            h.Clock.Advance(10_000);
            h.Feed(i % 2 == 0 ? 0.10 : 0.11);
        }
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
    }

    [Fact]
    public void StuckChannel_RefusesAResetUntilItMoves_ThenTheResetClearsIt()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.10);
        Flat(h, 0.10, 31 * Minute);
        Assert.Equal(ResetOutcome.SensorStuck, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Flat(h, 0.105, Minute); // within the noise band: still frozen
        Assert.Equal(ResetOutcome.SensorStuck, h.Engine.Reset(0, h.Clock.MonotonicMs));
        h.Clock.Advance(1000);
        h.Feed(0.20); // the head moves again
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.Stuck) != 0); // still a fault: a person must reset
        Assert.True(h.Engine.IsStuckAwaitingReset(0));
        Assert.Equal(ResetOutcome.Accepted, h.Engine.Reset(0, h.Clock.MonotonicMs));
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
        Assert.Equal(LevelStatus.Normal, h.Status(1));
    }

    [Fact]
    public void InhibitedSamples_RestartTheWindow()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.10);
        Flat(h, 0.10, 20 * Minute);
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 5 * Minute, h.Clock.MonotonicMs));
        Flat(h, 0.10, 6 * Minute);
        Flat(h, 0.10, 28 * Minute); // 29 min since the inhibit ended (1 min into the 6): not yet, 49 min in all
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
    }

    [Fact]
    public void ChannelSwitchedOff_IsNeverStuck()
    {
        var cfg = ChannelConfig.FromProfile("ch", ProfileCatalog.Find("MINE_CH4_FACE")!);
        cfg.StuckWindowMs = 0;
        cfg.StuckOffReason = "reference gas cell, constant by design";
        var h = new EngineHarness(cfg);
        h.Feed(0.10);
        Flat(h, 0.10, 3 * 60 * Minute);
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
    }

    [Fact]
    public void StuckQuality_IsNamedStuck_ForPayloads()
    {
        Assert.Equal("stuck", QualityRules.Describe(Quality.Stuck));
        Assert.Equal(512, (int)Quality.Stuck);
    }
}
