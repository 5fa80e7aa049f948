using Qinshui.Edge.Simulator.Bench;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge fleet: binds the load test's options and calls <see cref="FleetBench"/>. Bounded: at most 1000 gateways, 10 minutes, loopback brokers only.</summary>
public sealed class FleetCommand : ICommand
{
    public string Name => "fleet";
    public string Usage => "fleet --gateways N (--broker mqtt://127.0.0.1:port | --mosquitto) [--duration 60s] [--channels 16]";
    public string Summary => "load test: N simulated gateways against a real broker; throughput, CPU and latency";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--mosquitto"], ["--gateways", "--broker", "--duration", "--channels"]);
        if (!int.TryParse(args.Value("--gateways") ?? "", out int n) || n < 1 || n > 1000) throw new UsageException("--gateways N: 1 to 1000");
        if (!int.TryParse(args.Value("--channels") ?? "16", out int channels) || channels < 1 || channels > 64) throw new UsageException("--channels: 1 to 64");
        long durationMs = 60_000;
        if (args.Value("--duration") is string d && (!Duration.TryParseMs(d, out durationMs) || durationMs < 5000 || durationMs > 600_000))
            throw new UsageException("--duration: 5s to 10min");
        string host = "127.0.0.1";
        int port = 0;
        bool mosquitto = args.Flag("--mosquitto");
        if (!mosquitto)
        {
            string broker = args.Value("--broker") ?? throw new UsageException("fleet needs --broker mqtt://127.0.0.1:port or --mosquitto");
            var uri = new Uri(broker);
            if (uri.Host is not ("127.0.0.1" or "localhost")) throw new UsageException("fleet load stays on this machine: --broker must be 127.0.0.1 or localhost");
            host = uri.Host;
            port = uri.Port > 0 ? uri.Port : 1883;
        }
        return (int)FleetBench.Run(new FleetBenchOptions(n, channels, durationMs, host, port, mosquitto), stdout);
    }
}
