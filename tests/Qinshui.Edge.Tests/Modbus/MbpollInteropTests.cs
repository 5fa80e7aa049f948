using Qinshui.Edge.Desktop.Serial;
using System.Text.RegularExpressions;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>mbpoll (libmodbus) as the master against our simulated slave on a pty.</summary>
[Collection("pty peers")]
public sealed class MbpollInteropTests : IDisposable
{
    private PtyPair? _pty;
    private SerialPortLine? _line;
    private ModbusSlaveHost? _host;
    private readonly ModbusSlaveDevice _slave = new(5, 500);
    private readonly ModbusSlaveDevice _other = new(6, 500);
    private string _mbpoll = "";

    private void Start()
    {
        _mbpoll = Fakes.Peers.Mbpoll;
        _pty = new PtyPair();
        _line = new SerialPortLine(_pty.A, 19200, System.IO.Ports.Parity.Even);
        for (int i = 0; i < 500; i++)
        {
            _slave.HoldingRegisters[i] = (ushort)(5000 + i);
            _slave.InputRegisters[i] = (ushort)(7000 + i);
            _slave.Coils[i] = i % 3 == 0;
            _slave.DiscreteInputs[i] = i % 5 == 0;
            _other.HoldingRegisters[i] = (ushort)(6000 + i);
        }
        _host = new ModbusSlaveHost(_line, _slave, _other);
    }

    /// <summary>Runs mbpoll once (-1) on the pty at 19200 8E1 with PDU addressing (-0); returns exit code and output.</summary>
    private (int Code, string Output) Mbpoll(params string[] args)
    {
        if (_pty == null) Start();
        // The device comes before any write values (getopt moves the options in front of both).
        var all = new List<string> { "-m", "rtu", "-b", "19200", "-P", "even", "-0", "-1", "-o", "1", _pty!.B };
        all.AddRange(args);
        using var p = new ExternalProcess(_mbpoll, all);
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(20)), "mbpoll did not finish: " + p.Output);
        return (p.ExitCode, p.Output);
    }

    private static long[] Values(string output) =>
        Regex.Matches(output, @"^\[\d+\]:\s+(-?\d+)", RegexOptions.Multiline).Select(m => long.Parse(m.Groups[1].Value)).ToArray();

    [SkippableFact]
    public void Mbpoll_ReadsEveryTable()
    {
        var (code, output) = Mbpoll("-a", "5", "-t", "4", "-r", "10", "-c", "5");
        Assert.True(code == 0, output);
        Assert.Equal(new long[] { 5010, 5011, 5012, 5013, 5014 }, Values(output));
        (_, output) = Mbpoll("-a", "5", "-t", "3", "-r", "0", "-c", "3");
        Assert.Equal(new long[] { 7000, 7001, 7002 }, Values(output));
        (_, output) = Mbpoll("-a", "5", "-t", "0", "-r", "0", "-c", "7");
        Assert.Equal(new long[] { 1, 0, 0, 1, 0, 0, 1 }, Values(output));
        (_, output) = Mbpoll("-a", "5", "-t", "1", "-r", "0", "-c", "6");
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 1 }, Values(output));
        (_, output) = Mbpoll("-a", "6", "-t", "4", "-r", "1", "-c", "2");
        Assert.Equal(new long[] { 6001, 6002 }, Values(output));
    }

    [SkippableFact]
    public void Mbpoll_Reads32BitTypes_InBothWordOrders()
    {
        if (_pty == null) Start();
        lock (_slave.SyncRoot)
        {
            RegisterCodec.TryEncodeInteger(-123456789, RegisterType.Int32, WordOrder.CDAB, _slave.HoldingRegisters, 100);
            RegisterCodec.TryEncodeInteger(-123456789, RegisterType.Int32, WordOrder.ABCD, _slave.HoldingRegisters, 102);
            RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(-1234.5f), WordOrder.ABCD, _slave.HoldingRegisters, 104);
        }
        // mbpoll's default 32-bit order is little-endian words (our CDAB); -B selects big-endian (ABCD).
        var (_, output) = Mbpoll("-a", "5", "-t", "4:int", "-r", "100", "-c", "1");
        Assert.Equal(new long[] { -123456789 }, Values(output));
        (_, output) = Mbpoll("-a", "5", "-t", "4:int", "-B", "-r", "102", "-c", "1");
        Assert.Equal(new long[] { -123456789 }, Values(output));
        (_, output) = Mbpoll("-a", "5", "-t", "4:float", "-B", "-r", "104", "-c", "1");
        Assert.Matches(@"\[104\]:\s+-1234\.5", output);
    }

    [SkippableFact]
    public void Mbpoll_Writes_Reach_TheSimulatedSlave()
    {
        var (code, output) = Mbpoll("-a", "5", "-t", "4", "-r", "200", "65000");
        Assert.True(code == 0, output);
        Assert.Equal(65000, _slave.HoldingRegisters[200]);
        (code, output) = Mbpoll("-a", "5", "-t", "4", "-r", "210", "11", "22", "33");
        Assert.True(code == 0, output);
        Assert.Equal(new ushort[] { 11, 22, 33 }, _slave.HoldingRegisters[210..213]);
        (code, output) = Mbpoll("-a", "5", "-t", "0", "-r", "1", "1");
        Assert.True(code == 0, output);
        Assert.True(_slave.Coils[1]);
        (code, output) = Mbpoll("-a", "5", "-t", "0", "-r", "20", "1", "1", "0", "1");
        Assert.True(code == 0, output);
        Assert.Equal(new[] { true, true, false, true }, _slave.Coils[20..24]);
    }

    [SkippableFact]
    public void Mbpoll_SeesOurExceptionResponses_AndOurSilence()
    {
        var (_, output) = Mbpoll("-a", "5", "-t", "4", "-r", "498", "-c", "5");
        Assert.Contains("Illegal data address", output);
        _slave.ForcedException = 6;
        (_, output) = Mbpoll("-a", "5", "-t", "4", "-r", "0", "-c", "1");
        _slave.ForcedException = 0;
        Assert.Contains("busy", output, StringComparison.OrdinalIgnoreCase);
        (_, output) = Mbpoll("-a", "7", "-t", "4", "-r", "0", "-c", "1", "-o", "0.2");
        Assert.Contains("timed out", output);
    }

    public void Dispose()
    {
        _host?.Dispose();
        _line?.Dispose();
        _pty?.Dispose();
    }
}
