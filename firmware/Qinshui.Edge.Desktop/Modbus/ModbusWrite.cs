using System.Globalization;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>What `qedge modbus write` asks for. <paramref name="Function"/> is 0 when the tool picks it (5/6 for one value, 15/16 for more).</summary>
public sealed record ModbusWriteOptions(ModbusLineOptions Line, int Unit, int Address, IReadOnlyList<string> Values, bool Coil, int Function, RegisterType Type, WordOrder Order, bool Json);

/// <summary>Writes coils or registers to one unit (unit 0 broadcasts: no slave answers).</summary>
public static class ModbusWrite
{
    public static ToolOutcome Run(ModbusWriteOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        if (o.Function != 0 && o.Function is not (5 or 6 or 15 or 16)) throw new UsageException("option --function: write functions are 5, 6, 15, 16");
        bool coil = o.Coil || o.Function is 5 or 15;
        var t = coil ? Coils(o) : Registers(o);
        if (!RtuFrame.IsValidQuantity(t.Function, t.Address, t.Quantity))
            throw new UsageException($"{t.Quantity} values from {o.Address} do not fit one request");
        ModbusLine line;
        try { line = ModbusLine.Open(o.Line); }
        catch (ModbusLineException e) { stderr.WriteLine($"qedge modbus write: {e.Message}"); return ToolOutcome.Failed; }
        using var _ = line;
        if (line.Execute(t) != ModbusStatus.Ok)
        {
            stderr.WriteLine($"qedge modbus write: {ModbusLine.Reason(t, o.Line.TimeoutMs)}");
            return ToolOutcome.Failed;
        }
        string what = $"function {t.Function}, {t.Quantity} {(coil ? "coil" : "register")}{(t.Quantity == 1 ? "" : "s")} at {o.Address}";
        if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(new { ok = true, unit = o.Unit, function = (int)t.Function, address = o.Address, quantity = t.Quantity, broadcast = o.Unit == 0 }));
        else stdout.WriteLine(o.Unit == 0 ? $"broadcast sent ({what}); slaves do not answer a broadcast" : $"written: unit {o.Unit}, {what}");
        return ToolOutcome.Ok;
    }

    private static ModbusTransaction Coils(ModbusWriteOptions o)
    {
        var raw = o.Values;
        var t = new ModbusTransaction(Math.Max(2 * raw.Count, 1), Math.Max(raw.Count, 1));
        for (int i = 0; i < raw.Count; i++)
        {
            t.Bits[i] = raw[i] switch { "1" or "on" or "true" => true, "0" or "off" or "false" => false, _ => throw new UsageException($"coil value '{raw[i]}' is not 0/1/on/off") };
        }
        if (raw.Count == 1 && o.Function != 15) t.SetWriteCoil((byte)o.Unit, o.Address, t.Bits[0]);
        else t.SetWriteCoils((byte)o.Unit, o.Address, raw.Count);
        return t;
    }

    private static ModbusTransaction Registers(ModbusWriteOptions o)
    {
        var raw = o.Values;
        var t = new ModbusTransaction(Math.Max(2 * raw.Count, 1), Math.Max(raw.Count, 1));
        int width = RegisterTypes.RegisterCount(o.Type, 1);
        for (int i = 0; i < raw.Count; i++)
        {
            if (o.Type == RegisterType.Float32)
            {
                if (!float.TryParse(raw[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float f) || !float.IsFinite(f))
                    throw new UsageException($"value '{raw[i]}' is not a finite number");
                RegisterCodec.Split32(BitConverter.SingleToUInt32Bits(f), o.Order, t.Registers, i * width);
            }
            else if (!long.TryParse(raw[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) || !RegisterCodec.TryEncodeInteger(l, o.Type, o.Order, t.Registers, i * width))
            {
                throw new UsageException($"value '{raw[i]}' does not fit {RegisterTypes.Name(o.Type)}");
            }
        }
        int quantity = raw.Count * width;
        if (quantity == 1 && o.Function != 16) t.SetWriteRegister((byte)o.Unit, o.Address, t.Registers[0]);
        else if (o.Function == 6) throw new UsageException("function 6 writes one 16-bit register");
        else t.SetWriteRegisters((byte)o.Unit, o.Address, quantity);
        return t;
    }
}
