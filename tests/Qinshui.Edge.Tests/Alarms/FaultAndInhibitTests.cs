using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Alarms;

public class FaultAndInhibitTests
{
    [Fact]
    public void BeforeFirstReading_EveryLevelIsInFault()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.Equal(LevelStatus.Fault, h.Status(0));
        Assert.Equal(LevelStatus.Fault, h.Status(1));
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.NoData) != 0);
    }

    [Theory]
    [InlineData(Quality.CommunicationFault)]
    [InlineData(Quality.SensorFault)]
    [InlineData(Quality.OutOfRange)]
    [InlineData(Quality.WarmingUp)]
    [InlineData(Quality.Stale)]
    public void BadQuality_PutsEveryLevelIntoFault_EvenWithASafeValue(Quality q)
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.1);
        Assert.False(h.Engine.IsTripping(0, LevelKind.Trip));
        h.Feed(0.1, q);
        Assert.Equal(LevelStatus.Fault, h.Status(0));
        Assert.Equal(LevelStatus.Fault, h.Status(1));
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
    }

    [Fact]
    public void BadQuality_NeverKeepsTheLastState()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.2);
        h.Feed(0.2, Quality.CommunicationFault);
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
        h.Feed(0.2);
        Assert.False(h.Engine.IsTripping(0, LevelKind.Trip));
    }

    [Fact]
    public void StaleReading_FaultsAfterMaxAge_WithoutNewData()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE"); // max age 30 s
        h.Feed(0.2);
        h.Clock.Advance(30000);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.NotEqual(LevelStatus.Fault, h.Status(1));
        h.Clock.Advance(1);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.Equal(LevelStatus.Fault, h.Status(1));
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.Stale) != 0);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.01)]
    [InlineData(4.01)]
    public void NaNInfinityOrOutOfSensorRange_IsAFault(double value)
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE"); // range 0–4 %
        h.Feed(value);
        Assert.Equal(LevelStatus.Fault, h.Status(1));
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.OutOfRange) != 0);
    }

    [Fact]
    public void WrongUnit_IsASensorFault()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Engine.Update(0, new Reading(0.1, Unit.PercentLel, Quality.Good, h.Clock.MonotonicMs, h.Clock.UtcMs), h.Clock.MonotonicMs);
        Assert.Equal(LevelStatus.Fault, h.Status(0));
    }

    [Fact]
    public void ClockUntrustedFlag_DoesNotFaultTheChannel()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.2, Quality.ClockUntrusted);
        Assert.Equal(LevelStatus.Normal, h.Status(1));
    }

    [Fact]
    public void Inhibit_RequiresAnExpiryInTheFuture_AndNotLongerThanTheMaximum()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        long now = h.Clock.MonotonicMs;
        Assert.Equal(InhibitOutcome.ExpiryMissing, h.Engine.Inhibit(0, now, now));
        Assert.Equal(InhibitOutcome.TooLong, h.Engine.Inhibit(0, now + ChannelConfig.DefaultMaxInhibitMs + 1, now));
        Assert.Equal(InhibitOutcome.UnknownChannel, h.Engine.Inhibit(3, now + 1000, now));
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, now + 1000, now));
    }

    [Fact]
    public void Inhibit_IsReportedWhileActive_AndEndsByItself()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.2);
        h.Drain();
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 60000, h.Clock.MonotonicMs));
        Assert.True(h.Engine.IsInhibited(0));
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.Inhibited) != 0);
        Assert.Equal(LevelStatus.Inhibited, h.Status(1));
        Assert.Contains(h.Drain(), t => t.Kind == TransitionKind.InhibitStarted);
        h.Hold(2.0, 59000); // gas while inhibited: not annunciated
        Assert.Equal(LevelStatus.Inhibited, h.Status(1));
        h.Hold(2.0, 1000);
        Assert.False(h.Engine.IsInhibited(0));
        Assert.Equal(LevelStatus.Active, h.Status(1));
        Assert.Contains(h.Drain(), t => t.Kind == TransitionKind.InhibitEnded);
    }

    [Fact]
    public void Inhibit_DoesNotHideAFault()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0.2);
        h.Engine.Inhibit(0, h.Clock.MonotonicMs + 60000, h.Clock.MonotonicMs);
        h.Feed(0.2, Quality.SensorFault);
        Assert.Equal(LevelStatus.Fault, h.Status(1));
    }
}

public class CalibrationDueTests
{
    [Fact]
    public void ReadingsTakenAfterTheCalibrationDate_AreFlaggedOverdue_AndNoPermissiveAcceptsThem()
    {
        var p = Qinshui.Edge.Core.Profiles.ProfileCatalog.Find("MINE_CH4_FACE")!;
        var cfg = ChannelConfig.FromProfile("ch4", p);
        // The engine copies the configuration when it is built: set the due date first.
        cfg.CalibrationDueUtcMs = new Qinshui.Edge.Tests.Fakes.FakeClock().UtcMs + 10_000;
        var h = new EngineHarness(cfg);
        Assert.Equal(cfg.CalibrationDueUtcMs, h.Engine.CalibrationDueUtcMs(0));
        Assert.Equal(cfg.CalibrationDueUtcMs, h.Clock.UtcMs + 10_000);
        h.Feed(0.2);
        Assert.True(QualityRules.IsHealthyForPermissive(h.Engine.EffectiveQuality(0)));
        h.Clock.Advance(10_000);
        h.Feed(0.2);
        Assert.True((h.Engine.EffectiveQuality(0) & Quality.CalibrationOverdue) != 0);
        Assert.False(QualityRules.IsHealthyForPermissive(h.Engine.EffectiveQuality(0)));
        // Still measuring: alarms keep working on an overdue sensor.
        h.Feed(1.6);
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
    }
}

/// <summary>Issue 13 #9: the inhibit maximum bounds the continuous inhibited time, not each command.</summary>
public class InhibitRenewalTests
{
    private static EngineHarness Harness() => new(new ChannelConfig("co", "", Unit.Ppm,
        new[] { new LevelConfig(LevelKind.Alarm, Direction.High, 50, 40, 0, 0, false) }, 30000, 0, 500, 600_000));

    [Fact]
    public void RenewalBeforeTheEnd_CannotExtendPastTheMaximumFromTheFirstStart()
    {
        var h = Harness();
        h.Feed(10);
        long start = h.Clock.MonotonicMs;
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, start + 500_000, start));
        h.Clock.Advance(500_000 - 1);
        long now = h.Clock.MonotonicMs;
        // The acceptance run's case: a 600 s renewal just before the end, 1,100 s in all against a 600 s maximum.
        Assert.Equal(InhibitOutcome.TooLong, h.Engine.Inhibit(0, now + 600_000, now));
        Assert.Equal(start + 500_000, h.Engine.InhibitUntilMs(0)); // the running inhibit is untouched
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, start + 600_000, now)); // up to the maximum is fine
        Assert.Single(h.Drain(), t => t.Kind == TransitionKind.InhibitStarted);
    }

    [Fact]
    public void AfterTheInhibitEnded_ANewOneCountsFromItsOwnStart()
    {
        var h = Harness();
        h.Feed(10);
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 600_000, h.Clock.MonotonicMs));
        h.Clock.Advance(600_000);
        h.Engine.Tick(h.Clock.MonotonicMs);
        Assert.False(h.Engine.IsInhibited(0));
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 600_000, h.Clock.MonotonicMs));
    }

    [Fact]
    public void EndedByCommand_ThenStartedAgain_CountsAfresh()
    {
        var h = Harness();
        h.Feed(10);
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 500_000, h.Clock.MonotonicMs));
        h.Clock.Advance(450_000);
        h.Engine.EndInhibit(0, h.Clock.MonotonicMs);
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 600_000, h.Clock.MonotonicMs));
    }
}
