using Qinshui.Edge.Simulator.Bench;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bench mqtt|config|reaction: printed figures (not timed tests), computed in Simulator/Bench. Modbus has its own: qedge modbus bench.</summary>
public sealed class BenchCommand : ICommand
{
    public string Name => "bench";
    public string Usage => "bench mqtt [--hours N] [--channels N] [--broker mosquitto|embedded] | bench config [--channels N] [--iterations N] | bench reaction [--baud N] [--poll-ms N] [--json]";
    public string Summary => "print benchmark figures: MQTT wire bytes, journal throughput and outage replay; config validation time and memory; reaction times (condition → contact open)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0) throw new UsageException("missing subcommand (mqtt, config, reaction)");
        var rest = argv.Skip(1).ToArray();
        return argv[0] switch
        {
            "mqtt" => Mqtt(rest, stdout, stderr),
            "config" => Config(rest, stdout, stderr),
            "reaction" => Reaction(rest, stdout),
            _ => throw new UsageException($"unknown benchmark '{argv[0]}' (mqtt, config, reaction)"),
        };
    }

    private static int Mqtt(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, [], ["--hours", "--channels", "--broker"]);
        a.NoPositional();
        string broker = a.Choice("--broker", MqttBenchOptions.DefaultBroker, new Dictionary<string, string> { ["mosquitto"] = "mosquitto", ["embedded"] = "embedded" });
        return (int)MqttBench.Run(new MqttBenchOptions(a.Int("--hours", 24, 1, 72), a.Int("--channels", 16, 1, 64), broker), stdout, stderr);
    }

    private static int Config(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(argv, [], ["--channels", "--iterations"]);
        a.NoPositional();
        return (int)ConfigBench.Run(new ConfigBenchOptions(a.Int("--channels", 256, 1, 4096), a.Int("--iterations", 50, 1, 100000)), stdout, stderr);
    }

    private static int Reaction(string[] argv, TextWriter stdout)
    {
        var a = new Arguments(argv, ["--json"], ["--baud", "--poll-ms"]);
        a.NoPositional();
        int? poll = a.Value("--poll-ms") == null ? null : a.Int("--poll-ms", 1000, 100, 60000);
        return (int)ReactionBench.Run(new ReactionBenchOptions(a.Int("--baud", 9600, 1200, 115200), poll, a.Flag("--json")), stdout);
    }
}
