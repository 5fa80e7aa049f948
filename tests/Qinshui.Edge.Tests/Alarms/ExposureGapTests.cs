using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>Issue 13 #7: gaps in samples and inhibited samples in the engine's STEL/TWA.</summary>
public class ExposureGapTests
{
    private const long Minute = 60_000;

    private static int LevelOf(EngineHarness h, LevelSource source) =>
        Enumerable.Range(0, h.Engine.LevelCount(0)).First(l => h.Engine.LevelSourceOf(0, l) == source);

    [Fact]
    public void LoopLoss_DoesNotLowerTheStel_AndTheAlarmComesOnTheFirstSampleBack()
    {
        // PLANT_CO STEL 25.74 ppm. 15 min clean, 8 min at 40 (mean 21.3), then a 3-minute loop loss
        // while the gas stays: with the gap held at 40 the mean is 11 × 40 / 15 = 29.3.
        var h = EngineHarness.ForProfile("PLANT_CO");
        int stel = LevelOf(h, LevelSource.Stel);
        h.Feed(0);
        h.Hold(0, 15 * Minute);
        h.Hold(40, 8 * Minute);
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
        for (int s = 0; s < 180; s++)
        {
            h.Clock.Advance(1000);
            h.Engine.Tick(h.Clock.MonotonicMs);
        }
        Assert.True(h.Engine.StelAverage(0) >= 25.74, $"STEL during the gap {h.Engine.StelAverage(0)}");
        h.Feed(40);
        Assert.Equal(LevelStatus.Active, h.Status(stel));
        Assert.InRange(h.Engine.StelAverage(0), 29.2, 29.4);
    }

    [Fact]
    public void CalibrationGasUnderInhibit_IsNotExposure_AndTheInhibitedTimeIsNotZero()
    {
        // 10 min at 10 ppm, 5 min of 100 ppm test gas under an inhibit, then 10 ppm again: the
        // 15-minute mean is 10 ppm (neither (10×10 + 5×100)/15 = 40 nor (10×10 + 5×0)/15 = 6.7).
        var h = EngineHarness.ForProfile("PLANT_CO");
        int stel = LevelOf(h, LevelSource.Stel);
        h.Feed(10);
        h.Hold(10, 10 * Minute);
        Assert.Equal(InhibitOutcome.Accepted, h.Engine.Inhibit(0, h.Clock.MonotonicMs + 6 * Minute, h.Clock.MonotonicMs));
        h.Hold(100, 5 * Minute);
        h.Engine.EndInhibit(0, h.Clock.MonotonicMs);
        h.Hold(10, 1000);
        Assert.InRange(h.Engine.StelAverage(0), 9.9, 10.1);
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
    }
}
