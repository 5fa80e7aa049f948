using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Modbus;

public class ModbusMasterTests
{
    private readonly FakeClock _clock = new();

    private static ModbusStatus RunToEnd(ModbusMaster m, FakeClock clock, ModbusTransaction t, int maxMs = 10_000)
    {
        Assert.True(m.Start(t), "transaction refused: " + t.Status);
        for (int i = 0; i < maxMs; i++)
        {
            if (m.Step() != ModbusStatus.Pending) return t.Status;
            clock.Advance(1);
        }
        throw new Xunit.Sdk.XunitException("master never finished");
    }

    private (ModbusMaster, ModbusSlaveDevice, SlaveLoopbackLine) WithSlave(int retries = 1)
    {
        var slave = new ModbusSlaveDevice(7, 500);
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        return (new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 200, retries, 100)), slave, line);
    }

    [Fact]
    public void EveryFunctionCode_RoundTripsWithASlave()
    {
        var (m, slave, _) = WithSlave();
        var t = new ModbusTransaction(125, 2000);
        slave.HoldingRegisters[10] = 0x1234;
        slave.InputRegisters[11] = 0xBEEF;
        slave.DiscreteInputs[3] = true;

        t.SetRead(7, FunctionCode.ReadHoldingRegisters, 10, 1);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(0x1234, t.Registers[0]);

        t.SetRead(7, FunctionCode.ReadInputRegisters, 10, 2);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(0xBEEF, t.Registers[1]);

        t.SetRead(7, FunctionCode.ReadDiscreteInputs, 0, 5);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(new[] { false, false, false, true, false }, t.Bits[..5]);

        t.SetWriteCoil(7, 4, true);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.True(slave.Coils[4]);

        t.SetWriteRegister(7, 20, 777);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(777, slave.HoldingRegisters[20]);

        for (int i = 0; i < 10; i++) t.Bits[i] = i % 3 == 0;
        t.SetWriteCoils(7, 100, 10);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 3 == 0), slave.Coils[100..110]);

        t.SetRead(7, FunctionCode.ReadCoils, 100, 10);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i % 3 == 0), t.Bits[..10]);

        for (int i = 0; i < 123; i++) t.Registers[i] = (ushort)(i * 3);
        t.SetWriteRegisters(7, 200, 123);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(Enumerable.Range(0, 123).Select(i => (ushort)(i * 3)), slave.HoldingRegisters[200..323]);
    }

    [Fact]
    public void Exception_IsSurfacedWithItsCode_AndNotRetried()
    {
        var (m, _, line) = WithSlave(retries: 2);
        var t = new ModbusTransaction(10, 10);
        t.SetRead(7, FunctionCode.ReadHoldingRegisters, 498, 5);
        Assert.Equal(ModbusStatus.Exception, RunToEnd(m, _clock, t));
        Assert.Equal(2, t.ExceptionCode);
        Assert.Equal(1, t.Attempts);
        Assert.Equal(1, line.Requests);
    }

    [Fact]
    public void SilentSlave_TimesOut_AfterEveryRetry()
    {
        var line = new FakeSerialLine(_clock);
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 150, 2, 100));
        var t = new ModbusTransaction(10, 10);
        t.SetRead(9, FunctionCode.ReadHoldingRegisters, 0, 2);
        long start = _clock.MonotonicMs;
        Assert.Equal(ModbusStatus.Timeout, RunToEnd(m, _clock, t));
        Assert.Equal(3, t.Attempts);
        Assert.Equal(3, line.Writes.Count);
        // Each attempt: request on the wire (8 × 1.146 ms → 10 ms) + 150 ms timeout, plus the silences between.
        long elapsed = _clock.MonotonicMs - start;
        Assert.InRange(elapsed, 3 * 160, 3 * 160 + 3 * 5 + 3);
    }

    [Fact]
    public void CorruptFrame_IsRetried_ThenTheGoodAnswerCounts()
    {
        var slave = new ModbusSlaveDevice(3, 50);
        slave.HoldingRegisters[0] = 42;
        var line = new FakeSerialLine(_clock);
        var response = new byte[256];
        int calls = 0;
        line.Responder = req =>
        {
            int n = slave.Handle(req, req.Length, response);
            var a = response[..n];
            if (calls++ == 0) a[3] ^= 0x40; // first answer corrupted on the wire
            return a;
        };
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 100, 1, 100));
        var t = new ModbusTransaction(4, 4);
        t.SetRead(3, FunctionCode.ReadHoldingRegisters, 0, 1);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(2, t.Attempts);
        Assert.Equal(42, t.Registers[0]);
    }

    [Theory]
    [InlineData("extra", ModbusStatus.BadLength)]
    [InlineData("truncated", ModbusStatus.BadCrc)] // the last two bytes of a cut frame are not its CRC
    [InlineData("crc", ModbusStatus.BadCrc)]
    [InlineData("unit", ModbusStatus.WrongUnit)]
    public void BadFrame_LeavesTheTransactionWithoutAValue(string fault, ModbusStatus expected)
    {
        var slave = new ModbusSlaveDevice(3, 50);
        slave.HoldingRegisters[0] = 42;
        var line = new FakeSerialLine(_clock);
        var response = new byte[256];
        line.Responder = req =>
        {
            int n = slave.Handle(req, req.Length, response);
            var a = response[..n];
            return fault switch
            {
                "extra" => [.. a, 0x00],
                "truncated" => a[..^1],
                "crc" => [.. a[..^1], (byte)(a[^1] ^ 1)],
                _ => Rewrite(a),
            };
        };
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 100, 0, 100));
        var t = new ModbusTransaction(4, 4);
        t.Registers[0] = 0xDEAD;
        t.SetRead(3, FunctionCode.ReadHoldingRegisters, 0, 1);
        Assert.Equal(expected, RunToEnd(m, _clock, t));
        Assert.Equal(0xDEAD, t.Registers[0]);

        static byte[] Rewrite(byte[] a)
        {
            a[0] = 4;
            Crc16.Append(a, a.Length - 2);
            return a;
        }
    }

    [Fact]
    public void NextRequest_WaitsForTheInterFrameSilence()
    {
        var (m, _, _) = WithSlave();
        var line = new FakeSerialLine(_clock, 9600);
        var slave = new ModbusSlaveDevice(7, 50);
        var resp = new byte[256];
        line.Responder = req => resp[..slave.Handle(req, req.Length, resp)];
        m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 200, 0, 100));
        var t = new ModbusTransaction(4, 4);
        t.SetRead(7, FunctionCode.ReadHoldingRegisters, 0, 1);
        RunToEnd(m, _clock, t);
        long responseAt = line.Writes[0].AtMs + line.ResponseDelayMs;
        // A byte of noise after the answer restarts the silence.
        line.Inject([0x55], responseAt + 10);
        _clock.Advance(10 - (_clock.MonotonicMs - responseAt));
        RunToEnd(m, _clock, t);
        Assert.True(line.Writes[1].AtMs - (responseAt + 10) >= m.Timing.InterFrameSilenceMs,
            $"second request at {line.Writes[1].AtMs}, noise at {responseAt + 10}");
    }

    [Fact]
    public void Broadcast_AwaitsNoReply_AndHoldsTheTurnaroundDelay()
    {
        var line = new FakeSerialLine(_clock);
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 200, 0, 100));
        var t = new ModbusTransaction(4, 4);
        t.SetWriteRegister(0, 1, 5);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(1, t.Attempts);
        t.SetWriteRegister(0, 1, 6);
        RunToEnd(m, _clock, t);
        Assert.True(line.Writes[1].AtMs - line.Writes[0].AtMs >= 100 + 10, "turnaround delay after a broadcast");

        var read = new ModbusTransaction(4, 4);
        read.SetRead(0, FunctionCode.ReadHoldingRegisters, 0, 1);
        Assert.False(m.Start(read));
        Assert.Equal(ModbusStatus.InvalidRequest, read.Status);
    }

    [Theory]
    [InlineData(FunctionCode.ReadHoldingRegisters, 0, 126)]
    [InlineData(FunctionCode.ReadCoils, 0, 2001)]
    [InlineData(FunctionCode.WriteMultipleRegisters, 0, 124)]
    [InlineData(FunctionCode.ReadInputRegisters, 65535, 2)]
    [InlineData(7, 0, 1)]
    public void RequestBeyondTheProtocolLimits_IsRefused(int function, int address, int quantity)
    {
        var line = new FakeSerialLine(_clock);
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 200, 0, 100));
        var t = new ModbusTransaction(200, 3000);
        t.SetRead(1, (byte)function, address, quantity);
        Assert.False(m.Start(t));
        Assert.Equal(ModbusStatus.InvalidRequest, t.Status);
        Assert.Empty(line.Writes);
    }

    [Fact]
    public void ReadOnlyMaster_ReadsEveryFunction_AndRefusesARequestLongerThanItsBuffer()
    {
        var slave = new ModbusSlaveDevice(7, 500);
        var line = new SlaveLoopbackLine(_clock, 9600, slave);
        var m = new ModbusMaster(line, _clock, new ModbusTiming(9600, 11, 200, 1, 100), ModbusPoller.MaxRequestBytes);
        var t = new ModbusTransaction(125, 2000);
        slave.HoldingRegisters[10] = 0x1234;
        t.SetRead(7, FunctionCode.ReadHoldingRegisters, 10, 125);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t));
        Assert.Equal(0x1234, t.Registers[0]);
        t.SetWriteRegister(7, 20, 0x55);
        Assert.Equal(ModbusStatus.Ok, RunToEnd(m, _clock, t)); // 8 bytes: fits
        Assert.Equal(0x55, slave.HoldingRegisters[20]);

        long requests = line.Requests;
        t.SetWriteRegisters(7, 200, 2); // 13 bytes
        Assert.False(m.Start(t));
        Assert.Equal(ModbusStatus.InvalidRequest, t.Status);
        Assert.Equal(requests, line.Requests);
    }
}
