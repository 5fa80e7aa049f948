using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bench mqtt|config|reaction: printed figures (not timed tests). Modbus has its own: qedge modbus bench.</summary>
public sealed class BenchCommand : ICommand
{
    private readonly ICommand _mqtt = new MqttBench();
    private readonly ICommand _config = new ConfigBench();
    private readonly ICommand _reaction = new ReactionBench();

    public string Name => "bench";
    public string Usage => "bench mqtt [--hours N] [--channels N] [--broker mosquitto|embedded] | bench config [--channels N] [--iterations N] | bench reaction [--baud N] [--poll-ms N] [--json]";
    public string Summary => "print benchmark figures: MQTT wire bytes, journal throughput and outage replay; config validation time and memory; reaction times (condition → contact open)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0) throw new UsageException("missing subcommand (mqtt, config, reaction)");
        return argv[0] switch
        {
            "mqtt" => _mqtt.Run(argv, stdout, stderr),
            "config" => _config.Run(argv, stdout, stderr),
            "reaction" => _reaction.Run(argv, stdout, stderr),
            _ => throw new UsageException($"unknown benchmark '{argv[0]}' (mqtt, config, reaction)"),
        };
    }
}
