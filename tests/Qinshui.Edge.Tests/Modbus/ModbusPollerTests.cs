using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Modbus;

public class ModbusPollerTests
{
    private readonly FakeClock _clock = new();

    private ModbusPoller Poller(SlaveLoopbackLine line, int retries, params ModbusDeviceConfig[] devices)
    {
        var master = new ModbusMaster(line, _clock, new ModbusTiming(line.BaudRate, 11, 100, retries, 100));
        return new ModbusPoller(master, _clock, devices);
    }

    private void Run(ModbusPoller p, long ms, Action<long>? each = null)
    {
        for (long i = 0; i < ms; i++)
        {
            p.Step();
            each?.Invoke(_clock.MonotonicMs);
            _clock.Advance(1);
        }
    }

    private static ModbusDeviceConfig Gas(byte unit, int intervalMs = 1000) => new()
    {
        Name = "gas" + unit, Unit = unit, Profile = DeviceProfiles.Load("generic-gas-transmitter"),
        PollIntervalMs = intervalMs, AlarmPollIntervalMs = 200, MissesBeforeFault = 3, BackoffMaxMs = 8000,
    };

    [Fact]
    public void GasTransmitter_ValueUsesTheDecimalPointRegister_AndStatusBitsBecomeQuality()
    {
        var slave = new ModbusSlaveDevice(1, 20);
        slave.HoldingRegisters[0] = 1234;
        slave.HoldingRegisters[1] = 2;   // two decimals → 12.34
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var p = Poller(line, 0, Gas(1));
        Assert.Equal(Quality.NoData, p.ReadingOf(0).Quality);
        Run(p, 100);
        Assert.Equal(12.34, p.ReadingOf(0).Value, 9);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.Equal(Unit.PercentLel, p.ReadingOf(0).Unit);
        Assert.Equal(1, line.Requests); // registers 0..4 merged into one read

        slave.HoldingRegisters[4] = 0b10_0011; // sensor fault, warming up, level-2 bit
        Run(p, 1000);
        Assert.Equal(Quality.SensorFault | Quality.WarmingUp, p.ReadingOf(0).Quality);
        Assert.True(QualityRules.IsBad(p.ReadingOf(0).Quality));
        Assert.Equal(1, p.ReadingOf(5).Value); // alarm_high bit field
        Assert.Equal(0, p.ReadingOf(4).Value);

        slave.HoldingRegisters[1] = 12; // a decimal-point register out of range is not a value
        slave.HoldingRegisters[4] = 0;
        Run(p, 1000);
        Assert.Equal(Quality.OutOfRange, p.ReadingOf(0).Quality);
    }

    [Fact]
    public void StatusRule_WithTargets_MarksOnlyThosePoints()
    {
        var slave = new ModbusSlaveDevice(5, 20);
        slave.HoldingRegisters[0] = unchecked((ushort)-150);
        slave.HoldingRegisters[1] = 853;
        slave.HoldingRegisters[3] = 2; // temperature probe fault
        slave.DiscreteInputs[1] = true;
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var p = Poller(line, 0, new ModbusDeviceConfig { Name = "bag", Unit = 5, Profile = DeviceProfiles.Load("dust-collector-controller"), PollIntervalMs = 1000 });
        Run(p, 200);
        Assert.Equal(-150, p.ReadingOf(0).Value);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.Equal(85.3, p.ReadingOf(1).Value, 9);
        Assert.Equal(Quality.SensorFault, p.ReadingOf(1).Quality);
        Assert.Equal(1, p.ReadingOf(3).Value); // airlock fault input
        Assert.Equal(2, line.Requests);        // one register block, one input block
    }

    [Fact]
    public void WeldingMachine_IdentityCode_IsReadAsText()
    {
        var slave = new ModbusSlaveDevice(9, 400);
        var code = "QS-WM-000123"u8.ToArray();
        for (int i = 0; i < code.Length; i += 2) slave.HoldingRegisters[256 + i / 2] = (ushort)(code[i] << 8 | (i + 1 < code.Length ? code[i + 1] : 0));
        slave.HoldingRegisters[266] = 1523;
        var line = new SlaveLoopbackLine(_clock, 19200, slave);
        var p = Poller(line, 0, new ModbusDeviceConfig { Name = "w", Unit = 9, Profile = DeviceProfiles.Load("welding-machine-chip"), PollIntervalMs = 1000 });
        Run(p, 200);
        var text = new byte[32];
        int n = p.CopyText(0, text, 0);
        Assert.Equal("QS-WM-000123", System.Text.Encoding.ASCII.GetString(text, 0, n));
        Assert.Equal(152.3, p.ReadingOf(3).Value, 9);
        Assert.Equal(Unit.Amps, p.ReadingOf(3).Unit);
    }

    [Fact]
    public void FloatNaN_FromADevice_IsOutOfRange_NotAValue()
    {
        var slave = new ModbusSlaveDevice(2, 20);
        RegisterCodec.Split32(0x7FC00000, WordOrder.CDAB, slave.InputRegisters, 0);
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var p = Poller(line, 0, new ModbusDeviceConfig { Name = "d", Unit = 2, Profile = DeviceProfiles.Load("dust-concentration-sensor"), PollIntervalMs = 1000 });
        Run(p, 100);
        Assert.Equal(Quality.OutOfRange, p.ReadingOf(0).Quality);
        RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(4.25f), WordOrder.CDAB, slave.InputRegisters, 0);
        Run(p, 1000);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.Equal(4.25, p.ReadingOf(0).Value);
    }

    [Fact]
    public void AfterNMisses_ReadingsAreCommunicationFault_ThePollBacksOff_AndRecoveryClearsIt()
    {
        var slave = new ModbusSlaveDevice(1, 20);
        slave.HoldingRegisters[0] = 50;
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var p = Poller(line, 0, Gas(1));
        Run(p, 100);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);

        slave.Online = false;
        var polls = new List<long>();
        long lastRequests = line.Requests;
        Run(p, 40_000, now =>
        {
            if (line.Requests != lastRequests) { polls.Add(now); lastRequests = line.Requests; }
        });
        // Misses 1 and 2 keep the value (still fresh enough for the alarm engine's max age to judge); miss 3 flags it.
        Assert.Equal(Quality.CommunicationFault, p.ReadingOf(0).Quality);
        Assert.Equal(50, p.ReadingOf(0).Value);
        var gaps = polls.Zip(polls.Skip(1), (a, b) => b - a).ToList();
        Assert.InRange(gaps[0], 990, 1010);      // normal interval before the fault
        Assert.InRange(gaps[2], 1990, 2200);     // then doubling …
        Assert.InRange(gaps[3], 3990, 4200);
        Assert.All(gaps.Skip(4), g => Assert.InRange(g, 7990, 8200)); // … up to BackoffMaxMs
        Assert.True(p.Misses(0) >= 6);

        slave.Online = true;
        Run(p, 9000);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.Equal(0, p.Misses(0));
    }

    [Fact]
    public void PointInAlarm_IsPolledAtTheAlarmInterval()
    {
        var slave = new ModbusSlaveDevice(1, 20);
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var p = Poller(line, 0, Gas(1, intervalMs: 5000));
        Run(p, 10_000);
        long normal = line.Requests;
        Assert.InRange(normal, 2, 3);
        p.SetInAlarm(0, true);
        Run(p, 10_000);
        Assert.InRange(line.Requests - normal, 49, 51); // every 200 ms
        p.SetInAlarm(0, false);
        long before = line.Requests;
        Run(p, 10_000);
        Assert.InRange(line.Requests - before, 2, 3);
    }

    [Fact]
    public void DeadDevice_DelaysTheOthersByNoMoreThanItsOwnTimeout()
    {
        var alive = new ModbusSlaveDevice(1, 20);
        var line = new SlaveLoopbackLine(_clock, 9600, alive); // unit 2 is not on the line
        var p = Poller(line, 1, Gas(1, 500), Gas(2, 500));
        var good = new List<long>();
        long lastPolls = 0;
        Run(p, 20_000, now =>
        {
            long polls = p.Polls(0);
            if (polls != lastPolls) { good.Add(now); lastPolls = polls; }
        });
        Assert.Equal(Quality.CommunicationFault, p.ReadingOf(p.FirstPoint(1)).Quality);
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.Equal(0, p.Failures(0));
        // The dead device's attempt costs (request 10 ms + timeout 100 ms + silence) × 2 attempts ≈ 230 ms.
        var dead = p.DevicePlan(1).DeadMicros(new ModbusTiming(9600, 11, 100, 1, 100)) / 1000;
        var gaps = good.Zip(good.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, 490, 500 + dead + 20));
        Assert.True(gaps.Count >= 30);
    }

    [Fact]
    public void SteadyStatePolling_AllocatesNothing()
    {
        var slaves = Enumerable.Range(1, 6).Select(u => new ModbusSlaveDevice((byte)u, 400)).ToArray();
        slaves[5].Online = false; // a dead device in the mix: timeouts, backoff, fault marking
        RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(3.5f), WordOrder.CDAB, slaves[1].InputRegisters, 0);
        var line = new SlaveLoopbackLine(_clock, 19200, slaves);
        var devices = new[]
        {
            Gas(1, 300),
            new ModbusDeviceConfig { Name = "dust", Unit = 2, Profile = DeviceProfiles.Load("dust-concentration-sensor"), PollIntervalMs = 300 },
            new ModbusDeviceConfig { Name = "bag", Unit = 3, Profile = DeviceProfiles.Load("dust-collector-controller"), PollIntervalMs = 300 },
            new ModbusDeviceConfig { Name = "weld", Unit = 4, Profile = DeviceProfiles.Load("welding-machine-chip"), PollIntervalMs = 300 },
            Gas(5, 300),
            Gas(6, 300),
        };
        var p = Poller(line, 1, devices);
        var text = new byte[32];
        int scans = 0;
        void Scan()
        {
            p.Step();
            if (++scans % 500 == 0) p.SetInAlarm(0, (scans / 500) % 2 == 0);
            p.CopyText(p.FirstPoint(3), text, 0);
            _clock.Advance(1);
        }
        for (int i = 0; i < 5_000; i++) Scan(); // warm-up: JIT, first cycles
        long requestsBefore = line.Requests;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 60_000; i++) Scan();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(line.Requests - requestsBefore > 500, "the bus was actually polled");
        Assert.Equal(Quality.CommunicationFault, p.ReadingOf(p.FirstPoint(5)).Quality);
        Assert.Equal(3.5, p.ReadingOf(p.FirstPoint(1)).Value);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AlarmFlags_ArePerPoint_AndCountedPerDevice()
    {
        var line = new SlaveLoopbackLine(_clock, 9600, new ModbusSlaveDevice(1, 20), new ModbusSlaveDevice(2, 20));
        var p = Poller(line, 0, Gas(1), Gas(2));
        int second = p.FirstPoint(1);
        Assert.Equal((0, 1, 1), (p.DeviceOf(0), p.DeviceOf(second), p.DeviceOf(p.PointCount - 1)));
        p.SetInAlarm(second, true);
        p.SetInAlarm(second + 1, true);
        p.SetInAlarm(second + 1, true); // no change: counted once
        Assert.Equal((0, 2), (p.PointsInAlarm(0), p.PointsInAlarm(1)));
        p.SetInAlarm(second, false);
        Assert.Equal((0, 1), (p.PointsInAlarm(0), p.PointsInAlarm(1)));
        Assert.Equal(1, p.DeviceOf(second + 1)); // the flag does not disturb the point's device
        Run(p, 100);
        Assert.Equal(Quality.Good, p.ReadingOf(second).Quality); // the alarm flag is not part of the quality
        Assert.Equal(Quality.Good, p.ReadingOf(0).Quality);
        Assert.True(p.Polls(0) >= 1 && p.Polls(1) >= 1);
        Assert.Equal(ModbusStatus.Ok, p.LastStatus(1));
        Assert.True(p.LastSuccessMs(1) >= 0);
    }
}
