using Qinshui.Edge.Desktop.Serial;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>qedge modbus read|write|scan against our simulated slave on a pty.</summary>
[Collection("pty peers")]
public sealed class ModbusCommandTests : IDisposable
{
    private PtyPair? _pty;
    private SerialPortLine? _line;
    private ModbusSlaveHost? _host;
    private readonly ModbusSlaveDevice _slave = new(12, 300);
    private readonly ModbusSlaveDevice _second = new(30, 300);

    /// <summary>
    /// A fresh pty pair and slave host per command: System.IO.Ports on Linux fails to open a pty a
    /// second time once a previous opener has closed it (termios set-up returns an error), so every
    /// qedge run gets its own cable. The slaves (and their tables) persist.
    /// </summary>
    private string Port
    {
        get
        {
            Dispose();
            _pty = new PtyPair();
            _line = new SerialPortLine(_pty.A, 19200, System.IO.Ports.Parity.Even);
            _host = new ModbusSlaveHost(_line, _slave, _second);
            return _pty.B;
        }
    }

    private static (int Code, string Out, string Err) Qedge(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private string[] Line(string sub, params string[] more) =>
        ["modbus", sub, "--port", Port, "--baud", "19200", "--parity", "even", .. more];

    [SkippableFact]
    public void Read_Float_InEveryOrder_PrintsAJsonArray()
    {
        Fakes.Peers.Socat.ToString();
        foreach (var (order, at) in new[] { ("ABCD", 0), ("CDAB", 2), ("BADC", 4), ("DCBA", 6) })
        {
            RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(-12.25f), Enum.Parse<WordOrder>(order), _slave.HoldingRegisters, 100 + at);
        }
        foreach (var (order, at) in new[] { ("ABCD", 0), ("CDAB", 2), ("BADC", 4), ("DCBA", 6) })
        {
            var (code, stdout, stderr) = Qedge(Line("read", "--unit", "12", "--function", "3", "--address", (100 + at).ToString(), "--count", "1", "--type", "f32", "--order", order, "--json"));
            Assert.True(code == 0, stderr);
            Assert.Equal(-12.25, JsonDocument.Parse(stdout).RootElement[0].GetDouble());
        }
    }

    [SkippableFact]
    public void Read_Signed_AndBits_AndPlainText()
    {
        Fakes.Peers.Socat.ToString();
        _slave.InputRegisters[5] = unchecked((ushort)-300);
        _slave.InputRegisters[6] = 77;
        _slave.DiscreteInputs[2] = true;
        var (code, stdout, _) = Qedge(Line("read", "--unit", "12", "--function", "4", "--address", "5", "--count", "2", "--type", "s16", "--json"));
        Assert.Equal(0, code);
        Assert.Equal("[-300,77]", stdout.Trim());
        (code, stdout, _) = Qedge(Line("read", "--unit", "12", "--function", "2", "--address", "0", "--count", "4", "--json"));
        Assert.Equal(0, code);
        Assert.Equal("[false,false,true,false]", stdout.Trim());
        (code, stdout, _) = Qedge(Line("read", "--unit", "12", "--function", "4", "--address", "5", "--count", "1", "--type", "s16"));
        Assert.Equal("[5]: -300", stdout.Trim());
    }

    [SkippableFact]
    public void Write_RegistersCoilsAndA32BitValue_ReachTheSlave()
    {
        Fakes.Peers.Socat.ToString();
        var (code, _, err) = Qedge(Line("write", "--unit", "12", "--address", "40", "--value", "1234"));
        Assert.True(code == 0, err);
        Assert.Equal(1234, _slave.HoldingRegisters[40]);
        (code, _, err) = Qedge(Line("write", "--unit", "12", "--address", "41", "--value", "-100000", "--type", "s32", "--order", "CDAB"));
        Assert.True(code == 0, err);
        Assert.True(RegisterCodec.TryDecode(_slave.HoldingRegisters, 41, RegisterType.Int32, WordOrder.CDAB, out double v));
        Assert.Equal(-100000, v);
        (code, _, err) = Qedge(Line("write", "--unit", "12", "--address", "7", "--value", "1,0,1", "--coil"));
        Assert.True(code == 0, err);
        Assert.Equal(new[] { true, false, true }, _slave.Coils[7..10]);
    }

    [SkippableFact]
    public void Errors_PrintAPlainReason_AndExitNonZero()
    {
        Fakes.Peers.Socat.ToString();
        var (code, _, err) = Qedge(Line("read", "--unit", "12", "--function", "3", "--address", "299", "--count", "5"));
        Assert.Equal(1, code);
        Assert.Contains("exception 2 (illegal data address)", err);
        (code, _, err) = Qedge(Line("read", "--unit", "99", "--function", "3", "--address", "0", "--count", "1", "--timeout", "300"));
        Assert.Equal(1, code);
        Assert.Contains("no response from unit 99 within 300 ms", err);
        (code, _, err) = Qedge(Line("read", "--unit", "12", "--function", "3", "--address", "0", "--count", "126"));
        Assert.Equal(2, code);
        Assert.Contains("beyond one request", err);
        (code, _, err) = Qedge("modbus", "read", "--port", "/nonexistent/tty", "--baud", "9600", "--unit", "1", "--address", "0");
        Assert.Equal(1, code);
        Assert.Contains("cannot open /nonexistent/tty", err);
    }

    [SkippableFact]
    public void Scan_FindsBothSlaves()
    {
        Fakes.Peers.Socat.ToString();
        _second.HoldingRegisters[0] = 4242;
        var (code, stdout, err) = Qedge(Line("scan", "--units", "10-32", "--timeout", "200", "--json"));
        Assert.True(code == 0, err);
        var units = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("unit").GetInt32()).ToArray();
        Assert.Equal(new[] { 12, 30 }, units);
        Assert.Contains("4242", stdout);
        (code, _, err) = Qedge(Line("scan", "--units", "1-3", "--timeout", "30"));
        Assert.Equal(1, code);
        Assert.Contains("no device answered on units 1-3", err);
    }

    public void Dispose()
    {
        _host?.Dispose();
        _line?.Dispose();
        _pty?.Dispose();
        _host = null;
        _line = null;
        _pty = null;
    }
}
