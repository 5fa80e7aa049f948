using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Fleet;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge fleet: parses the options and calls <see cref="FleetRun"/> (the logic lives in the simulator library).</summary>
public sealed class FleetCommand : ICommand
{
    public string Name => "fleet";
    public string Usage => "fleet --gateways N (--mosquitto | --embedded | --broker mqtt://127.0.0.1:port) [--duration 60s] [--channels 16] [--scan 100ms]";
    public string Summary => "load test: N simulated gateways against a broker; delivered share, transport lag, CPU, thread pool";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--mosquitto", "--embedded"], ["--gateways", "--broker", "--duration", "--channels", "--scan"]);
        var o = new FleetOptions
        {
            Gateways = args.Int("--gateways", 100, 1, FleetOptions.MaxGateways),
            Channels = args.Int("--channels", 16, 1, 64),
            Broker = args.Flag("--mosquitto") ? FleetBrokerKind.Mosquitto : args.Flag("--embedded") ? FleetBrokerKind.Embedded : FleetBrokerKind.External,
        };
        if (args.Value("--duration") is string d && (!Duration.TryParseMs(d, out long ms) || (o.DurationMs = ms) < 0)) throw new UsageException("--duration: e.g. 60s");
        if (args.Value("--scan") is string s && Duration.TryParseMs(s, out long scan)) o.ScanMs = (int)Math.Min(scan, 10_000);
        if (o.Broker == FleetBrokerKind.External)
        {
            var uri = new Uri(args.Value("--broker") ?? throw new UsageException("fleet needs --mosquitto, --embedded or --broker mqtt://127.0.0.1:port"));
            (o.Host, o.Port) = (uri.Host, uri.Port > 0 ? uri.Port : 1883);
        }
        try { o.Validate(); } catch (ArgumentException e) { throw new UsageException(e.Message); }
        return FleetRun.RunAsync(o, stdout, CancellationToken.None).GetAwaiter().GetResult().Met ? CommandLine.ExitOk : CommandLine.ExitFailure;
    }
}
