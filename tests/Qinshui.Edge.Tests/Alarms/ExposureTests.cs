using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Tests.Alarms;

public class ExposureTests
{
    private const long Minute = 60_000;

    [Fact]
    public void Stel_IsTheFifteenMinuteTimeWeightedAverage()
    {
        var w = ExposureWindow.Stel(30_000);
        long t = 10 * 60 * Minute; // aligned to a bucket boundary
        // 10 minutes at 30 ppm, then 5 minutes at 0: average 20 ppm.
        for (int s = 0; s <= 600; s++) w.Add(30, t + s * 1000);
        for (int s = 601; s <= 900; s++) w.Add(0, t + s * 1000);
        double avg = w.Average(t + 900_000 - 1);
        Assert.InRange(avg, 19.9, 20.1);
    }

    [Fact]
    public void Stel_ForgetsExposureOlderThanItsWindow()
    {
        var w = ExposureWindow.Stel(30_000);
        long t = 0;
        for (int s = 0; s <= 300; s++) w.Add(100, t + s * 1000); // 5 min at 100
        for (int s = 301; s <= 1800; s++) w.Add(0, t + s * 1000); // then 25 min clean
        Assert.Equal(0, w.Average(t + 1800_000), 6);
    }

    [Fact]
    public void Stel_ShortSpike_IsDilutedOverTheWholeWindow()
    {
        var w = ExposureWindow.Stel(30_000);
        for (int s = 0; s <= 60; s++) w.Add(150, s * 1000L); // one minute at 150
        Assert.InRange(w.Average(60_000), 9.9, 10.1); // 150 × 1/15
        Assert.False(w.IsCovered(60_000));
    }

    [Fact]
    public void Twa_IsTheEightHourAverage()
    {
        var w = ExposureWindow.Twa(30_000);
        long t = 0;
        // 4 h at 20, 4 h at 10 → 15, sampled every 10 s.
        for (long ms = 0; ms <= 4 * 3600_000; ms += 10_000) w.Add(20, t + ms);
        for (long ms = 4 * 3600_000 + 10_000; ms <= 8 * 3600_000; ms += 10_000) w.Add(10, t + ms);
        Assert.InRange(w.Average(8 * 3600_000), 14.8, 15.2);
        Assert.True(w.IsCovered(8 * 3600_000));
    }

    [Fact]
    public void GapLongerThanMaxGap_IsNotFilledWithTheLastValue()
    {
        var w = ExposureWindow.Stel(10_000);
        w.Add(100, 0);
        w.Add(0, 600_000); // 10 min gap: only 10 s of it counts at 100
        Assert.InRange(w.Average(600_000), 100.0 * 10 / 900 - 0.01, 100.0 * 10 / 900 + 0.01);
    }

    [Fact]
    public void PlantCarbonMonoxide_StelLevelTripsOnSustainedExposure_NotOnInstantLevels()
    {
        // PLANT_CO: level 1 17.16 ppm, STEL 30 mg/m3 = 25.74 ppm. 16 ppm stays below level 1;
        // STEL needs a mean of 25.74 over 15 min, so drive 40 ppm long enough.
        var h = EngineHarness.ForProfile("PLANT_CO");
        int stel = Array.FindIndex(h.Engine.Config(0).Levels, l => l.Source == LevelSource.Stel);
        int twa = Array.FindIndex(h.Engine.Config(0).Levels, l => l.Source == LevelSource.Twa);
        h.Feed(16);
        h.Hold(16, 20 * Minute);
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        h.Hold(40, 5 * Minute); // mean over 15 min ≈ (10×16 + 5×40)/15 = 24 < 25.74
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
        h.Hold(40, 2 * Minute); // ≈ (8×16 + 7×40)/15 = 27.2 ≥ 25.74
        Assert.Equal(LevelStatus.Active, h.Status(stel));
        Assert.True(h.Engine.State(0).StelAverage >= 25.74);
        Assert.Equal(LevelStatus.Normal, h.Status(twa)); // 8 h average still low
    }
}
