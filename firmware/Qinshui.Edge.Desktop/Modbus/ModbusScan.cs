using System.Text.Json;
using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Desktop.Modbus;

/// <summary>What `qedge modbus scan` asks for: the units FromUnit..ToUnit (within 1–247).</summary>
public sealed record ModbusScanOptions(ModbusLineOptions Line, int FromUnit, int ToUnit, bool Json);

/// <summary>
/// Asks every unit in the range for holding register 0. Any well-formed answer, an exception
/// included, proves a device; a corrupt or misaddressed answer is line trouble, not a device.
/// </summary>
public static class ModbusScan
{
    public static ToolOutcome Run(ModbusScanOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        ModbusLine line;
        try { line = ModbusLine.Open(o.Line); }
        catch (ModbusLineException e) { stderr.WriteLine($"qedge modbus scan: {e.Message}"); return ToolOutcome.Failed; }
        using var _ = line;
        var found = new List<(int Unit, string Detail)>();
        var garbled = new List<string>();
        var t = new ModbusTransaction(1, 1);
        for (int u = o.FromUnit; u <= o.ToUnit && !cancel.IsCancellationRequested; u++)
        {
            t.SetRead((byte)u, FunctionCode.ReadHoldingRegisters, 0, 1);
            var s = line.Execute(t);
            if (s == ModbusStatus.Ok) found.Add((u, $"holding register 0 = {t.Registers[0]}"));
            else if (s == ModbusStatus.Exception) found.Add((u, $"answered with exception {t.ExceptionCode} ({ModbusStatusNames.DescribeException(t.ExceptionCode)})"));
            // A corrupt or misaddressed answer may be another unit's late reply: line trouble, not a device.
            else if (s != ModbusStatus.Timeout) garbled.Add($"unit {u}: {ModbusStatusNames.Describe(s)}");
        }
        if (o.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(found.Select(f => new { unit = f.Unit, detail = f.Detail })));
        }
        else
        {
            foreach (var f in found) stdout.WriteLine($"unit {f.Unit}: {f.Detail}");
            foreach (var g in garbled) stdout.WriteLine($"line trouble at {g} (late reply, noise, wrong baud/parity?)");
            stdout.WriteLine($"{found.Count} device{(found.Count == 1 ? "" : "s")} answered on units {o.FromUnit}-{o.ToUnit} ({o.Line.TimeoutMs} ms timeout each)");
        }
        if (found.Count == 0)
        {
            stderr.WriteLine($"qedge modbus scan: no device answered on units {o.FromUnit}-{o.ToUnit} at {line.Port.BaudRate} baud (check wiring A/B, baud rate, parity)");
            return ToolOutcome.Failed;
        }
        return ToolOutcome.Ok;
    }
}
