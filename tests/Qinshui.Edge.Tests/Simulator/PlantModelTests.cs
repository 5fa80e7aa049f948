using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Tests.Simulator;

public sealed class PlantModelTests
{
    private static (VirtualClock Clock, PlantModel Plant) NewPlant(int seed = 1) 
    {
        var clock = new VirtualClock();
        return (clock, new PlantModel(clock, seed));
    }

    private static void Run(VirtualClock clock, PlantModel plant, long ms, long stepMs = 100)
    {
        for (long t = 0; t < ms; t += stepMs)
        {
            clock.AdvanceMs(stepMs);
            plant.Step();
        }
    }

    [Fact]
    public void FirstOrderSensor_ReachesNinetyPercentOfAStepAtItsT90()
    {
        var (clock, plant) = NewPlant();
        var v = new SetPointVariable("x", Unit.Ppm, 0);
        plant.Add(v);
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.Ppm, RangeMax = 100, T90Ms = 30_000 });
        v.Set("value", 10);
        long reached = -1;
        for (long t = 100; t <= 60_000; t += 100)
        {
            clock.AdvanceMs(100);
            plant.Step();
            if (reached < 0 && s.ResponseValue >= 9.0) reached = t;
        }
        Assert.InRange(reached, 29_900, 30_100);
        Assert.InRange(s.ResponseValue, 9.89, 9.91); // after 2 × T90: 99 %
    }

    [Fact]
    public void WellMixedGas_SettlesAtLeakOverVentilationWithTimeConstantVolumeOverFlow()
    {
        var (clock, plant) = NewPlant();
        // V = 200 m³, Q = 400 m³/min → τ = 0.5 min = 30 s; L = 2 m³/min → C∞ = 0.5 %vol.
        var gas = new WellMixedGas("air", Unit.PercentVolume, 200, 400, 0, 0, 5);
        plant.Add(gas);
        gas.Set(WellMixedGas.Leak, 2);
        Run(clock, plant, 30_000);
        Assert.Equal(0.5 * (1 - Math.Exp(-1)), gas.Value, 6);
        Run(clock, plant, 570_000);
        Assert.Equal(0.5, gas.Value, 6);
        Assert.Equal(0.5, gas.SteadyStateValue, 9);
    }

    [Fact]
    public void WellMixedGas_InPpmAndLel_ConvertsTheSameFraction()
    {
        var ppm = new WellMixedGas("a", Unit.Ppm, 100, 100, 0.001, 0, 5);
        var lel = new WellMixedGas("b", Unit.PercentLel, 100, 100, 1, 0, 5);
        Assert.Equal(10, ppm.Value, 6);      // 0.001 / 100 = 1e-5 = 10 ppm
        Assert.Equal(20, lel.Value, 6);      // 1 %vol of a 5 %vol LEL gas = 20 %LEL
    }

    [Fact]
    public void WellMixedGas_WithoutVentilation_AccumulatesLinearly()
    {
        var (clock, plant) = NewPlant();
        var gas = new WellMixedGas("air", Unit.PercentVolume, 100, 0, 1, 0, 5);
        plant.Add(gas);
        Run(clock, plant, 60_000);
        Assert.Equal(1.0, gas.Value, 6); // 1 m³ into 100 m³ = 1 %vol
    }

    [Theory]
    [InlineData(0.0, 4.0)]
    [InlineData(2.0, 12.0)]
    [InlineData(4.0, 20.0)]
    [InlineData(5.0, 20.5)]   // over the span: NE43 saturation, still a measurement current
    [InlineData(-1.0, 3.8)]
    public void AnalogSensor_MapsItsRangeOnto4To20mA_SaturatingPerNe43(double value, double expectedMilliamps)
    {
        var (_, plant) = NewPlant();
        plant.Add(new SetPointVariable("x", Unit.PercentVolume, value));
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.PercentVolume, RangeMin = 0, RangeMax = 4 });
        Assert.True(s.TryReadMilliamps(out double mA));
        Assert.Equal(expectedMilliamps, mA, 9);
    }

    [Fact]
    public void NamurFailures_OpenLoopAtOrBelow3_6_OverRangeAtOrAbove21_CommLossUnreadable()
    {
        var (_, plant) = NewPlant();
        plant.Add(new SetPointVariable("x", Unit.PercentVolume, 1));
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.PercentVolume, RangeMax = 4 });

        s.InjectFault(SensorFault.OpenLoop);
        Assert.True(s.TryReadMilliamps(out double open));
        Assert.True(NamurLoop.IsFailureLow(open));
        Assert.True(open <= 3.6);

        s.InjectFault(SensorFault.OverRange);
        Assert.True(s.TryReadMilliamps(out double high));
        Assert.True(high >= 21.0);
        Assert.True(NamurLoop.IsFailureHigh(high));

        s.InjectFault(SensorFault.CommLoss);
        Assert.False(s.TryReadMilliamps(out _));

        s.ClearFault();
        Assert.True(s.TryReadMilliamps(out double ok));
        Assert.Equal(8.0, ok, 9);
        Assert.False(NamurLoop.IsFailureLow(ok) || NamurLoop.IsFailureHigh(ok));
    }

    [Fact]
    public void WarmingUpSensor_HoldsFailureLowCurrentThenMeasures()
    {
        var (clock, plant) = NewPlant();
        plant.Add(new SetPointVariable("x", Unit.PercentVolume, 1));
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.PercentVolume, RangeMax = 4, WarmUpMs = 20_000 });
        Run(clock, plant, 19_900);
        Assert.True(s.TryReadMilliamps(out double warming));
        Assert.True(NamurLoop.IsFailureLow(warming));
        Assert.True((s.ReadDigital(0, 0).Quality & Quality.WarmingUp) != 0);
        Run(clock, plant, 200);
        Assert.True(s.TryReadMilliamps(out double measuring));
        Assert.Equal(8.0, measuring, 6);
    }

    [Fact]
    public void StuckSensor_FreezesWhileThePlantChanges()
    {
        var (clock, plant) = NewPlant();
        var v = new SetPointVariable("x", Unit.PercentVolume, 0.2);
        plant.Add(v);
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.PercentVolume, RangeMax = 4, T90Ms = 1000 });
        Run(clock, plant, 5000);
        s.InjectFault(SensorFault.Stuck);
        double frozen = s.IndicatedValue;
        v.Set("value", 3);
        Run(clock, plant, 60_000);
        Assert.Equal(frozen, s.IndicatedValue);
        Assert.Equal(3, s.ResponseValue, 3);
    }

    [Fact]
    public void SameSeed_SameNoise_DifferentSeed_DifferentNoise()
    {
        double[] Trace(int seed)
        {
            var (clock, plant) = NewPlant(seed);
            plant.Add(new SetPointVariable("x", Unit.Ppm, 10));
            var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.Ppm, RangeMax = 100, NoiseSd = 0.5 });
            var trace = new double[200];
            for (int i = 0; i < trace.Length; i++)
            {
                clock.AdvanceMs(100);
                plant.Step();
                trace[i] = s.IndicatedValue;
            }
            return trace;
        }
        Assert.Equal(Trace(42), Trace(42));
        Assert.NotEqual(Trace(42), Trace(43));
        var t = Trace(42);
        double mean = t.Average();
        double sd = Math.Sqrt(t.Sum(x => (x - mean) * (x - mean)) / t.Length);
        Assert.InRange(sd, 0.4, 0.6);
    }

    [Fact]
    public void Drift_AccumulatesPerHour()
    {
        var (clock, plant) = NewPlant();
        plant.Add(new SetPointVariable("x", Unit.PercentVolume, 0));
        var s = plant.AddSensor(new SensorSpec { Id = "s", Measures = "x", Unit = Unit.PercentVolume, RangeMax = 4, DriftPerHour = 0.02 });
        Run(clock, plant, 3_600_000, 1000);
        Assert.Equal(0.02, s.IndicatedValue, 6);
    }

    [Fact]
    public void WeldedRelay_KeepsLoadPoweredAndFeedbackClosedWhenTheCoilDrops()
    {
        var (_, plant) = NewPlant();
        var r = plant.AddRelay("k1");
        r.Write(true);
        Assert.True(r.LoadPowered);
        r.WeldShut();
        r.Write(false);
        Assert.False(r.Energised);
        Assert.True(r.LoadPowered);
        Assert.True(r.Feedback.TryRead(out bool closed));
        Assert.True(closed);
        r.Repair();
        Assert.False(r.LoadPowered);
        Assert.True(r.Feedback.TryRead(out bool open));
        Assert.False(open);
    }

    [Fact]
    public void RelayWithoutSupply_DropsTheLoadEvenWhenCommandedOn()
    {
        var (_, plant) = NewPlant();
        var r = plant.AddRelay("k1");
        r.Write(true);
        r.SupplyLost = true;
        Assert.False(r.LoadPowered);
    }

    [Fact]
    public void CardReader_HandsOutTapsInOrder()
    {
        var reader = new CardReader("r");
        reader.Tap("A", 10);
        reader.Tap("B", 20);
        Assert.True(reader.TryTake(out var first));
        Assert.Equal(("A", 10L), (first.CardId, first.AtMs));
        Assert.True(reader.TryTake(out var second));
        Assert.Equal("B", second.CardId);
        Assert.False(reader.TryTake(out _));
    }

    [Fact]
    public void VirtualClock_RunsScheduledActionsInTimeOrderAtTheirOwnTime()
    {
        var clock = new VirtualClock();
        var seen = new List<(string, long)>();
        clock.ScheduleAt(3000, () => seen.Add(("c", clock.NowMicros)));
        clock.ScheduleAt(1000, () => seen.Add(("a", clock.NowMicros)));
        clock.ScheduleAt(1000, () => seen.Add(("b", clock.NowMicros)));
        clock.AdvanceTo(2000);
        Assert.Equal(new[] { ("a", 1000L), ("b", 1000L) }, seen);
        clock.AdvanceMs(10);
        Assert.Equal(("c", 3000L), seen[2]);
        Assert.Equal(12, clock.MonotonicMs);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.AdvanceTo(0));
    }

    [Fact]
    public void RealTimePacer_HoldsVirtualTimeToTheWallClockTimesTheSpeed()
    {
        var clock = new VirtualClock();
        var pacer = new RealTimePacer(clock, speed: 10);
        // 10 s of virtual time at 10× is due about 1 s of wall time from now; nothing is waited here.
        var wait = pacer.WaitBefore(10_000_000);
        Assert.InRange(wait.TotalMilliseconds, 500, 1000);
        Assert.Equal(TimeSpan.Zero, pacer.WaitBefore(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealTimePacer(clock, 0));
    }
}
