using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Alarms;

public class ThresholdTests
{
    // MINE_CH4_FACE: level 0 alarm ≥1.0 restore <1.0; level 1 trip ≥1.5 restore <1.0, latching.
    [Theory]
    [InlineData(0.99, LevelStatus.Normal, LevelStatus.Normal)]
    [InlineData(1.00, LevelStatus.Active, LevelStatus.Normal)]
    [InlineData(1.49, LevelStatus.Active, LevelStatus.Normal)]
    [InlineData(1.50, LevelStatus.Active, LevelStatus.Active)]
    [InlineData(1.51, LevelStatus.Active, LevelStatus.Active)]
    public void MethaneFace_AlarmAndCut_AtExactThresholds(double value, LevelStatus alarm, LevelStatus trip)
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(value);
        Assert.Equal(alarm, h.Status(0));
        Assert.Equal(trip, h.Status(1));
    }

    [Fact]
    public void MethaneFace_CutHoldsInHysteresisBand_AndClearsOnlyBelowRestore()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(1.5);
        Assert.Equal(LevelStatus.Active, h.Status(1));
        h.Feed(1.2); // below cut, above restore: still cut
        Assert.Equal(LevelStatus.Active, h.Status(1));
        h.Feed(1.0); // restore is strictly below 1.0
        Assert.Equal(LevelStatus.Active, h.Status(1));
        h.FeedAndHold(0.99);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(1)); // latching
        Assert.Equal(LevelStatus.Normal, h.Status(0)); // the alarm level does not latch
    }

    [Fact]
    public void MethaneReturn_CutAtOne_RestoreBelowOne()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_RETURN");
        h.Feed(0.99);
        Assert.Equal(LevelStatus.Normal, h.Status(1));
        h.Feed(1.0);
        Assert.Equal(LevelStatus.Active, h.Status(1));
        h.FeedAndHold(0.99);
        Assert.Equal(LevelStatus.ClearedAwaitingReset, h.Status(1));
    }

    [Theory]
    [InlineData(0.49, false)]
    [InlineData(0.50, true)]
    [InlineData(0.51, true)]
    public void MethaneIntake_CutAtHalfPercent(double value, bool cut)
    {
        var h = EngineHarness.ForProfile("MINE_CH4_INTAKE");
        h.Feed(value);
        Assert.Equal(cut, h.Engine.IsTripping(0, LevelKind.Trip));
    }

    [Fact]
    public void SeriesFan_SecondCutAtOnePointFive()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_SERIES_FAN");
        h.Feed(1.49);
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
        Assert.False(h.Engine.IsTripping(0, LevelKind.SecondTrip));
        h.Feed(1.5);
        Assert.True(h.Engine.IsTripping(0, LevelKind.SecondTrip));
    }

    [Theory]
    [InlineData(19.6, LevelStatus.Normal)]
    [InlineData(19.5, LevelStatus.Normal)] // low: active strictly below 19.5
    [InlineData(19.49, LevelStatus.Active)]
    public void PlantOxygen_LowAlarm_StrictlyBelow(double value, LevelStatus expected)
    {
        var h = EngineHarness.ForProfile("PLANT_O2");
        h.Feed(value);
        Assert.Equal(expected, h.Status(0));
    }

    [Theory]
    [InlineData(23.5, LevelStatus.Active)]
    [InlineData(23.49, LevelStatus.Normal)]
    public void PlantOxygen_HighAlarm_AtOrAbove(double value, LevelStatus expected)
    {
        var h = EngineHarness.ForProfile("PLANT_O2");
        h.Feed(value);
        Assert.Equal(expected, h.Status(1));
    }

    [Fact]
    public void LowLevel_RestoresAtOrAboveRestore()
    {
        var cfg = new ChannelConfig("o2", "", Unit.PercentVolume,
            new[] { new LevelConfig(LevelKind.Alarm, Direction.Low, 19.5, 20.0, 0, 0, false) }, 30000, 0, 30, 3600000);
        var h = new EngineHarness(cfg);
        h.Feed(19.4);
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.Feed(19.9); // in the band
        Assert.Equal(LevelStatus.Active, h.Status(0));
        h.FeedAndHold(20.0);
        Assert.Equal(LevelStatus.Normal, h.Status(0));
    }

    [Fact]
    public void Transitions_ReportFromToAndValue()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.2);
        h.Drain();
        h.Feed(1.6);
        var t = h.Drain().Where(x => x.Kind == TransitionKind.LevelChanged).ToList();
        Assert.Equal(2, t.Count);
        Assert.All(t, x => Assert.Equal(1.6, x.Value));
        Assert.Contains(t, x => x.LevelIndex == 1 && x.From == LevelStatus.Normal && x.To == LevelStatus.Active);
    }
}
