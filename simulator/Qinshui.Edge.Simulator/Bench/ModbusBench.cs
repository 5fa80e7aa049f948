using System.Diagnostics;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Modbus;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>What `qedge modbus bench` asks for; <paramref name="Line"/> is null to print only the line model.</summary>
public sealed record ModbusBenchOptions(ModbusLineOptions? Line, int Unit, int Count, int Seconds, bool NoModel, bool Json);

/// <summary>
/// Transactions per second of our master against whatever slave is on the port (e.g. pymodbus on
/// a pty), and the device-faithful line model (ModbusDriveModel) at 9600 and 115200 baud, each
/// figure printed with the model's assumptions.
/// </summary>
public static class ModbusBench
{
    public static ToolOutcome Run(ModbusBenchOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var result = new Dictionary<string, object>();
        if (o.Line != null)
        {
            ModbusLine line;
            try { line = ModbusLine.Open(o.Line); }
            catch (ModbusLineException e) { stderr.WriteLine($"qedge modbus bench: {e.Message}"); return ToolOutcome.Failed; }
            using var _ = line;
            result["port"] = MeasurePort(line, o, stdout, cancel);
        }
        if (o.NoModel)
        {
            if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(result));
            return ToolOutcome.Ok;
        }
        result["lineModel"] = Model(o, stdout);
        if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(result));
        return ToolOutcome.Ok;
    }

    private static object MeasurePort(ModbusLine line, ModbusBenchOptions o, TextWriter stdout, CancellationToken cancel)
    {
        var t = new ModbusTransaction(o.Count, 1);
        long ok = 0, failed = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < o.Seconds && !cancel.IsCancellationRequested)
        {
            t.SetRead((byte)o.Unit, FunctionCode.ReadHoldingRegisters, 0, o.Count);
            if (line.Execute(t) == ModbusStatus.Ok) ok++;
            else failed++;
        }
        double tps = ok / sw.Elapsed.TotalSeconds;
        var timing = line.Master.Timing;
        int chars = RtuFrame.RequestLength(3, o.Count) + RtuFrame.ResponseLength(3, o.Count);
        double theoretical = 1_000_000.0 / (chars * timing.CharacterTimeUs + 2 * timing.InterFrameSilenceUs);
        if (!o.Json)
        {
            stdout.WriteLine($"port {line.Name} @ {line.Port.BaudRate} baud, FC03 × {o.Count} registers, unit {o.Unit}, {o.Seconds} s:");
            stdout.WriteLine($"  {tps:F1} transactions/s ({ok} ok, {failed} failed); line maximum {theoretical:F1}/s; ratio {tps / theoretical:F3}");
            stdout.WriteLine("  (a pty has no baud rate: the ratio shows how the peers, not the wire, limit the rate)");
        }
        return new
        {
            name = line.Name, baud = line.Port.BaudRate, registers = o.Count, seconds = o.Seconds, ok, failed, transactionsPerSecond = Math.Round(tps, 1),
            lineMaximum = Math.Round(theoretical, 1), ratio = Math.Round(tps / theoretical, 3),
        };
    }

    private static List<object> Model(ModbusBenchOptions o, TextWriter stdout)
    {
        var model = new List<object>();
        if (!o.Json)
        {
            stdout.WriteLine($"line model: computed RS-485 line, 8E1 (11-bit characters), 3.5-character silences (1.75 ms above 19200 baud), FC03 × {o.Count}, slave answering after 3.5 characters;");
            stdout.WriteLine("  line maximum = request + response + two silences back to back. The ESP32 master as the firmware drives it (ModbusDriveModel):");
        }
        var drives = new (string Name, ModbusDriveModel Drive)[]
        {
            ("device", ModbusDriveModel.Device()),
            ("device, scan not blocking", new ModbusDriveModel(ModbusDriveModel.DeviceTickUs, ModbusDriveModel.DeviceScanPeriodUs, 0)),
            ("scan only (no bus thread)", ModbusDriveModel.ScanOnly()),
        };
        foreach (var (name, drive) in drives)
        foreach (int baud in new[] { 9600, 115200 })
        {
            var (achieved, theoretical, ratio) = LineModel.MeasureDevice(baud, o.Count, 60, drive);
            model.Add(new { baud, registers = o.Count, drive = name, assumptions = drive.Describe(), transactionsPerSecond = Math.Round(achieved, 1), lineMaximum = Math.Round(theoretical, 1), ratio = Math.Round(ratio, 3) });
            if (!o.Json) stdout.WriteLine($"  {name,-27} {baud,6} baud: {achieved,6:F1} tx/s of {theoretical,6:F1} = {ratio:F3}   [{drive.Describe()}]");
        }
        return model;
    }
}
