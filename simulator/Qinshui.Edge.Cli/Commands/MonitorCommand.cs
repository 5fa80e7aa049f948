using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Monitor;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge monitor --broker URL: subscribes to qinshui/v1/# as the platform would and prints what
/// arrives decoded with the gateways' birth and meta pages (<see cref="MonitorSession"/>), flagging
/// gaps, duplicates and malformed payloads. Exit 1 when anything was flagged (with --duration), for CI.
/// </summary>
public sealed class MonitorCommand : ICommand
{
    public string Name => "monitor";
    public string Usage => "monitor --broker mqtt://host:port [--topic qinshui/v1/#] [--duration 30s] [--quiet] [--raw] [--lang zh|en]";
    public string Summary => "watch what gateways publish, decoded (channels, values, limits, zones, reset needed); gaps, duplicates and bad payloads flagged";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--quiet", "--raw"], ["--broker", "--topic", "--duration", "--lang"]);
        string broker = args.Value("--broker") ?? throw new UsageException("monitor needs --broker mqtt://host:port");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        long? durationMs = null;
        if (args.Value("--duration") is string d)
        {
            if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration");
            durationMs = ms;
        }
        var options = new MonitorOptions
        {
            Broker = new Uri(broker), TopicFilter = args.Value("--topic") ?? "qinshui/v1/#", DurationMs = durationMs,
            Quiet = args.Flag("--quiet"), Raw = args.Flag("--raw"), Language = Language.Resolve(args.Value("--lang")),
        };
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return MonitorSession.Run(options, stdout, stderr, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
