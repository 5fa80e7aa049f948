using System.Globalization;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Desktop.Modbus;
using Qinshui.Edge.Simulator.Bench;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge modbus read|write|scan|bench: binds the options and calls Desktop/Modbus (the technician's mbpoll) or the bench.</summary>
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
            "bench" => Bench(rest, stdout, stderr),
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

    private static ModbusLineOptions LineOptions(Arguments a, int defaultTimeoutMs)
    {
        string port = a.Required("--port");
        int baud = a.Int("--baud", 0, 300, 4_000_000);
        if (baud == 0) throw new UsageException("option --baud is required");
        var parity = a.Choice("--parity", System.IO.Ports.Parity.None, new Dictionary<string, System.IO.Ports.Parity>
        {
            ["none"] = System.IO.Ports.Parity.None, ["even"] = System.IO.Ports.Parity.Even, ["odd"] = System.IO.Ports.Parity.Odd,
        });
        var stop = a.Int("--stop-bits", 1, 1, 2) == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One;
        return new ModbusLineOptions(port, baud, parity, stop, a.Int("--timeout", defaultTimeoutMs, 10, 60_000), a.Int("--retries", 0, 0, 10));
    }

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
        RegisterType? type = a.Value("--type") == null ? null : a.Choice("--type", RegisterType.UInt16, s_types);
        var order = a.Choice("--order", WordOrder.ABCD, s_orders);
        var options = new ModbusReadOptions(LineOptions(a, 1000), unit, function, address, count, type, order, a.Flag("--json"));
        return (int)ModbusRead.Run(options, stdout, stderr);
    }

    private static int Write(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--coil", "--json"], [.. s_lineOptions, "--unit", "--function", "--address", "--value", "--type", "--order"]);
        a.NoPositional();
        int unit = a.Int("--unit", -1, 0, 247);
        if (unit < 0) throw new UsageException("option --unit is required (1–247, 0 = broadcast)");
        int address = a.Int("--address", -1, 0, 65535);
        if (address < 0) throw new UsageException("option --address is required");
        string[] values = a.Required("--value").Split(',', StringSplitOptions.TrimEntries);
        var type = a.Choice("--type", RegisterType.UInt16, s_types);
        var order = a.Choice("--order", WordOrder.ABCD, s_orders);
        int function = a.Int("--function", 0, 5, 16);
        var options = new ModbusWriteOptions(LineOptions(a, 1000), unit, address, values, a.Flag("--coil"), function, type, order, a.Flag("--json"));
        return (int)ModbusWrite.Run(options, stdout, stderr);
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
        return (int)ModbusScan.Run(new ModbusScanOptions(LineOptions(a, 100), from, to, a.Flag("--json")), stdout, stderr);
    }

    private static int Bench(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--json", "--no-model"], [.. s_lineOptions, "--unit", "--count", "--seconds"]);
        a.NoPositional();
        int count = a.Int("--count", 10, 1, 125);
        int seconds = a.Int("--seconds", 5, 1, 600);
        var line = a.Value("--port") != null ? LineOptions(a, 1000) : null;
        int unit = line != null ? a.Int("--unit", 1, 1, 247) : 1;
        return (int)ModbusBench.Run(new ModbusBenchOptions(line, unit, count, seconds, a.Flag("--no-model"), a.Flag("--json")), stdout, stderr);
    }
}
