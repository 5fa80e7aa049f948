using Qinshui.Edge.Desktop.Serial;
using System.Diagnostics;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>Corrupt frames from a fault-injecting relay between two pty pairs: each is a fault with its reason, never a value.</summary>
[Collection("pty peers")]
public sealed class FaultRelayTests : IDisposable
{
    private readonly List<IDisposable> _owned = new();
    private FaultInjectingRelay? _relay;
    private SerialPortLine? _masterLine;
    private readonly StopwatchClock _clock = new();
    private readonly ModbusSlaveDevice _slave = new(4, 100);

    private void Start()
    {
        var slavePair = Own(new PtyPair());
        var masterPair = Own(new PtyPair());
        var slaveLine = Own(new SerialPortLine(slavePair.A, 19200, System.IO.Ports.Parity.Even));
        for (int i = 0; i < 100; i++) _slave.HoldingRegisters[i] = (ushort)(100 + i);
        Own(new ModbusSlaveHost(slaveLine, _slave));
        var relaySlaveSide = Own(new SerialPortLine(slavePair.B, 19200, System.IO.Ports.Parity.Even));
        var relayMasterSide = Own(new SerialPortLine(masterPair.A, 19200, System.IO.Ports.Parity.Even));
        _relay = Own(new FaultInjectingRelay(relayMasterSide, relaySlaveSide));
        _masterLine = Own(new SerialPortLine(masterPair.B, 19200, System.IO.Ports.Parity.Even));
    }

    private T Own<T>(T d) where T : IDisposable
    {
        _owned.Add(d);
        return d;
    }

    private ModbusTransaction Read(int retries)
    {
        var m = new ModbusMaster(_masterLine!, _clock, new ModbusTiming(19200, 11, 500, retries, 100));
        var t = new ModbusTransaction(10, 1);
        Array.Fill(t.Registers, (ushort)0xDEAD);
        t.SetRead(4, FunctionCode.ReadHoldingRegisters, 3, 4);
        Assert.True(m.Start(t));
        var sw = Stopwatch.StartNew();
        while (m.Step() == ModbusStatus.Pending)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "transaction did not finish");
            Thread.Sleep(1);
        }
        return t;
    }

    [SkippableTheory]
    [InlineData(RelayFault.BadCrc, ModbusStatus.BadCrc)]
    [InlineData(RelayFault.WrongAddress, ModbusStatus.WrongUnit)]
    [InlineData(RelayFault.Truncated, ModbusStatus.BadCrc)]
    [InlineData(RelayFault.ExtraBytes, ModbusStatus.BadLength)]
    public void CorruptResponse_IsAFaultWithItsReason_AndARetryRecovers(RelayFault fault, ModbusStatus expected)
    {
        Start();
        var clean = Read(0);
        Assert.Equal(ModbusStatus.Ok, clean.Status);
        Assert.Equal(new ushort[] { 103, 104, 105, 106 }, clean.Registers[..4]);

        _relay!.Arm(fault, 1);
        var bad = Read(0);
        Assert.Equal(expected, bad.Status);
        Assert.All(bad.Registers, v => Assert.Equal(0xDEAD, v));

        _relay.Arm(fault, 1);
        var retried = Read(1);
        Assert.Equal(ModbusStatus.Ok, retried.Status);
        Assert.Equal(2, retried.Attempts);
        Assert.Equal(new ushort[] { 103, 104, 105, 106 }, retried.Registers[..4]);
        Assert.Equal(2, _relay.Corrupted);
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
    }
}
