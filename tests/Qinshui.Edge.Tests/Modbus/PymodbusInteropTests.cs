using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// Our master against pymodbus 3.0's RTU server over a socat pty pair. The server's register
/// values are encoded by Python's struct (pymodbus_rtu_server.py), not by our codec.
/// </summary>
[Collection("pty peers")]
public sealed class PymodbusInteropTests : IClassFixture<PymodbusSlavePeer>
{
    private readonly PymodbusSlavePeer _peer;

    public PymodbusInteropTests(PymodbusSlavePeer peer)
    {
        _peer = peer;
    }

    // One retry, as the gateway polls: under a loaded CI machine a pty can split or delay a frame.
    private ModbusStatus Run(ModbusTransaction t, int timeoutMs = 1000) => PymodbusSlavePeer.Run(_peer.Master(timeoutMs, retries: 1), t);

    [SkippableFact]
    public void ReadFunctions_01_02_03_04_ReturnThePeersValues()
    {
        var t = new ModbusTransaction(125, 2000);
        t.SetRead(1, FunctionCode.ReadHoldingRegisters, 0, 10);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(Enumerable.Range(1000, 10).Select(i => (ushort)i), t.Registers[..10]);

        t.SetRead(1, FunctionCode.ReadInputRegisters, 5, 125);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(Enumerable.Range(1505, 125).Select(i => (ushort)i), t.Registers[..125]);

        t.SetRead(1, FunctionCode.ReadCoils, 0, 37);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (i + 1) % 3 == 0), t.Bits[..37]);

        t.SetRead(1, FunctionCode.ReadDiscreteInputs, 3, 20);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(Enumerable.Range(3, 20).Select(i => (i + 1) % 2 == 0), t.Bits[..20]);
    }

    [SkippableFact]
    public void WriteFunctions_05_06_15_16_AreReadBack()
    {
        var t = new ModbusTransaction(125, 2000);
        var r = new ModbusTransaction(125, 2000);

        t.SetWriteCoil(1, 300, true);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        t.SetWriteRegister(1, 301, 0xA55A);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        r.SetRead(1, FunctionCode.ReadHoldingRegisters, 301, 1);
        Assert.Equal(ModbusStatus.Ok, Run(r));
        Assert.Equal(0xA55A, r.Registers[0]);

        for (int i = 0; i < 19; i++) t.Bits[i] = i % 4 == 1;
        t.SetWriteCoils(1, 310, 19);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        r.SetRead(1, FunctionCode.ReadCoils, 300, 29);
        Assert.Equal(ModbusStatus.Ok, Run(r));
        Assert.True(r.Bits[0]);
        Assert.Equal(Enumerable.Range(0, 19).Select(i => i % 4 == 1), r.Bits[10..29]);

        for (int i = 0; i < 60; i++) t.Registers[i] = (ushort)(i * 1000 + 7);
        t.SetWriteRegisters(1, 320, 60);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        r.SetRead(1, FunctionCode.ReadHoldingRegisters, 320, 60);
        Assert.Equal(ModbusStatus.Ok, Run(r));
        Assert.Equal(t.Registers[..60], r.Registers[..60]);
    }

    [SkippableFact]
    public void EveryDataTypeAndWordOrder_DecodesThePythonEncodedValues()
    {
        var t = new ModbusTransaction(125, 1);
        t.SetRead(1, FunctionCode.ReadHoldingRegisters, 200, 26);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.True(RegisterCodec.TryDecode(t.Registers, 0, RegisterType.Int16, WordOrder.ABCD, out double v));
        Assert.Equal(-12345, v);
        Assert.True(RegisterCodec.TryDecode(t.Registers, 1, RegisterType.UInt16, WordOrder.ABCD, out v));
        Assert.Equal(54321, v);
        var orders = new[] { WordOrder.ABCD, WordOrder.CDAB, WordOrder.BADC, WordOrder.DCBA };
        for (int o = 0; o < 4; o++)
        {
            int at = 2 + o * 6;
            Assert.True(RegisterCodec.TryDecode(t.Registers, at, RegisterType.Int32, orders[o], out v));
            Assert.Equal(-123456789, v);
            Assert.True(RegisterCodec.TryDecode(t.Registers, at + 2, RegisterType.UInt32, orders[o], out v));
            Assert.Equal(3000000000, v);
            Assert.True(RegisterCodec.TryDecode(t.Registers, at + 4, RegisterType.Float32, orders[o], out v));
            Assert.Equal(-1234.5, v);
            // Decoding in the wrong order must not give the value by accident.
            var wrong = orders[(o + 1) % 4];
            Assert.True(!RegisterCodec.TryDecode(t.Registers, at + 4, RegisterType.Float32, wrong, out v) || v != -1234.5);
        }
    }

    [SkippableFact]
    public void ExceptionResponse_IsSurfacedWithItsCode()
    {
        var t = new ModbusTransaction(10, 10);
        t.SetRead(1, FunctionCode.ReadHoldingRegisters, 398, 5);
        Assert.Equal(ModbusStatus.Exception, Run(t));
        Assert.Equal(2, t.ExceptionCode);
        t.SetWriteRegister(1, 500, 1);
        Assert.Equal(ModbusStatus.Exception, Run(t));
        Assert.Equal(2, t.ExceptionCode);
    }

    [SkippableFact]
    public void SlaveThatDoesNotAnswer_TimesOut_AndTheLineStillWorksAfterwards()
    {
        var m = _peer.Master(timeoutMs: 150, retries: 1);
        var t = new ModbusTransaction(10, 10);
        t.SetRead(3, FunctionCode.ReadHoldingRegisters, 0, 1);
        Assert.Equal(ModbusStatus.Timeout, PymodbusSlavePeer.Run(m, t));
        Assert.Equal(2, t.Attempts);
        t.SetRead(1, FunctionCode.ReadHoldingRegisters, 0, 1);
        Assert.Equal(ModbusStatus.Ok, PymodbusSlavePeer.Run(m, t));
    }

    [SkippableFact]
    public void SecondSlaveOnTheLine_AnswersWithItsOwnValues()
    {
        var t = new ModbusTransaction(10, 10);
        t.SetRead(2, FunctionCode.ReadInputRegisters, 0, 3);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(new ushort[] { 2500, 2501, 2502 }, t.Registers[..3]);
        t.SetRead(1, FunctionCode.ReadInputRegisters, 0, 3);
        Assert.Equal(ModbusStatus.Ok, Run(t));
        Assert.Equal(new ushort[] { 1500, 1501, 1502 }, t.Registers[..3]);
    }

    [SkippableFact]
    public void Poller_ReadsTwoLiveSlaves_AndFlagsTheDeadOne()
    {
        var profile = new ModbusDeviceProfile
        {
            Id = "test", Source = "test",
            Points =
            [
                new ModbusPointConfig { Id = "f", Address = 212, Type = RegisterType.Float32, Order = WordOrder.CDAB },
                new ModbusPointConfig { Id = "r", Address = 0, Scale = 0.5 },
            ],
            StatusRules = [],
        };
        ModbusDeviceConfig Dev(byte unit) => new() { Name = "u" + unit, Unit = unit, Profile = profile, PollIntervalMs = 300, AlarmPollIntervalMs = 300, MissesBeforeFault = 2, BackoffMaxMs = 1200 };
        var poller = new ModbusPoller(_peer.Master(timeoutMs: 300, retries: 1), _peer.Clock, [Dev(1), Dev(2), Dev(9)]);
        PtyPair.WaitFor(() =>
        {
            poller.Step();
            return poller.Polls(0) >= 3 && poller.Polls(1) >= 3 && poller.Polls(2) >= 2;
        }, TimeSpan.FromSeconds(30), "three polls of each device");
        Assert.Equal(-1234.5, poller.ReadingOf(0).Value);
        Assert.Equal(500, poller.ReadingOf(1).Value);
        Assert.Equal(1000, poller.ReadingOf(3).Value);
        Assert.Equal(Quality.Good, poller.ReadingOf(2).Quality);
        Assert.Equal(Quality.CommunicationFault, poller.ReadingOf(4).Quality);
        // A loaded machine may cost a live device a poll now and then; it must not be flagged for it.
        Assert.True(poller.Misses(0) < 2 && poller.Misses(1) < 2);
    }
}
