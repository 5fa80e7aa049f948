using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Tests.Alarms;

public class ExposureTests
{
    private const long Minute = 60_000;

    [Fact]
    public void Stel_IsTheFifteenMinuteTimeWeightedAverage()
    {
        var w = ExposureWindow.Stel(slots: 1);
        const long maxGapMs = 30_000;
        long t = 10 * 60 * Minute; // aligned to a bucket boundary
        // 10 minutes at 30 ppm, then 5 minutes at 0: average 20 ppm.
        for (int s = 0; s <= 600; s++) w.Add(0, 30, t + s * 1000, maxGapMs);
        for (int s = 601; s <= 900; s++) w.Add(0, 0, t + s * 1000, maxGapMs);
        double avg = w.Average(0, t + 900_000 - 1);
        Assert.InRange(avg, 19.9, 20.1);
    }

    [Fact]
    public void Stel_ForgetsExposureOlderThanItsWindow()
    {
        var w = ExposureWindow.Stel(slots: 1);
        const long maxGapMs = 30_000;
        long t = 0;
        for (int s = 0; s <= 300; s++) w.Add(0, 100, t + s * 1000, maxGapMs); // 5 min at 100
        for (int s = 301; s <= 1800; s++) w.Add(0, 0, t + s * 1000, maxGapMs); // then 25 min clean
        Assert.Equal(0, w.Average(0, t + 1800_000), 6);
    }

    [Fact]
    public void Stel_ShortSpike_IsDilutedOverTheWholeWindow()
    {
        var w = ExposureWindow.Stel(slots: 1);
        const long maxGapMs = 30_000;
        for (int s = 0; s <= 60; s++) w.Add(0, 150, s * 1000L, maxGapMs); // one minute at 150
        Assert.InRange(w.Average(0, 60_000), 9.9, 10.1); // 150 × 1/15
        Assert.False(w.IsCovered(0, 60_000));
    }

    [Fact]
    public void Twa_IsTheEightHourAverage()
    {
        var w = ExposureWindow.Twa(slots: 1);
        const long maxGapMs = 30_000;
        long t = 0;
        // 4 h at 20, 4 h at 10 → 15, sampled every 10 s.
        for (long ms = 0; ms <= 4 * 3600_000; ms += 10_000) w.Add(0, 20, t + ms, maxGapMs);
        for (long ms = 4 * 3600_000 + 10_000; ms <= 8 * 3600_000; ms += 10_000) w.Add(0, 10, t + ms, maxGapMs);
        Assert.InRange(w.Average(0, 8 * 3600_000), 14.8, 15.2);
        Assert.True(w.IsCovered(0, 8 * 3600_000));
    }

    [Fact]
    public void OpenGap_HoldsTheLastGoodValue_NotZero()
    {
        // Issue 13 #7: a sensor that stops reporting keeps its exposure rising at the last good value.
        var w = ExposureWindow.Stel(slots: 1);
        w.Add(0, 100, 0, 10_000);
        Assert.InRange(w.Average(0, 600_000), 100.0 * 600 / 900 - 0.01, 100.0 * 600 / 900 + 0.01);
    }

    [Fact]
    public void ClosedGap_IsFilledWithTheHigherValueOnEitherSide()
    {
        // A 10-minute gap (longer than the 10 s maximum reading age) ending higher than it began:
        // the gas rose inside it, so the gap counts at the higher value, never at zero.
        var w = ExposureWindow.Stel(slots: 1);
        w.Add(0, 10, 0, 10_000);
        w.Add(0, 100, 600_000, 10_000);
        Assert.InRange(w.Average(0, 600_000), 100.0 * 600 / 900 - 0.01, 100.0 * 600 / 900 + 0.01);
        // Ending lower: the last good value before it holds.
        var v = ExposureWindow.Stel(slots: 1);
        v.Add(0, 100, 0, 10_000);
        v.Add(0, 10, 600_000, 10_000);
        Assert.InRange(v.Average(0, 600_000), 100.0 * 600 / 900 - 0.01, 100.0 * 600 / 900 + 0.01);
    }

    [Fact]
    public void Slots_AreIndependentChannels()
    {
        var w = ExposureWindow.Stel(slots: 3);
        for (int s = 0; s <= 900; s++)
        {
            w.Add(0, 30, s * 1000L, 30_000);
            w.Add(2, 60, s * 1000L, 30_000);
        }
        Assert.InRange(w.Average(0, 900_000), 29.9, 30.1);
        Assert.InRange(w.Average(2, 900_000), 59.9, 60.1);
        Assert.Equal(0, w.Average(1, 900_000));
        Assert.True(w.IsCovered(0, 900_000));
        Assert.True(w.IsCovered(2, 900_000));
        Assert.False(w.IsCovered(1, 900_000));
    }

    [Fact]
    public void AfterAGapLongerThanTheWindow_OldBucketsDoNotReturn()
    {
        // The ring does not store bucket numbers: the buckets a jump in time skips must be cleared,
        // or the 5 minutes at 100 would come back as exposure of the new window.
        var w = ExposureWindow.Stel(slots: 1);
        for (int s = 0; s <= 300; s++) w.Add(0, 100, s * 1000L, 30_000);
        w.Add(0, 0, 301_000, 30_000); // clean from here, so the gap is held at zero
        long t = 40 * Minute + 30_000; // not a multiple of the ring length away
        for (int s = 0; s <= 120; s++) w.Add(0, 10, t + s * 1000L, 30_000);
        // The gap ends at 10, so it is held at 10: the whole window is 10, and nothing of the old 100.
        Assert.InRange(w.Average(0, t + 120_000), 9.99, 10.01);
        // A shorter gap (6 min, inside the window) keeps what is still in the window.
        var v = ExposureWindow.Stel(slots: 1);
        for (int s = 0; s <= 300; s++) v.Add(0, 90, s * 1000L, 30_000); // 0–5 min at 90
        v.Add(0, 0, 301_000, 30_000); // the 90 holds until this sample
        for (int s = 660; s <= 900; s++) v.Add(0, 0, s * 1000L, 30_000); // 11–15 min at 0
        Assert.InRange(v.Average(0, 900_000), 90.0 * 301 / 900 - 0.01, 90.0 * 301 / 900 + 0.01);
    }

    [Fact]
    public void PlantCarbonMonoxide_StelLevelTripsOnSustainedExposure_NotOnInstantLevels()
    {
        // PLANT_CO: level 1 17.16 ppm, STEL 30 mg/m3 = 25.74 ppm. 16 ppm stays below level 1;
        // STEL needs a mean of 25.74 over 15 min, so drive 40 ppm long enough.
        var h = EngineHarness.ForProfile("PLANT_CO");
        int stel = Enumerable.Range(0, h.Engine.LevelCount(0)).First(l => h.Engine.LevelSourceOf(0, l) == LevelSource.Stel);
        int twa = Enumerable.Range(0, h.Engine.LevelCount(0)).First(l => h.Engine.LevelSourceOf(0, l) == LevelSource.Twa);
        h.Feed(16);
        h.Hold(16, 20 * Minute);
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
        Assert.Equal(LevelStatus.Normal, h.Status(0));
        h.Hold(40, 5 * Minute); // mean over 15 min ≈ (10×16 + 5×40)/15 = 24 < 25.74
        Assert.Equal(LevelStatus.Normal, h.Status(stel));
        h.Hold(40, 2 * Minute); // ≈ (8×16 + 7×40)/15 = 27.2 ≥ 25.74
        Assert.Equal(LevelStatus.Active, h.Status(stel));
        Assert.True(h.Engine.StelAverage(0) >= 25.74);
        Assert.Equal(LevelStatus.Normal, h.Status(twa)); // 8 h average still low
    }
}
