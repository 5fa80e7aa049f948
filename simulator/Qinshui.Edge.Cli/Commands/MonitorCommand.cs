using System.CommandLine;
using Qinshui.Edge.Simulator.Monitor;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge monitor: binds the options and calls <see cref="MonitorSession"/>, which prints what arrives
/// decoded with the gateways' birth and meta pages (raw JSON with --raw) and flags gaps, duplicates
/// and malformed payloads. Exit 1 when anything was flagged (with --duration), for CI.
/// </summary>
public static class MonitorCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("monitor", "watch what gateways publish, decoded (channels, values, limits, zones, reset needed); gaps, duplicates and bad payloads flagged",
            "查看网关发布的消息并解码（通道、数值、限值、区域、待复位）；标出序号缺口、重复以及不符合格式的负载",
            "qedge monitor --broker mqtt://127.0.0.1:1883", "qedge monitor --broker mqtt://127.0.0.1:1883 --topic 'qinshui/v1/mine-3/#' --duration 30s --quiet",
            "qedge monitor --broker mqtt://127.0.0.1:1883 --raw",
            "qedge monitor --broker mqtts://broker.mine-3.local:8883 --ca wall/ca.pem --cert wall/operator.pem --cert-key wall/operator.key");
        var broker = t.Value("--broker", "mqtt://HOST:PORT", "the broker to watch", "要查看的代理");
        var topic = t.Value("--topic", "FILTER", "topic filter (default qinshui/v1/#)", "主题过滤器（默认 qinshui/v1/#）");
        var duration = t.Value("--duration", "D", "stop after this long and exit 1 if anything was flagged", "运行这么长时间后停止；有问题时退出码 1");
        var quiet = t.Flag("--quiet", "print only the problems", "只显示问题");
        var raw = t.Flag("--raw", "print each payload as it arrived instead of decoding it", "按原样打印负载，不解码");
        var ca = t.Value("--ca", "PEM", "the site CA, to check an mqtts:// broker", "现场 CA，用于验证 mqtts:// 代理");
        var cert = t.Value("--cert", "PEM", "viewer or operator certificate for mutual TLS (qedge provision operator)", "双向 TLS 的查看者或操作员证书（qedge provision operator）");
        var certKey = t.Value("--cert-key", "PEM", "private key of --cert", "--cert 的私钥");
        foreach (var o in new Option[] { broker, topic, duration, quiet, raw, ca, cert, certKey }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string url = b.Value(broker) ?? throw new UsageException("monitor needs --broker mqtt://host:port", "monitor 需要 --broker mqtt://主机:端口");
            if (!url.StartsWith("mqtt://", StringComparison.Ordinal) && !url.StartsWith("mqtts://", StringComparison.Ordinal))
                throw new UsageException($"option --broker: '{url}' is not mqtt://host:port or mqtts://host:port", $"选项 --broker：'{url}' 不是 mqtt://host:port 或 mqtts://host:port");
            if (b.Value(ca) == null && b.Value(cert) != null) throw new UsageException("--cert needs --ca (the site CA that checks the broker)", "--cert 需要 --ca（用于验证代理的现场 CA）");
            long? durationMs = null;
            if (b.Value(duration) is string d)
            {
                if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration", $"选项 --duration：'{d}' 不是时长");
                durationMs = ms;
            }
            var options = new MonitorOptions
            {
                Broker = new Uri(url), TopicFilter = b.Value(topic) ?? "qinshui/v1/#", DurationMs = durationMs,
                Quiet = b.Flag(quiet), Raw = b.Flag(raw), Language = t.Lang,
                Tls = b.Value(ca) is { } caFile ? Qinshui.Edge.Desktop.Mqtt.BrokerCredentials.Load(caFile, b.Value(cert), b.Value(certKey)) : null,
            };
            using var cancel = new ConsoleCancel();
            return MonitorSession.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, cancel.Token);
        });
        return c;
    }
}
