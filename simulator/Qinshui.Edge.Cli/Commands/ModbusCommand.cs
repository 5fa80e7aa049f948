using System.CommandLine;
using System.Globalization;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Desktop.Modbus;
using Qinshui.Edge.Simulator.Bench;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge modbus read|write|scan|bench: binds the options and calls Desktop/Modbus (the technician's mbpoll) or the bench.</summary>
public static class ModbusCommand
{
    private static readonly Dictionary<string, RegisterType> s_types = new()
    {
        ["u16"] = RegisterType.UInt16, ["s16"] = RegisterType.Int16, ["u32"] = RegisterType.UInt32,
        ["s32"] = RegisterType.Int32, ["f32"] = RegisterType.Float32,
    };

    private static readonly Dictionary<string, WordOrder> s_orders = new()
    {
        ["ABCD"] = WordOrder.ABCD, ["CDAB"] = WordOrder.CDAB, ["BADC"] = WordOrder.BADC, ["DCBA"] = WordOrder.DCBA,
    };

    private static readonly Dictionary<string, System.IO.Ports.Parity> s_parities = new()
    {
        ["none"] = System.IO.Ports.Parity.None, ["even"] = System.IO.Ports.Parity.Even, ["odd"] = System.IO.Ports.Parity.Odd,
    };

    public static Command Build(Texts t)
    {
        var modbus = t.Command("modbus", "read, write and scan Modbus RTU devices on a serial port; benchmark the master (addresses from 0: register 40001 is --function 3 --address 0)",
            "读、写、扫描串口上的 Modbus RTU 设备；测试主站性能（地址从 0 起：寄存器 40001 即 --function 3 --address 0）",
            "qedge modbus read --port /dev/ttyUSB0 --baud 9600 --parity even --unit 1 --address 0 --count 2", "qedge modbus scan --port /dev/ttyUSB0 --baud 9600 --units 1-32");
        modbus.Add(Read(t));
        modbus.Add(Write(t));
        modbus.Add(Scan(t));
        modbus.Add(Bench(t));
        return modbus;
    }

    /// <summary>The serial line's options, shared by every subcommand.</summary>
    private sealed class LineOptions
    {
        public LineOptions(Texts t, Command c, int defaultTimeoutMs)
        {
            DefaultTimeoutMs = defaultTimeoutMs;
            Port = t.Value("--port", "P", "serial port (e.g. /dev/ttyUSB0, COM3)", "串口（如 /dev/ttyUSB0、COM3）");
            Baud = t.Value("--baud", "B", "baud rate (300–4000000)", "波特率（300–4000000）");
            Parity = t.Value("--parity", "none|even|odd", "parity (default none)", "校验位（默认 none）");
            StopBits = t.Value("--stop-bits", "1|2", "stop bits (default 1)", "停止位（默认 1）");
            Timeout = t.Value("--timeout", "MS", $"response timeout in ms (10–60000, default {defaultTimeoutMs})", $"应答超时，毫秒（10–60000，默认 {defaultTimeoutMs}）");
            Retries = t.Value("--retries", "N", "retries after a timeout (0–10, default 0)", "超时后重试次数（0–10，默认 0）");
            foreach (var o in new Option[] { Port, Baud, Parity, StopBits, Timeout, Retries }) c.Add(o);
        }

        public int DefaultTimeoutMs { get; }
        public Option<string> Port { get; }
        public Option<string> Baud { get; }
        public Option<string> Parity { get; }
        public Option<string> StopBits { get; }
        public Option<string> Timeout { get; }
        public Option<string> Retries { get; }

        public ModbusLineOptions Bind(Bind b)
        {
            string port = b.Required(Port);
            int baud = b.Int(Baud, 0, 300, 4_000_000);
            if (baud == 0) throw new UsageException("option --baud is required", "缺少必需的选项 --baud");
            var parity = b.Choice(Parity, System.IO.Ports.Parity.None, s_parities);
            var stop = b.Int(StopBits, 1, 1, 2) == 2 ? System.IO.Ports.StopBits.Two : System.IO.Ports.StopBits.One;
            return new ModbusLineOptions(port, baud, parity, stop, b.Int(Timeout, DefaultTimeoutMs, 10, 60_000), b.Int(Retries, 0, 0, 10));
        }
    }

    private static Command Read(Texts t)
    {
        var c = t.Command("read", "read coils, inputs or registers from one unit and print them", "从一个从站读取线圈、输入或寄存器并显示",
            "qedge modbus read --port /dev/ttyUSB0 --baud 9600 --unit 1 --function 3 --address 0 --count 4",
            "qedge modbus read --port /dev/ttyUSB0 --baud 19200 --parity even --unit 12 --address 100 --type f32 --order CDAB --json");
        var line = new LineOptions(t, c, 1000);
        var unit = t.Value("--unit", "U", "unit address (1–247)", "从站地址（1–247）");
        var function = t.Value("--function", "1|2|3|4", "function code (default 3: holding registers)", "功能码（默认 3：保持寄存器）");
        var address = t.Value("--address", "A", "first protocol address (0–65535)", "起始协议地址（0–65535）");
        var count = t.Value("--count", "N", "how many values (default 1)", "读取的值个数（默认 1）");
        var type = t.Value("--type", "u16|s16|u32|s32|f32", "register value type (default u16)", "寄存器数据类型（默认 u16）");
        var order = t.Value("--order", "ABCD|CDAB|BADC|DCBA", "word and byte order of 32-bit values (default ABCD)", "32 位值的字节顺序（默认 ABCD）");
        var json = t.Flag("--json", "print a JSON array", "以 JSON 数组输出");
        foreach (var o in new Option[] { unit, function, address, count, type, order, json }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            int u = b.Int(unit, -1, 1, 247);
            if (u < 0) throw new UsageException("option --unit is required (1–247)", "缺少必需的选项 --unit（1–247）");
            int fc = b.Int(function, 3, 1, 4);
            int at = b.Int(address, -1, 0, 65535);
            if (at < 0) throw new UsageException("option --address is required", "缺少必需的选项 --address");
            int n = b.Int(count, 1, 1, 2000);
            RegisterType? rt = b.Value(type) == null ? null : b.Choice(type, RegisterType.UInt16, s_types);
            var options = new ModbusReadOptions(line.Bind(b), u, fc, at, n, rt, b.Choice(order, WordOrder.ABCD, s_orders), b.Flag(json));
            return (int)ModbusRead.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Write(Texts t)
    {
        var c = t.Command("write", "write coils or registers to one unit (unit 0 = broadcast)", "向一个从站写线圈或寄存器（从站 0 = 广播）",
            "qedge modbus write --port /dev/ttyUSB0 --baud 9600 --unit 1 --address 10 --value 1234",
            "qedge modbus write --port /dev/ttyUSB0 --baud 9600 --unit 1 --address 0 --value on --coil");
        var line = new LineOptions(t, c, 1000);
        var unit = t.Value("--unit", "U", "unit address (1–247, 0 = broadcast)", "从站地址（1–247，0 = 广播）");
        var address = t.Value("--address", "A", "first protocol address (0–65535)", "起始协议地址（0–65535）");
        var value = t.Value("--value", "V[,V…]", "value(s) to write, comma-separated (coils: 0/1/on/off)", "要写入的值，逗号分隔（线圈：0/1/on/off）");
        var coil = t.Flag("--coil", "write coils instead of registers", "写线圈而不是寄存器");
        var function = t.Value("--function", "5|6|15|16", "force the function code (default: chosen from the values)", "强制功能码（默认按值选择）");
        var type = t.Value("--type", "u16|s16|u32|s32|f32", "register value type (default u16)", "寄存器数据类型（默认 u16）");
        var order = t.Value("--order", "ABCD|CDAB|BADC|DCBA", "word and byte order of 32-bit values (default ABCD)", "32 位值的字节顺序（默认 ABCD）");
        var json = t.Flag("--json", "print the result as JSON", "以 JSON 输出结果");
        foreach (var o in new Option[] { unit, address, value, coil, function, type, order, json }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            int u = b.Int(unit, -1, 0, 247);
            if (u < 0) throw new UsageException("option --unit is required (1–247, 0 = broadcast)", "缺少必需的选项 --unit（1–247，0 = 广播）");
            int at = b.Int(address, -1, 0, 65535);
            if (at < 0) throw new UsageException("option --address is required", "缺少必需的选项 --address");
            string[] values = b.Required(value).Split(',', StringSplitOptions.TrimEntries);
            var rt = b.Choice(type, RegisterType.UInt16, s_types);
            var wo = b.Choice(order, WordOrder.ABCD, s_orders);
            int fc = b.Int(function, 0, 5, 16);
            var options = new ModbusWriteOptions(line.Bind(b), u, at, values, b.Flag(coil), fc, rt, wo, b.Flag(json));
            return (int)ModbusWrite.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Scan(Texts t)
    {
        var c = t.Command("scan", "find the units that answer on the line", "查找线路上应答的从站",
            "qedge modbus scan --port /dev/ttyUSB0 --baud 9600 --parity even --units 1-32");
        var line = new LineOptions(t, c, 100);
        var units = t.Value("--units", "FROM-TO", "unit range (default 1-247)", "从站地址范围（默认 1-247）");
        var json = t.Flag("--json", "print the units found as JSON", "以 JSON 输出找到的从站");
        c.Add(units);
        c.Add(json);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string range = b.Value(units) ?? "1-247";
            var dash = range.Split('-');
            if (dash.Length is < 1 or > 2
                || !int.TryParse(dash[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int from)
                || !int.TryParse(dash[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int to)
                || from < 1 || to > 247 || from > to)
                throw new UsageException($"option --units: '{range}' is not a range within 1-247 (e.g. 1-32)", $"选项 --units：'{range}' 不是 1-247 内的范围（如 1-32）");
            return (int)ModbusScan.Run(new ModbusScanOptions(line.Bind(b), from, to, b.Flag(json)), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }

    private static Command Bench(Texts t)
    {
        var c = t.Command("bench", "transactions per second against the slave on a port, and the device-faithful line model", "测量对串口从站的每秒事务数，以及贴近设备的线路模型",
            "qedge modbus bench", "qedge modbus bench --port /dev/pts/3 --baud 19200 --unit 1 --count 10 --seconds 5 --json");
        var line = new LineOptions(t, c, 1000);
        var unit = t.Value("--unit", "U", "unit address (1–247, default 1)", "从站地址（1–247，默认 1）");
        var count = t.Value("--count", "N", "registers per request (1–125, default 10)", "每次请求的寄存器数（1–125，默认 10）");
        var seconds = t.Value("--seconds", "S", "how long to measure the port (1–600, default 5)", "测量时长，秒（1–600，默认 5）");
        var noModel = t.Flag("--no-model", "skip the line model", "不计算线路模型");
        var json = t.Flag("--json", "print the figures as JSON", "以 JSON 输出结果");
        foreach (var o in new Option[] { unit, count, seconds, noModel, json }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            int n = b.Int(count, 10, 1, 125);
            int s = b.Int(seconds, 5, 1, 600);
            var port = b.Value(line.Port) != null ? line.Bind(b) : null;
            int u = port != null ? b.Int(unit, 1, 1, 247) : 1;
            var options = new ModbusBenchOptions(port, u, n, s, b.Flag(noModel), b.Flag(json));
            return (int)ModbusBench.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }
}
