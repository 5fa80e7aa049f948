using Qinshui.Edge.Desktop.Serial;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge modbus read|write|scan|bench: the technician's mbpoll, built on the gateway's own
/// master (the same core code that polls the plant). Errors print a plain reason and exit 1.
/// </summary>
public sealed class ModbusCommand : ICommand
{
    public string Name => "modbus";
    public string Usage => "modbus read|write|scan|bench --port P --baud B [--parity none|even|odd] …  (qedge modbus help)";
    public string Summary => "read, write and scan Modbus RTU devices on a serial port; benchmark the master";

    private static readonly string[] s_lineOptions = ["--port", "--baud", "--parity", "--stop-bits", "--timeout", "--retries"];

    private static readonly Dictionary<string, RegisterType> s_types = new()
    {
        ["u16"] = RegisterType.UInt16, ["s16"] = RegisterType.Int16, ["u32"] = RegisterType.UInt32,
        ["s32"] = RegisterType.Int32, ["f32"] = RegisterType.Float32,
    };

    private static readonly Dictionary<string, WordOrder> s_orders = new()
    {
        ["ABCD"] = WordOrder.ABCD, ["CDAB"] = WordOrder.CDAB, ["BADC"] = WordOrder.BADC, ["DCBA"] = WordOrder.DCBA,
    };

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0 || argv[0] is "help" or "--help" or "-h")
        {
            PrintHelp(argv.Count == 0 ? stderr : stdout);
            return argv.Count == 0 ? CommandLine.ExitUsage : CommandLine.ExitOk;
        }
        var rest = argv.Skip(1).ToArray();
        return argv[0] switch
        {
            "read" => Read(rest, stdout, stderr),
            "write" => Write(rest, stdout, stderr),
            "scan" => Scan(rest, stdout, stderr),
            "bench" => ModbusBench.Run(rest, stdout, stderr),
            _ => throw new UsageException($"unknown subcommand '{argv[0]}' (read, write, scan, bench)"),
        };
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("qedge modbus read  --port P --baud B [--parity none|even|odd] --unit U --function 1|2|3|4 --address A --count N");
        w.WriteLine("                   [--type u16|s16|u32|s32|f32] [--order ABCD|CDAB|BADC|DCBA] [--json]");
        w.WriteLine("qedge modbus write --port P --baud B [--parity …] --unit U --address A --value V[,V…] [--coil]");
        w.WriteLine("                   [--function 5|6|15|16] [--type u16|s16|u32|s32|f32] [--order …]   (unit 0 = broadcast)");
        w.WriteLine("qedge modbus scan  --port P --baud B [--parity …] [--units 1-247] [--json]");
        w.WriteLine("qedge modbus bench [--port P --baud B [--parity …] --unit U] [--count N] [--seconds S] [--no-model] [--json]");
        w.WriteLine("common: --stop-bits 1|2 (default 1), --timeout MS (default 1000; scan 100), --retries N (default 0)");
        w.WriteLine("addresses are protocol addresses from 0 (register 40001 is --function 3 --address 0)");
    }

    internal sealed record Line(SerialPortLine Port, ModbusMaster Master, StopwatchClock Clock, string Name);

    internal static Line OpenLine(Arguments a, int defaultTimeoutMs)
    {
        string port = a.Required("--port");
        int baud = a.Int("--baud", 0, 300, 4_000_000);
        if (baud == 0) throw new UsageException("option --baud is required");
        var parity = a.Choice("--parity", System.IO.Ports.Parity.None, new Dictionary<string, System.IO.Ports.Parity>
        {
            ["none"] = System.IO.Ports.Parity.None, ["even"] = System.IO.Ports.Parity.Even, ["odd"] = System.IO.Ports.Parity.Odd,
        });
        var stop = a.Int("--stop-bits", 1, 1, 2) == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One;
        int timeout = a.Int("--timeout", defaultTimeoutMs, 10, 60_000);
        int retries = a.Int("--retries", 0, 0, 10);
        SerialPortLine line;
        try
        {
            line = new SerialPortLine(port, baud, parity, stop);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new LineException($"cannot open {port}: {e.Message}");
        }
        var clock = new StopwatchClock();
        return new Line(line, new ModbusMaster(line, clock, new ModbusTiming(baud, line.BitsPerCharacter, timeout, retries, ModbusTiming.DefaultTurnaroundDelayMs)), clock, port);
    }

    internal sealed class LineException(string message) : Exception(message);

    /// <summary>
    /// Steps the master until the transaction ends. Between steps it waits for input on the line
    /// for at most 1 ms (poll(2) on Linux): it wakes as soon as the response arrives and never
    /// spins, which on a loaded machine took the CPU from the slave it was waiting for.
    /// </summary>
    internal static ModbusStatus Execute(Line line, ModbusTransaction t)
    {
        var m = line.Master;
        if (!m.Start(t)) return t.Status;
        while (m.Step() == ModbusStatus.Pending) line.Port.WaitForInput(1);
        return t.Status;
    }

    internal static string Reason(ModbusTransaction t, int timeoutMs) => t.Status switch
    {
        ModbusStatus.Exception => $"unit {t.Unit} answered with exception {t.ExceptionCode} ({ModbusStatusNames.DescribeException(t.ExceptionCode)})",
        ModbusStatus.Timeout => $"no response from unit {t.Unit} within {timeoutMs} ms ({t.Attempts} attempt{(t.Attempts == 1 ? "" : "s")})",
        _ => $"{ModbusStatusNames.Describe(t.Status)} (unit {t.Unit}, {t.Attempts} attempt{(t.Attempts == 1 ? "" : "s")})",
    };

    private static int Read(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--json"], [.. s_lineOptions, "--unit", "--function", "--address", "--count", "--type", "--order"]);
        a.NoPositional();
        int unit = a.Int("--unit", -1, 1, 247);
        if (unit < 0) throw new UsageException("option --unit is required (1–247)");
        int function = a.Int("--function", 3, 1, 4);
        int address = a.Int("--address", -1, 0, 65535);
        if (address < 0) throw new UsageException("option --address is required");
        int count = a.Int("--count", 1, 1, 2000);
        var type = a.Choice("--type", RegisterType.UInt16, s_types);
        var order = a.Choice("--order", WordOrder.ABCD, s_orders);
        bool bits = FunctionCode.IsBitRead(function);
        if (bits && a.Value("--type") != null) throw new UsageException("--type applies to registers (function 3 or 4), not to bits");
        int width = RegisterTypes.RegisterCount(type, 1);
        int quantity = bits ? count : count * width;
        if (!RtuFrame.IsValidQuantity(function, address, quantity))
            throw new UsageException($"{quantity} {(bits ? "bits" : "registers")} from {address} is beyond one request (at most {(bits ? 2000 : 125)}, addresses up to 65535)");
        int timeout = a.Int("--timeout", 1000, 10, 60_000);
        Line line;
        try { line = OpenLine(a, 1000); }
        catch (LineException e) { stderr.WriteLine($"qedge modbus read: {e.Message}"); return CommandLine.ExitFailure; }
        using var port = line.Port;
        var t = new ModbusTransaction(Math.Max(quantity, 1), Math.Max(quantity, 1));
        t.SetRead((byte)unit, (byte)function, address, quantity);
        if (Execute(line, t) != ModbusStatus.Ok)
        {
            stderr.WriteLine($"qedge modbus read: {Reason(t, timeout)}");
            return CommandLine.ExitFailure;
        }
        var values = new List<object>();
        for (int i = 0; i < count; i++)
        {
            if (bits)
            {
                values.Add(t.Bits[i]);
            }
            else if (RegisterCodec.TryDecode(t.Registers, i * width, type, order, out double v))
            {
                values.Add(type == RegisterType.Float32 ? (float)v : v);
            }
            else
            {
                values.Add(double.NaN); // NaN/infinity from the device: shown, never hidden
            }
        }
        if (a.Flag("--json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(values.Select(v => v switch
            {
                bool b => (object)b,
                float f when float.IsFinite(f) => f,
                float => null!,
                double d when double.IsFinite(d) => d,
                _ => null!,
            })));
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                int at = address + (bits ? i : i * width);
                string text = values[i] switch
                {
                    bool b => b ? "1" : "0",
                    float f => f.ToString("R", CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    _ => "?",
                };
                stdout.WriteLine($"[{at}]: {text}");
            }
        }
        return CommandLine.ExitOk;
    }

    private static int Write(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--coil", "--json"], [.. s_lineOptions, "--unit", "--function", "--address", "--value", "--type", "--order"]);
        a.NoPositional();
        int unit = a.Int("--unit", -1, 0, 247);
        if (unit < 0) throw new UsageException("option --unit is required (1–247, 0 = broadcast)");
        int address = a.Int("--address", -1, 0, 65535);
        if (address < 0) throw new UsageException("option --address is required");
        string[] raw = a.Required("--value").Split(',', StringSplitOptions.TrimEntries);
        var type = a.Choice("--type", RegisterType.UInt16, s_types);
        var order = a.Choice("--order", WordOrder.ABCD, s_orders);
        int forced = a.Int("--function", 0, 5, 16);
        if (forced != 0 && forced is not (5 or 6 or 15 or 16)) throw new UsageException("option --function: write functions are 5, 6, 15, 16");
        bool coil = a.Flag("--coil") || forced is 5 or 15;
        int timeout = a.Int("--timeout", 1000, 10, 60_000);
        var t = new ModbusTransaction(Math.Max(2 * raw.Length, 1), Math.Max(raw.Length, 1));
        if (coil)
        {
            for (int i = 0; i < raw.Length; i++)
            {
                t.Bits[i] = raw[i] switch { "1" or "on" or "true" => true, "0" or "off" or "false" => false, _ => throw new UsageException($"coil value '{raw[i]}' is not 0/1/on/off") };
            }
            if (raw.Length == 1 && forced != 15) t.SetWriteCoil((byte)unit, address, t.Bits[0]);
            else t.SetWriteCoils((byte)unit, address, raw.Length);
        }
        else
        {
            int width = RegisterTypes.RegisterCount(type, 1);
            for (int i = 0; i < raw.Length; i++)
            {
                if (type == RegisterType.Float32)
                {
                    if (!float.TryParse(raw[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float f) || !float.IsFinite(f))
                        throw new UsageException($"value '{raw[i]}' is not a finite number");
                    RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(f), order, t.Registers, i * width);
                }
                else if (!long.TryParse(raw[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) || !RegisterCodec.TryEncodeInteger(l, type, order, t.Registers, i * width))
                {
                    throw new UsageException($"value '{raw[i]}' does not fit {RegisterTypes.Name(type)}");
                }
            }
            int quantity = raw.Length * width;
            if (quantity == 1 && forced != 16) t.SetWriteRegister((byte)unit, address, t.Registers[0]);
            else if (forced == 6) throw new UsageException("function 6 writes one 16-bit register");
            else t.SetWriteRegisters((byte)unit, address, quantity);
        }
        if (!RtuFrame.IsValidQuantity(t.Function, t.Address, t.Quantity))
            throw new UsageException($"{t.Quantity} values from {address} do not fit one request");
        Line line;
        try { line = OpenLine(a, 1000); }
        catch (LineException e) { stderr.WriteLine($"qedge modbus write: {e.Message}"); return CommandLine.ExitFailure; }
        using var port = line.Port;
        if (Execute(line, t) != ModbusStatus.Ok)
        {
            stderr.WriteLine($"qedge modbus write: {Reason(t, timeout)}");
            return CommandLine.ExitFailure;
        }
        string what = $"function {t.Function}, {t.Quantity} {(coil ? "coil" : "register")}{(t.Quantity == 1 ? "" : "s")} at {address}";
        if (a.Flag("--json")) stdout.WriteLine(JsonSerializer.Serialize(new { ok = true, unit, function = (int)t.Function, address, quantity = t.Quantity, broadcast = unit == 0 }));
        else stdout.WriteLine(unit == 0 ? $"broadcast sent ({what}); slaves do not answer a broadcast" : $"written: unit {unit}, {what}");
        return CommandLine.ExitOk;
    }

    private static int Scan(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--json"], [.. s_lineOptions, "--units"]);
        a.NoPositional();
        string range = a.Value("--units") ?? "1-247";
        var dash = range.Split('-');
        if (dash.Length is < 1 or > 2
            || !int.TryParse(dash[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int from)
            || !int.TryParse(dash[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int to)
            || from < 1 || to > 247 || from > to)
            throw new UsageException($"option --units: '{range}' is not a range within 1-247 (e.g. 1-32)");
        int timeout = a.Int("--timeout", 100, 10, 60_000);
        Line line;
        try { line = OpenLine(a, 100); }
        catch (LineException e) { stderr.WriteLine($"qedge modbus scan: {e.Message}"); return CommandLine.ExitFailure; }
        using var port = line.Port;
        var found = new List<(int Unit, string Detail)>();
        var garbled = new List<string>();
        var t = new ModbusTransaction(1, 1);
        for (int u = from; u <= to; u++)
        {
            t.SetRead((byte)u, FunctionCode.ReadHoldingRegisters, 0, 1);
            var s = Execute(line, t);
            // Any well-formed answer, an exception included, proves a device at that address.
            if (s == ModbusStatus.Ok) found.Add((u, $"holding register 0 = {t.Registers[0]}"));
            else if (s == ModbusStatus.Exception) found.Add((u, $"answered with exception {t.ExceptionCode} ({ModbusStatusNames.DescribeException(t.ExceptionCode)})"));
            // A corrupt or misaddressed answer is not proof of a device at u (it may be another
            // unit's late reply): count it as line trouble, not as a device.
            else if (s != ModbusStatus.Timeout) garbled.Add($"unit {u}: {ModbusStatusNames.Describe(s)}");
        }
        if (a.Flag("--json"))
        {
            stdout.WriteLine(JsonSerializer.Serialize(found.Select(f => new { unit = f.Unit, detail = f.Detail })));
        }
        else
        {
            foreach (var f in found) stdout.WriteLine($"unit {f.Unit}: {f.Detail}");
            foreach (var g in garbled) stdout.WriteLine($"line trouble at {g} (late reply, noise, wrong baud/parity?)");
            stdout.WriteLine($"{found.Count} device{(found.Count == 1 ? "" : "s")} answered on units {from}-{to} ({timeout} ms timeout each)");
        }
        if (found.Count == 0)
        {
            stderr.WriteLine($"qedge modbus scan: no device answered on units {from}-{to} at {line.Port.BaudRate} baud (check wiring A/B, baud rate, parity)");
            return CommandLine.ExitFailure;
        }
        return CommandLine.ExitOk;
    }
}
