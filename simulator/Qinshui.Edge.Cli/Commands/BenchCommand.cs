using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bench mqtt|config: printed figures (not timed tests). Modbus has its own: qedge modbus bench.</summary>
public sealed class BenchCommand : ICommand
{
    private readonly ICommand _mqtt = new MqttBench();
    private readonly ICommand _config = new ConfigBench();

    public string Name => "bench";
    public string Usage => "bench mqtt [--hours N] [--channels N] [--broker mosquitto|embedded] | bench config [--channels N] [--iterations N]";
    public string Summary => "print benchmark figures: MQTT wire bytes, journal throughput and outage replay; config validation time and memory";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0) throw new UsageException("missing subcommand (mqtt, config)");
        return argv[0] switch
        {
            "mqtt" => _mqtt.Run(argv, stdout, stderr),
            "config" => _config.Run(argv, stdout, stderr),
            _ => throw new UsageException($"unknown benchmark '{argv[0]}' (mqtt, config)"),
        };
    }
}
