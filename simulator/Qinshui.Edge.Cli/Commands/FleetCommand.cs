using System.CommandLine;
using Qinshui.Edge.Simulator.Fleet;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge fleet: binds the options and calls <see cref="FleetRun"/> (docs/fleet.md). Exit 1 when the whole run missed its targets.</summary>
public static class FleetCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("fleet", "load test: N simulated gateways against a broker; delivered share, transport lag, CPU and thread pool over the whole run",
            "负载测试：N 个模拟网关连接代理；整个运行期间的送达比例、传输延迟、CPU 和线程池",
            "qedge fleet --gateways 2000 --mosquitto --duration 60s", "qedge fleet --gateways 200 --embedded --channels 32",
            "qedge fleet --gateways 50 --broker mqtt://127.0.0.1:1883");
        var gateways = t.Value("--gateways", "N", $"simulated gateways (1–{FleetOptions.MaxGateways}, default 100)", $"模拟网关数（1–{FleetOptions.MaxGateways}，默认 100）");
        var broker = t.Value("--broker", "mqtt://127.0.0.1:PORT", "a broker on this machine", "本机上的代理");
        var mosquitto = t.Flag("--mosquitto", "start /usr/sbin/mosquitto on a free loopback port", "在空闲的回环端口上启动 /usr/sbin/mosquitto");
        var embedded = t.Flag("--embedded", "start the embedded MQTTnet broker on a free loopback port", "在空闲的回环端口上启动内置 MQTTnet 代理");
        var duration = t.Value("--duration", "D", "how long (default 60s)", "运行时长（默认 60s）");
        var channels = t.Value("--channels", "N", "channels per gateway (1–64, default 16)", "每个网关的通道数（1–64，默认 16）");
        var scan = t.Value("--scan", "D", "scan period of the simulated gateways (default 100ms)", "模拟网关的扫描周期（默认 100ms）");
        foreach (var o in new Option[] { gateways, broker, mosquitto, embedded, duration, channels, scan }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var o = new FleetOptions
            {
                Gateways = b.Int(gateways, 100, 1, FleetOptions.MaxGateways),
                Channels = b.Int(channels, 16, 1, 64),
                Broker = b.Flag(mosquitto) ? FleetBrokerKind.Mosquitto : b.Flag(embedded) ? FleetBrokerKind.Embedded : FleetBrokerKind.External,
            };
            if (b.Value(duration) is string d)
            {
                if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration (e.g. 60s)", $"选项 --duration：'{d}' 不是时长（如 60s）");
                o.DurationMs = ms;
            }
            if (b.Value(scan) is string s)
            {
                if (!Duration.TryParseMs(s, out long scanMs) || scanMs <= 0) throw new UsageException($"option --scan: '{s}' is not a duration (e.g. 100ms)", $"选项 --scan：'{s}' 不是时长（如 100ms）");
                o.ScanMs = (int)Math.Min(scanMs, 10_000);
            }
            if (o.Broker == FleetBrokerKind.External)
            {
                string url = b.Value(broker) ?? throw new UsageException("fleet needs --mosquitto, --embedded or --broker mqtt://127.0.0.1:port", "fleet 需要 --mosquitto、--embedded 或 --broker mqtt://127.0.0.1:端口");
                var uri = new Uri(url);
                (o.Host, o.Port) = (uri.Host, uri.Port > 0 ? uri.Port : 1883);
            }
            try { o.Validate(); } catch (ArgumentException e) { throw new UsageException(e.Message); }
            using var cancel = new ConsoleCancel();
            return FleetRun.RunAsync(o, p.InvocationConfiguration.Output, cancel.Token).GetAwaiter().GetResult().Met ? CommandLine.ExitOk : CommandLine.ExitFailure;
        });
        return c;
    }
}
