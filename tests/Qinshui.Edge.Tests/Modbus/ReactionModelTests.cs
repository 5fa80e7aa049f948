using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// The reaction model counts what lies between a condition and the contact opening: its worst
/// case is at least the poll interval plus the poll, a scan and the relay's release time, and it
/// grows with the poll interval; the card path is dominated by the reader and the Wiegand frame.
/// </summary>
public class ReactionModelTests
{
    private static ModbusDevicePlan GasPlan() => ModbusPlanner.Plan(new ModbusDeviceConfig
    {
        Name = "gas", Unit = 1, PollIntervalMs = 1000, Profile = DeviceProfiles.Load("generic-gas-transmitter"),
    });

    [Fact]
    public void GasWorstCase_IncludesThePollIntervalThePollTheScanAndTheRelay()
    {
        var drive = ModbusDriveModel.Device();
        var plan = GasPlan();
        long cycleUs = plan.CycleMicros(new ModbusTiming(9600, 11, 200, 1, 100), drive);
        var r = ReactionModel.GasToContactOpen(9600, plan, 1000, 0, 1000, drive);
        Assert.True(r.WorstUs >= 1_000_000 - 1000 + cycleUs + ReactionModel.RelayReleaseMaxUs, $"{r.WorstUs}");
        Assert.True(r.WorstUs <= 1_000_000 + cycleUs + drive.ScanPeriodUs + drive.ScanCpuUs + ReactionModel.RelayReleaseMaxUs + 2000, $"{r.WorstUs}");
        // Best: the condition comes just before the request reaches the slave (the rest of the poll, then the relay).
        long requestUs = new ModbusTiming(9600, 11, 200, 1, 100).FrameMicros(plan.Blocks[0].RequestBytes);
        Assert.True(r.BestUs >= cycleUs - requestUs + ReactionModel.RelayReleaseMaxUs, $"{r.BestUs}");
    }

    [Fact]
    public void SharingTheBus_MakesTheWorstCaseLonger()
    {
        var drive = ModbusDriveModel.Device();
        var alone = ReactionModel.GasToContactOpen(9600, GasPlan(), 300, 0, 1000, drive);
        var shared = ReactionModel.GasToContactOpen(9600, GasPlan(), 300, 120_000, 1000, drive);
        Assert.True(shared.WorstUs > alone.WorstUs);
    }

    [Fact]
    public void ShorterPollInterval_MeetsTheHalfSecondTarget_TheExampleSecondDoesNot()
    {
        var drive = ModbusDriveModel.Device();
        Assert.True(ReactionModel.GasToContactOpen(9600, GasPlan(), 1000, 0, 1000, drive).WorstUs > 500_000);
        Assert.True(ReactionModel.GasToContactOpen(9600, GasPlan(), 300, 0, 1000, drive).WorstUs <= 500_000);
    }

    [Fact]
    public void CardTap_IsEnabledWithinASecond_WithTheReaderFrameAndGapCounted()
    {
        var r = ReactionModel.CardTapToEnabled(26, ModbusDriveModel.Device());
        Assert.True(r.BestUs >= ReactionModel.AssumedReaderReadUs + 25 * ReactionModel.WiegandBitIntervalUs + 25_000);
        Assert.True(r.WorstUs <= 1_000_000, $"{r.WorstUs}");
    }
}
