using Qinshui.Edge.Desktop.Serial;
using System.Diagnostics;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Tests.Modbus.Peers;

/// <summary>
/// pymodbus 3.0 RTU server (pymodbus_rtu_server.py) on one end of a socat pty pair, our
/// SerialPortLine on the other. Started lazily by the first test that needs it (so a missing peer
/// skips that test), stopped with the test class.
/// </summary>
public sealed class PymodbusSlavePeer : IDisposable
{
    public const int Baud = 19200;
    private readonly object _gate = new();
    private PtyPair? _pty;
    private ExternalProcess? _server;
    private SerialPortLine? _line;

    public SerialPortLine Line => Start();
    public StopwatchClock Clock { get; } = new();

    public SerialPortLine Start()
    {
        lock (_gate)
        {
            if (_line != null) return _line;
            string python = Fakes.Peers.PythonWithPymodbus;
            _pty = new PtyPair();
            string script = Path.Combine(ExternalProcess.RepoRoot, "tests", "Qinshui.Edge.Tests", "Modbus", "Peers", "pymodbus_rtu_server.py");
            _server = new ExternalProcess(python, [script, _pty.A, Baud.ToString(), "N", "1", "2"]);
            _line = new SerialPortLine(_pty.B, Baud, System.IO.Ports.Parity.None);
            // Bounded wait for the server to answer (Python start-up takes a second or two).
            var master = Master(timeoutMs: 300, retries: 0);
            var t = new ModbusTransaction(4, 4);
            var sw = Stopwatch.StartNew();
            while (true)
            {
                t.SetRead(1, FunctionCode.ReadHoldingRegisters, 0, 1);
                if (Run(master, t) == ModbusStatus.Ok) break;
                if (sw.Elapsed > TimeSpan.FromSeconds(20) || _server.HasExited)
                    throw new InvalidOperationException("pymodbus server did not answer: " + _server.Output);
            }
            return _line;
        }
    }

    public ModbusMaster Master(int timeoutMs = 1000, int retries = 0)
    {
        var line = Start();
        return new ModbusMaster(line, Clock, new ModbusTiming(Baud, line.BitsPerCharacter, timeoutMs, retries, 100));
    }

    /// <summary>Steps a transaction against the real peer until it finishes (bounded by the master's own timeouts).</summary>
    public static ModbusStatus Run(ModbusMaster m, ModbusTransaction t)
    {
        if (!m.Start(t)) return t.Status;
        var sw = Stopwatch.StartNew();
        while (m.Step() == ModbusStatus.Pending)
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("master did not finish a transaction in 30 s");
            Thread.Sleep(1);
        }
        return t.Status;
    }

    public string ServerOutput => _server?.Output ?? "";

    public void Dispose()
    {
        _line?.Dispose();
        _server?.Dispose();
        _pty?.Dispose();
    }
}
