using System.Globalization;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>What `qedge modbus read` asks for. <paramref name="Type"/> is null when not given (bits take none).</summary>
public sealed record ModbusReadOptions(ModbusLineOptions Line, int Unit, int Function, int Address, int Count, RegisterType? Type, WordOrder Order, bool Json);

/// <summary>
/// Reads bits or registers from one unit and prints them one per line ([address]: value) or as a
/// JSON array. A value the device sends as NaN or infinity is shown as such, never hidden.
/// </summary>
public static class ModbusRead
{
    public static ToolOutcome Run(ModbusReadOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        bool bits = FunctionCode.IsBitRead(o.Function);
        if (bits && o.Type != null) throw new UsageException("--type applies to registers (function 3 or 4), not to bits");
        var type = o.Type ?? RegisterType.UInt16;
        int width = RegisterTypes.RegisterCount(type, 1);
        int quantity = bits ? o.Count : o.Count * width;
        if (!RtuFrame.IsValidQuantity(o.Function, o.Address, quantity))
            throw new UsageException($"{quantity} {(bits ? "bits" : "registers")} from {o.Address} is beyond one request (at most {(bits ? 2000 : 125)}, addresses up to 65535)");
        ModbusLine line;
        try { line = ModbusLine.Open(o.Line); }
        catch (ModbusLineException e) { stderr.WriteLine($"qedge modbus read: {e.Message}"); return ToolOutcome.Failed; }
        using var _ = line;
        var t = new ModbusTransaction(Math.Max(quantity, 1), Math.Max(quantity, 1));
        t.SetRead((byte)o.Unit, (byte)o.Function, o.Address, quantity);
        if (line.Execute(t) != ModbusStatus.Ok)
        {
            stderr.WriteLine($"qedge modbus read: {ModbusLine.Reason(t, o.Line.TimeoutMs)}");
            return ToolOutcome.Failed;
        }
        var values = Decode(t, bits, o.Count, width, type, o.Order);
        if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(values.Select(JsonValue)));
        else
        {
            for (int i = 0; i < o.Count; i++) stdout.WriteLine($"[{o.Address + (bits ? i : i * width)}]: {Text(values[i])}");
        }
        return ToolOutcome.Ok;
    }

    private static List<object> Decode(ModbusTransaction t, bool bits, int count, int width, RegisterType type, WordOrder order)
    {
        var values = new List<object>();
        for (int i = 0; i < count; i++)
        {
            if (bits) values.Add(t.Bits[i]);
            else if (RegisterCodec.TryDecode(t.Registers, i * width, type, order, out double v)) values.Add(type == RegisterType.Float32 ? (float)v : v);
            else values.Add(double.NaN); // NaN/infinity from the device: shown, never hidden
        }
        return values;
    }

    private static object? JsonValue(object v) => v switch
    {
        bool b => b,
        float f when float.IsFinite(f) => f,
        double d when double.IsFinite(d) => d,
        _ => null,
    };

    private static string Text(object v) => v switch
    {
        bool b => b ? "1" : "0",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => "?",
    };
}
