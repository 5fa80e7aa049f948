using System.Text.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge bench reaction: condition → contact-open times of the ESP32 gateway in the
/// device-faithful model (ReactionModel), as distributions with their worst case, for the
/// welding-bay example's bus (a gas transmitter and a welding-machine chip on one RS-485 line).
/// </summary>
public sealed class ReactionBench : ICommand
{
    public string Name => "bench";
    public string Usage => "bench reaction [--baud N] [--poll-ms N] [--json]";
    public string Summary => "benchmark: gas at trip level → relay open and card tap → machine enabled, worst case and distribution";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0 || argv[0] != "reaction") throw new UsageException("missing subcommand (reaction)");
        var a = new Arguments(argv.Skip(1).ToArray(), ["--json"], ["--baud", "--poll-ms"]);
        a.NoPositional();
        int baud = a.Int("--baud", 9600, 1200, 115200);
        int? onlyPoll = a.Value("--poll-ms") == null ? null : a.Int("--poll-ms", 1000, 100, 60000);
        var gas = Device("generic-gas-transmitter");
        var welder = Device("welding-machine-chip");
        var drive = ModbusDriveModel.Device();
        var timing = new ModbusTiming(baud, 11, ModbusTiming.DefaultResponseTimeoutMs, 1, ModbusTiming.DefaultTurnaroundDelayMs);
        long welderCycleUs = ModbusPlanner.Plan(welder).CycleMicros(timing, drive);
        var gasPlan = ModbusPlanner.Plan(gas);
        var rows = new List<object>();
        bool json = a.Flag("--json");
        int[] polls = onlyPoll != null ? [onlyPoll.Value] : [1000, 500, 300, 200];
        if (!json) stdout.WriteLine("Reaction times in the device-faithful model (every phase on a 1 ms grid; ms: best / p50 / p90 / p99 / worst):");
        foreach (int poll in polls)
        {
            var r = ReactionModel.GasToContactOpen(baud, gasPlan, poll, welderCycleUs, 1000, drive);
            rows.Add(Row(r, 500));
            if (!json) Print(stdout, r, 500, poll == 1000 ? " (welding-bay example)" : "");
        }
        var card = ReactionModel.CardTapToEnabled(26, drive);
        rows.Add(Row(card, 1000));
        if (!json) Print(stdout, card, 1000, "");
        if (json) stdout.WriteLine(JsonSerializer.Serialize(rows));
        return CommandLine.ExitOk;
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
