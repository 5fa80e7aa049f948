using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Device;

/// <summary>
/// The external watchdog is fed from the scan only while the scan is healthy, and a stalled scan
/// drops the relay coil supply within tWD(max) = 2.24 s (hardware/watchdog.md).
/// </summary>
public class HardwareWatchdogFeederTests
{
    private const long ScanPeriodMs = 20;
    private const long TwdMinMs = 1120;
    private const long TwdMaxMs = 2240;

    /// <summary>Runs scans every 20 ms of virtual time up to <paramref name="untilMs"/>; verdictAt says what each scan was judged (null: the scan did not run).</summary>
    private static void Run(Stwd100Model chip, HardwareWatchdogFeeder feeder, long fromMs, long untilMs, Func<long, ScanVerdict?> verdictAt)
    {
        for (long t = fromMs; t <= untilMs; t += ScanPeriodMs)
        {
            chip.AdvanceTo(t);
            var verdict = verdictAt(t);
            if (verdict.HasValue) feeder.AfterScan(verdict.Value);
        }
    }

    private static ScanVerdict Healthy(long t) => t == 0 ? ScanVerdict.Opened : ScanVerdict.Open;

    [Fact]
    public void HealthyScans_KeepTheCoilSupplyOn_EvenWithTheShortestTimeout()
    {
        var chip = new Stwd100Model(TwdMinMs);
        var feeder = new HardwareWatchdogFeeder(chip.Wdi, chip.Enable);
        Run(chip, feeder, 0, 60_000, t => Healthy(t));
        Assert.True(chip.Enabled);
        Assert.True(chip.CoilSupplyOn);
        Assert.Equal(3001, feeder.Feeds);
    }

    [Fact]
    public void AStalledScan_StopsTheFeeding_AndDropsTheSupplyWithinTheLongestTimeout()
    {
        var chip = new Stwd100Model(TwdMaxMs);
        var feeder = new HardwareWatchdogFeeder(chip.Wdi, chip.Enable);
        const long stallAtMs = 5_000;
        Run(chip, feeder, 0, 20_000, t => t < stallAtMs ? Healthy(t) : null);
        long fedUntil = feeder.Feeds;
        Assert.False(chip.CoilSupplyOn);
        Assert.Equal(stallAtMs / ScanPeriodMs, fedUntil);
        Assert.InRange(chip.SupplyCutAtMs!.Value, stallAtMs, stallAtMs + TwdMaxMs);
    }

    [Theory]
    [InlineData(ScanVerdict.Tripping)]
    [InlineData(ScanVerdict.Tripped)]
    [InlineData(ScanVerdict.Closed)]
    public void AnUnhealthyVerdict_GivesNoEdge(ScanVerdict verdict)
    {
        var chip = new Stwd100Model(TwdMaxMs);
        var feeder = new HardwareWatchdogFeeder(chip.Wdi, chip.Enable);
        Run(chip, feeder, 0, 10_000, t => t < 3_000 ? Healthy(t) : verdict);
        Assert.False(chip.CoilSupplyOn);
        Assert.Equal(3_000 / ScanPeriodMs, feeder.Feeds);
    }

    [Fact]
    public void BeforeTheFirstHealthyScan_TheWatchdogStaysDisabled_SoTheBootIsNotBitten()
    {
        var chip = new Stwd100Model(TwdMaxMs);
        var feeder = new HardwareWatchdogFeeder(chip.Wdi, chip.Enable);
        Run(chip, feeder, 0, 10_000, _ => ScanVerdict.Closed);
        Assert.False(chip.Enabled);
        Assert.True(chip.CoilSupplyOn);
        Assert.Equal(0, feeder.Feeds);
    }
}
