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
            "qedge monitor --broker mqtt://127.0.0.1:1883 --raw");
        var broker = t.Value("--broker", "mqtt://HOST:PORT", "the broker to watch", "要查看的代理");
        var topic = t.Value("--topic", "FILTER", "topic filter (default qinshui/v1/#)", "主题过滤器（默认 qinshui/v1/#）");
        var duration = t.Value("--duration", "D", "stop after this long and exit 1 if anything was flagged", "运行这么长时间后停止；有问题时退出码 1");
        var quiet = t.Flag("--quiet", "print only the problems", "只显示问题");
        var raw = t.Flag("--raw", "print each payload as it arrived instead of decoding it", "按原样打印负载，不解码");
        foreach (var o in new Option[] { broker, topic, duration, quiet, raw }) c.Add(o);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string url = b.Value(broker) ?? throw new UsageException("monitor needs --broker mqtt://host:port", "monitor 需要 --broker mqtt://主机:端口");
            if (!url.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{url}' is not mqtt://host:port", $"选项 --broker：'{url}' 不是 mqtt://host:port");
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
            };
            using var cancel = new ConsoleCancel();
            return MonitorSession.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, cancel.Token);
        });
        return c;
    }
}
