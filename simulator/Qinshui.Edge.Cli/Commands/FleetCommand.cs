using System.CommandLine;
using Qinshui.Edge.Simulator.Bench;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge fleet: binds the load test's options and calls <see cref="FleetBench"/>. Bounded: at most 1000 gateways, 10 minutes, loopback brokers only.</summary>
public static class FleetCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("fleet", "load test: N simulated gateways against a real broker on this machine; throughput, CPU and latency",
            "负载测试：N 个模拟网关连接本机的真实代理；吞吐、CPU 与延迟",
            "qedge fleet --gateways 200 --mosquitto --duration 60s", "qedge fleet --gateways 50 --broker mqtt://127.0.0.1:1883 --channels 32");
        var gateways = t.Value("--gateways", "N", "simulated gateways (1–1000)", "模拟网关数（1–1000）");
        var broker = t.Value("--broker", "mqtt://127.0.0.1:PORT", "a broker on this machine", "本机上的代理");
        var mosquitto = t.Flag("--mosquitto", "start /usr/sbin/mosquitto on a free loopback port", "在空闲的本机端口上启动 /usr/sbin/mosquitto");
        var duration = t.Value("--duration", "D", "how long (5s–10min, default 60s)", "运行时长（5s–10min，默认 60s）");
        var channels = t.Value("--channels", "N", "channels per gateway (1–64, default 16)", "每个网关的通道数（1–64，默认 16）");
        foreach (var o in new Option[] { gateways, broker, mosquitto, duration, channels }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            if (!int.TryParse(b.Value(gateways) ?? "", out int n) || n < 1 || n > 1000) throw new UsageException("--gateways N: 1 to 1000", "--gateways N：1 到 1000");
            if (!int.TryParse(b.Value(channels) ?? "16", out int perGateway) || perGateway < 1 || perGateway > 64) throw new UsageException("--channels: 1 to 64", "--channels：1 到 64");
            long durationMs = 60_000;
            if (b.Value(duration) is string d && (!Duration.TryParseMs(d, out durationMs) || durationMs < 5000 || durationMs > 600_000))
                throw new UsageException("--duration: 5s to 10min", "--duration：5s 到 10min");
            string host = "127.0.0.1";
            int port = 0;
            bool start = b.Flag(mosquitto);
            if (!start)
            {
                string url = b.Value(broker) ?? throw new UsageException("fleet needs --broker mqtt://127.0.0.1:port or --mosquitto", "fleet 需要 --broker mqtt://127.0.0.1:端口 或 --mosquitto");
                var uri = new Uri(url);
                if (uri.Host is not ("127.0.0.1" or "localhost"))
                    throw new UsageException("fleet load stays on this machine: --broker must be 127.0.0.1 or localhost", "负载只在本机：--broker 必须是 127.0.0.1 或 localhost");
                host = uri.Host;
                port = uri.Port > 0 ? uri.Port : 1883;
            }
            return (int)FleetBench.Run(new FleetBenchOptions(n, perGateway, durationMs, host, port, start), p.InvocationConfiguration.Output);
        });
        return c;
    }
}
