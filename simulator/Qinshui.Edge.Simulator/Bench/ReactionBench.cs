using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>What `qedge bench reaction` asks for; <paramref name="PollMs"/> null prints the four standard poll periods.</summary>
public sealed record ReactionBenchOptions(int Baud, int? PollMs, bool Json);

/// <summary>
/// Condition → contact-open times of the ESP32 gateway in the device-faithful model
/// (ReactionModel), as distributions with their worst case, for the welding-bay example's bus (a
/// gas transmitter and a welding-machine chip on one RS-485 line).
/// </summary>
public static class ReactionBench
{
    public static ToolOutcome Run(ReactionBenchOptions o, TextWriter stdout, CancellationToken cancel = default)
    {
        var gas = Device("generic-gas-transmitter");
        var welder = Device("welding-machine-chip");
        var drive = ModbusDriveModel.Device();
        var timing = new ModbusTiming(o.Baud, 11, ModbusTiming.DefaultResponseTimeoutMs, 1, ModbusTiming.DefaultTurnaroundDelayMs);
        long welderCycleUs = ModbusPlanner.Plan(welder).CycleMicros(timing, drive);
        var gasPlan = ModbusPlanner.Plan(gas);
        var rows = new List<object>();
        int[] polls = o.PollMs != null ? [o.PollMs.Value] : [1000, 500, 300, 200];
        if (!o.Json) stdout.WriteLine("Reaction times in the device-faithful model (every phase on a 1 ms grid; ms: best / p50 / p90 / p99 / worst):");
        foreach (int poll in polls)
        {
            var r = ReactionModel.GasToContactOpen(o.Baud, gasPlan, poll, welderCycleUs, 1000, drive);
            rows.Add(Row(r, 500));
            if (!o.Json) Print(stdout, r, 500, poll == 1000 ? " (welding-bay example)" : "");
        }
        var card = ReactionModel.CardTapToEnabled(26, drive);
        rows.Add(Row(card, 1000));
        if (!o.Json) Print(stdout, card, 1000, "");
        if (o.Json) stdout.WriteLine(JsonSerializer.Serialize(rows));
        return ToolOutcome.Ok;
    }

    private static ModbusDeviceConfig Device(string profile) => new()
    {
        Name = profile, Unit = 1, PollIntervalMs = 1000,
        Profile = HardwareCatalog.Profiles.First(p => p.Id == profile),
    };

    private static object Row(ReactionModel.Result r, int targetMs) => new
    {
        name = r.Name, targetMs, bestMs = r.BestUs / 1000.0, p50Ms = r.Percentile(0.5) / 1000.0, p90Ms = r.Percentile(0.9) / 1000.0,
        p99Ms = r.Percentile(0.99) / 1000.0, worstMs = r.WorstUs / 1000.0, meetsTarget = r.WorstUs <= targetMs * 1000L, samples = r.SortedUs.Length, assumptions = r.Assumptions,
    };

    private static void Print(TextWriter o, ReactionModel.Result r, int targetMs, string note)
    {
        string verdict = r.WorstUs <= targetMs * 1000L ? "meets" : "MISSES";
        o.WriteLine($"  {r.Name}{note}: {r.BestUs / 1000.0:F0} / {r.Percentile(0.5) / 1000.0:F0} / {r.Percentile(0.9) / 1000.0:F0} / {r.Percentile(0.99) / 1000.0:F0} / {r.WorstUs / 1000.0:F0} ms; worst {verdict} the {targetMs} ms target");
        o.WriteLine($"    [{r.Assumptions}]");
    }
}
