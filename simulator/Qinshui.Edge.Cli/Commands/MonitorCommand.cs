using Qinshui.Edge.Simulator.Platform;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge monitor: binds the options and calls <see cref="StreamMonitor"/>. Exit 1 when anything was flagged (with --duration), for CI.</summary>
public sealed class MonitorCommand : ICommand
{
    public string Name => "monitor";
    public string Usage => "monitor --broker mqtt://host:port [--topic qinshui/v1/#] [--duration 30s] [--quiet]";
    public string Summary => "watch what gateways publish: gaps, duplicates and payloads that break the format are flagged";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--quiet"], ["--broker", "--topic", "--duration"]);
        string broker = args.Value("--broker") ?? throw new UsageException("monitor needs --broker mqtt://host:port");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        var uri = new Uri(broker);
        long? durationMs = null;
        if (args.Value("--duration") is string d)
        {
            if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration");
            durationMs = ms;
        }
        using var cancel = new ConsoleCancel();
        return (int)StreamMonitor.Run(new StreamMonitorOptions(uri, args.Value("--topic") ?? "qinshui/v1/#", durationMs, args.Flag("--quiet")), stdout, stderr, cancel.Token);
    }
}
