using Qinshui.Edge.Desktop.Platform.Mtt1201;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bridge mtt1201: binds the options and calls <see cref="Mtt1201Run"/> (MT/T 1201.1 files from what gateways publish).</summary>
public sealed class BridgeCommand : ICommand
{
    public string Name => "bridge";
    public string Usage => "bridge mtt1201 --broker mqtt://host:port --mine-code CODE --out DIR [--mine-name NAME] [--period 10s] [--points FILE] [--topic qinshui/v1/#] [--duration D]";
    public string Summary => "write MT/T 1201.1 files (CDDY point definitions, CDSS real-time, YCBJ anomalies) from what gateways publish";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0 || argv[0] != "mtt1201") throw new UsageException("bridge needs a format: mtt1201");
        var args = new Arguments(argv.Skip(1).ToArray(), [], ["--broker", "--mine-code", "--mine-name", "--out", "--period", "--points", "--topic", "--duration"]);
        args.NoPositional();
        string broker = args.Required("--broker");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal) || !Uri.TryCreate(broker, UriKind.Absolute, out var uri))
            throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        long periodMs = DurationOption(args, "--period") ?? 10_000;
        long? durationMs = DurationOption(args, "--duration");
        var options = new Mtt1201RunOptions(uri, args.Value("--topic") ?? "qinshui/v1/#", durationMs, args.Required("--mine-code"), args.Value("--mine-name") ?? "",
            args.Required("--out"), periodMs, args.Value("--points"), Duration.Format(periodMs));
        using var cancel = new ConsoleCancel();
        return (int)Mtt1201Run.Run(options, stdout, stderr, cancel.Token);
    }

    private static long? DurationOption(Arguments args, string name)
    {
        if (args.Value(name) is not string text) return null;
        if (!Duration.TryParseMs(text, out long ms) || ms <= 0) throw new UsageException($"option {name}: '{text}' is not a duration");
        return ms;
    }
}
