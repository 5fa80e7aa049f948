using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Device;

/// <summary>The firmware's scan loop judgement, on the real GatewayRuntime with its outputs behind an OutputGate.</summary>
public class ScanGuardTests
{
    private sealed class BreakableLine(FakeClock clock) : ISerialLine
    {
        private readonly FakeSerialLine _line = new(clock);
        public bool Broken;
        public int BaudRate => _line.BaudRate;
        public int BitsPerCharacter => _line.BitsPerCharacter;
        public void DiscardInput() { if (Broken) throw new IOException("uart"); _line.DiscardInput(); }
        public void Write(byte[] b, int o, int c) { if (Broken) throw new IOException("uart"); _line.Write(b, o, c); }
        public int Read(byte[] b, int o, int c) { if (Broken) throw new IOException("uart"); return _line.Read(b, o, c); }
    }

    private sealed class Loop : IAnalogInput
    {
        public bool TryReadMilliamps(out double milliamps) { milliamps = 4.0; return true; }
    }

    private sealed class Ports(FakeClock clock, OutputGate gate, FakeRelay relay, BreakableLine line, bool missingRelay) : IGatewayPorts
    {
        private readonly IDigitalOutput _gated = gate.Add(relay);
        public IClock Clock => clock;
        public ILogSink Log => null!;
        public ISupervisor Supervisor => null!;
        public IMqttLink Mqtt => null!;
        public IRecordStore JournalStore { get; } = new MemoryRecordStore(8, 2048);
        public IClockAdjuster ClockAdjuster => null!;
        public IStagingStore ConfigStaging => null!;
        public ISha256 NewSha256() => new Sha256();
        public ISerialLine Serial(int busIndex, string portName) => line;
        public IDigitalOutput Output(string id) => id == "relay1" && !missingRelay ? _gated : null!;
        public IDigitalInput Input(string id) => id == "feedback1" ? relay.Feedback : new FakeInput(true);
        public IAnalogInput Analog(string id) => new Loop();
        public ICardReader CardReader(string id) => new FakeCardReader();
    }

    private static (GatewayRuntime rt, OutputGate gate, FakeRelay relay, BreakableLine line, FakeClock clock) Build(bool missingRelay = false)
    {
        var clock = new FakeClock(startMonotonicMs: 0, startUtcMs: 1_790_000_000_000);
        var errors = new ValidationErrors();
        var bytes = DeviceConfigs.Bytes(DeviceConfigs.Wrover);
        var config = GatewayConfigReader.Read(bytes, 0, bytes.Length, errors)!;
        var gate = new OutputGate(4);
        var relay = new FakeRelay();
        var line = new BreakableLine(clock);
        var rt = new GatewayRuntime(config, new Ports(clock, gate, relay, line, missingRelay), new GatewayBoot(DeviceConfigs.Key, 1, "test"));
        return (rt, gate, relay, line, clock);
    }

    [Fact]
    public void FirstCompleteHealthyScan_OpensTheGate_Once()
    {
        var (rt, gate, _, _, clock) = Build();
        var guard = new ScanGuard(gate, rt.Health);
        Assert.False(gate.IsOpen);
        Assert.Equal(ScanVerdict.Closed, guard.AfterScan(rt.IsOperational)); // no scan yet
        clock.Advance(20);
        rt.Scan();
        Assert.Equal(ScanVerdict.Opened, guard.AfterScan(rt.IsOperational));
        Assert.True(gate.IsOpen);
        clock.Advance(20);
        rt.Scan();
        Assert.Equal(ScanVerdict.Open, guard.AfterScan(rt.IsOperational));
    }

    [Fact]
    public void AScanThatThrows_TripsTheGate_ForGood()
    {
        var (rt, gate, relay, line, clock) = Build();
        var guard = new ScanGuard(gate, rt.Health);
        clock.Advance(20);
        rt.Scan();
        Assert.Equal(ScanVerdict.Opened, guard.AfterScan(rt.IsOperational));

        line.Broken = true;
        for (int i = 0; i < 100 && rt.Health.ScanOverruns == 0; i++)
        {
            clock.Advance(20);
            rt.Scan();
            if (rt.Health.ScanOverruns == 0) Assert.Equal(ScanVerdict.Open, guard.AfterScan(rt.IsOperational));
        }
        Assert.True(rt.Health.ScanOverruns > 0, "the broken UART never reached the scan");
        Assert.Equal(ScanVerdict.Tripping, guard.AfterScan(rt.IsOperational));
        Assert.True(gate.IsTripped);
        Assert.False(relay.Energised);

        line.Broken = false;
        clock.Advance(20);
        rt.Scan();
        Assert.Equal(ScanVerdict.Tripped, guard.AfterScan(rt.IsOperational));
        Assert.False(gate.IsOpen);
    }

    [Fact]
    public void ARuntimeMissingAPort_NeverOpensTheGate()
    {
        var (rt, gate, _, _, clock) = Build(missingRelay: true);
        Assert.False(rt.IsOperational);
        var guard = new ScanGuard(gate, rt.Health);
        for (int i = 0; i < 10; i++)
        {
            clock.Advance(20);
            rt.Scan();
            Assert.Equal(ScanVerdict.Closed, guard.AfterScan(rt.IsOperational));
        }
        Assert.False(gate.IsOpen);
    }
}
