using System.Diagnostics;
using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge modbus bench: transactions per second of our master against whatever slave is on the
/// port (e.g. pymodbus on a pty), and the device-faithful line model (ModbusDriveModel) at 9600 and
/// 115200 baud, each figure printed with the model's assumptions.
/// </summary>
public static class ModbusBench
{
    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, ["--json", "--no-model"], ["--port", "--baud", "--parity", "--stop-bits", "--timeout", "--retries", "--unit", "--count", "--seconds"]);
        a.NoPositional();
        int count = a.Int("--count", 10, 1, 125);
        int seconds = a.Int("--seconds", 5, 1, 600);
        var result = new Dictionary<string, object>();
        if (a.Value("--port") != null)
        {
            int unit = a.Int("--unit", 1, 1, 247);
            ModbusCommand.Line line;
            try { line = ModbusCommand.OpenLine(a, 1000); }
            catch (ModbusCommand.LineException e) { stderr.WriteLine($"qedge modbus bench: {e.Message}"); return CommandLine.ExitFailure; }
            using var port = line.Port;
            var t = new ModbusTransaction(count, 1);
            long ok = 0, failed = 0;
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                t.SetRead((byte)unit, FunctionCode.ReadHoldingRegisters, 0, count);
                if (ModbusCommand.Execute(line, t) == ModbusStatus.Ok) ok++;
                else failed++;
            }
            double tps = ok / sw.Elapsed.TotalSeconds;
            var timing = line.Master.Timing;
            int chars = RtuFrame.RequestLength(3, count) + RtuFrame.ResponseLength(3, count);
            double theoretical = 1_000_000.0 / (chars * timing.CharacterTimeUs + 2 * timing.InterFrameSilenceUs);
            result["port"] = new { name = line.Name, baud = line.Port.BaudRate, registers = count, seconds, ok, failed, transactionsPerSecond = Math.Round(tps, 1), lineMaximum = Math.Round(theoretical, 1), ratio = Math.Round(tps / theoretical, 3) };
            if (!a.Flag("--json"))
            {
                stdout.WriteLine($"port {line.Name} @ {line.Port.BaudRate} baud, FC03 × {count} registers, unit {unit}, {seconds} s:");
                stdout.WriteLine($"  {tps:F1} transactions/s ({ok} ok, {failed} failed); line maximum {theoretical:F1}/s; ratio {tps / theoretical:F3}");
                stdout.WriteLine("  (a pty has no baud rate: the ratio shows how the peers, not the wire, limit the rate)");
            }
        }
        if (a.Flag("--no-model"))
        {
            if (a.Flag("--json")) stdout.WriteLine(JsonSerializer.Serialize(result));
            return CommandLine.ExitOk;
        }
        var model = new List<object>();
        if (!a.Flag("--json"))
        {
            stdout.WriteLine($"line model: computed RS-485 line, 8E1 (11-bit characters), 3.5-character silences (1.75 ms above 19200 baud), FC03 × {count}, slave answering after 3.5 characters;");
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
            var (achieved, theoretical, ratio) = LineModel.MeasureDevice(baud, count, 60, drive);
            model.Add(new { baud, registers = count, drive = name, assumptions = drive.Describe(), transactionsPerSecond = Math.Round(achieved, 1), lineMaximum = Math.Round(theoretical, 1), ratio = Math.Round(ratio, 3) });
            if (!a.Flag("--json"))
                stdout.WriteLine($"  {name,-27} {baud,6} baud: {achieved,6:F1} tx/s of {theoretical,6:F1} = {ratio:F3}   [{drive.Describe()}]");
        }
        result["lineModel"] = model;
        if (a.Flag("--json")) stdout.WriteLine(JsonSerializer.Serialize(result));
        return CommandLine.ExitOk;
    }
}
