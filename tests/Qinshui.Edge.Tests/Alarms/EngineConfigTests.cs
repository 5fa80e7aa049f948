using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>The engine flattens the channel configurations into its own arrays and keeps none of them.</summary>
public class EngineConfigTests
{
    private static void AssertSame(ChannelConfig expected, AlarmEngine engine, int c)
    {
        Assert.Equal(expected.Id, engine.ChannelId(c));
        Assert.Equal(expected.Unit, engine.ChannelUnit(c));
        Assert.Equal(expected.ProfileId, engine.ProfileId(c));
        Assert.Same(ProfileCatalog.Find(expected.ProfileId), engine.Profile(c));
        Assert.Same(GasTable.Find(expected.Gas), engine.Gas(c));
        Assert.Equal(expected.RangeMin, engine.RangeMin(c));
        Assert.Equal(expected.RangeMax, engine.RangeMax(c));
        Assert.Equal(expected.MaxAgeMs, engine.MaxAgeMs(c));
        Assert.Equal(expected.MaxInhibitMs, engine.MaxInhibitMs(c));
        Assert.Equal(expected.CalibrationDueUtcMs, engine.CalibrationDueUtcMs(c));
        Assert.Equal(expected.HasExposureLevels, engine.HasExposureLevels(c));
        Assert.Equal(expected.Levels.Length, engine.LevelCount(c));
        for (int l = 0; l < expected.Levels.Length; l++)
        {
            var lc = expected.Levels[l];
            Assert.Equal(lc.Kind, engine.LevelKindOf(c, l));
            Assert.Equal(lc.Direction, engine.LevelDirection(c, l));
            Assert.Equal(lc.Source, engine.LevelSourceOf(c, l));
            Assert.Equal(lc.Threshold, engine.Threshold(c, l));
            Assert.Equal(lc.Restore, engine.Restore(c, l));
            Assert.Equal(lc.OnDelayMs, engine.OnDelayMs(c, l));
            // The engine never clears faster than the profile family's hold (issue 13 #5).
            int hold = ClearHold.ForProfile(ProfileCatalog.Find(expected.ProfileId ?? ""));
            Assert.Equal(Math.Max(lc.OffDelayMs, hold), engine.OffDelayMs(c, l));
            Assert.Equal(lc.Latching, engine.IsLatching(c, l));
        }
    }

    private static ChannelConfig[] EveryProfileAndASiteChannel()
    {
        var list = ProfileCatalog.All.Select(p => ChannelConfig.FromProfile(p.Id.ToLowerInvariant(), p)).ToList();
        var site = new ChannelConfig("dp-1", "", Unit.Pascal,
            [new LevelConfig(LevelKind.Warning, Direction.Low, 200, 250, 3000, 5000, false), new LevelConfig(LevelKind.Trip, Direction.High, 2500, 2000, 0, 10_000, true)],
            12_000, -100, 4000, 600_000);
        site.CalibrationDueUtcMs = 1_800_000_000_000;
        site.Gas = "";
        list.Add(site);
        return list.ToArray();
    }

    [Fact]
    public void EveryChannelSetting_IsAnsweredFromTheEnginesCopy()
    {
        var channels = EveryProfileAndASiteChannel();
        var engine = new AlarmEngine(channels, 16);
        Assert.Equal(channels.Length, engine.ChannelCount);
        Assert.Equal(channels.Sum(c => c.Levels.Length), engine.TotalLevelCount);
        Assert.Equal(channels.Count(c => c.HasExposureLevels), engine.ExposureChannelCount);
        for (int c = 0; c < channels.Length; c++)
        {
            AssertSame(channels[c], engine, c);
            Assert.Equal(c, engine.IndexOf(channels[c].Id));
        }
        Assert.Equal(-1, engine.IndexOf("no-such-channel"));
    }

    [Fact]
    public void CopyConfig_RebuildsAnEqualConfiguration()
    {
        var channels = EveryProfileAndASiteChannel();
        var engine = new AlarmEngine(channels, 16);
        var copy = new AlarmEngine(Enumerable.Range(0, channels.Length).Select(engine.CopyConfig).ToArray(), 16);
        for (int c = 0; c < channels.Length; c++) AssertSame(channels[c], copy, c);
    }

    [Fact]
    public void BeforeTheFirstReading_EveryLevelIsFaulted_AndTheChannelHasNoData()
    {
        var engine = new AlarmEngine(EveryProfileAndASiteChannel(), 16);
        for (int c = 0; c < engine.ChannelCount; c++)
        {
            Assert.False(engine.HasReading(c));
            Assert.Equal(Quality.NoData, engine.EffectiveQuality(c));
            Assert.False(engine.IsInhibited(c));
            for (int l = 0; l < engine.LevelCount(c); l++)
            {
                Assert.Equal(LevelStatus.Fault, engine.Status(c, l));
                Assert.True(engine.IsLevelTripping(c, l));
                Assert.False(engine.IsLatched(c, l));
            }
        }
    }

    [Fact]
    public void LastReading_IsReturnedAsSubmitted_WithTheEnginesQualityApart()
    {
        var h = EngineHarness.ForProfile("MINE_CO");
        var r = new Reading(12.5, Unit.Ppm, Quality.ClockUntrusted, h.Clock.MonotonicMs - 200, h.Clock.UtcMs - 200);
        h.Engine.Update(0, r, h.Clock.MonotonicMs);
        Assert.Equal(r, h.Engine.LastReading(0));
        Assert.Equal(12.5, h.Engine.LastValue(0));
        Assert.Equal(r.MonotonicMs, h.Engine.LastMonotonicMs(0));
        Assert.Equal(Quality.ClockUntrusted, h.Engine.EffectiveQuality(0));

        // A reading in another unit keeps its unit, and is a sensor fault.
        var wrong = new Reading(12.5, Unit.MilligramsPerCubicMetre, Quality.Good, h.Clock.MonotonicMs, h.Clock.UtcMs);
        h.Engine.Update(0, wrong, h.Clock.MonotonicMs);
        Assert.Equal(Unit.MilligramsPerCubicMetre, h.Engine.LastReading(0).Unit);
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.SensorFault) != 0);
    }
}
