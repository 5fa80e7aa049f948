using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// Line utilisation on the computed line (virtual microsecond time, so the figures are exact and
/// deterministic, not timings of this machine), with the master stepped as the ESP32 firmware
/// steps it (ModbusDriveModel): a bus thread woken every millisecond meets the line rate; stepped
/// only by the 20 ms scan it cannot; and the budget validator's closed form is what the stepped
/// master achieves.
/// </summary>
public class LineModelUtilisationTests
{
    private static ModbusDriveModel BusThreadUnblocked => new(ModbusDriveModel.DeviceTickUs, ModbusDriveModel.DeviceScanPeriodUs, 0);

    [Theory]
    [InlineData(9600)]
    [InlineData(115200)]
    public void BusThread_ReachesNinetyPercentOfTheLineRate(int baud)
    {
        var (_, _, ratio) = LineModel.MeasureDevice(baud, 10, 5, BusThreadUnblocked);
        Assert.True(ratio >= 0.9, $"ratio {ratio:F3} at {baud} baud");
    }

    [Theory]
    [InlineData(9600, 80_000)]
    [InlineData(115200, 40_000)]
    public void MasterSteppedOnlyByTheScan_NeedsWholeScansPerTransaction(int baud, long expectedUs)
    {
        // Issue 16: a 10-register read counted as 45.8 ms at 9600 takes 4 scans (80 ms); at 115200, 2 scans.
        var (achieved, _, ratio) = LineModel.MeasureDevice(baud, 10, 5, ModbusDriveModel.ScanOnly());
        Assert.Equal(1_000_000.0 / expectedUs, achieved, 0);
        Assert.True(ratio < 0.6, $"{ratio:F3}");
    }

    [Theory]
    [InlineData(9600, 1)]
    [InlineData(9600, 10)]
    [InlineData(115200, 10)]
    [InlineData(19200, 60)]
    public void ValidatorClosedForm_IsWhatTheSteppedMasterAchieves(int baud, int registers)
    {
        var drive = BusThreadUnblocked;
        long us = drive.TransactionMicros(new ModbusTiming(baud, 11, 100, 0, 100), RtuFrame.RequestLength(3, registers), RtuFrame.ResponseLength(3, registers));
        var (achieved, _, _) = LineModel.MeasureDevice(baud, registers, 10, drive);
        Assert.InRange(achieved * us / 1_000_000.0, 0.99, 1.01);
    }

    [Fact]
    public void ScanHoldingTheCpu_CostsTheBusThreadLineTime()
    {
        var (_, _, free) = LineModel.MeasureDevice(115200, 10, 5, BusThreadUnblocked);
        var (_, _, blocked) = LineModel.MeasureDevice(115200, 10, 5, ModbusDriveModel.Device());
        Assert.True(blocked < free, $"{blocked:F3} vs {free:F3}");
        Assert.True(blocked >= ModbusDriveModel.Device().UsableLinePpm / 1e6 * free * 0.9, $"{blocked:F3}");
    }

    [Fact]
    public void NextWake_SkipsTheScansCpuWindow()
    {
        var drive = new ModbusDriveModel(1000, 20_000, 4000);
        Assert.Equal(4000, drive.NextWakeUs(1));
        Assert.Equal(5000, drive.NextWakeUs(4001));
        Assert.Equal(24_000, drive.NextWakeUs(19_500));
    }
}
