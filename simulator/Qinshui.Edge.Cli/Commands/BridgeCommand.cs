using System.CommandLine;
using Qinshui.Edge.Desktop.Platform.Mtt1201;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge bridge mtt1201: binds the options and calls <see cref="Mtt1201Run"/> (MT/T 1201.1 files from what gateways publish).</summary>
public static class BridgeCommand
{
    public static Command Build(Texts t)
    {
        var bridge = t.Command("bridge", "export what gateways publish to a platform format", "把网关发布的数据导出为平台格式",
            "qedge bridge mtt1201 --broker mqtt://127.0.0.1:1883 --mine-code 140521000001 --out /srv/mtt1201");
        var c = t.Command("mtt1201", "write MT/T 1201.1 files (CDDY point definitions, CDSS real-time, YCBJ anomalies) from what gateways publish",
            "按 MT/T 1201.1 写出文件（CDDY 测点定义、CDSS 实时数据、YCBJ 异常）",
            "qedge bridge mtt1201 --broker mqtt://127.0.0.1:1883 --mine-code 140521000001 --out /srv/mtt1201",
            "qedge bridge mtt1201 --broker mqtt://127.0.0.1:1883 --mine-code 140521000001 --mine-name 沁水一矿 --out out --period 30s --points points.json");
        var broker = t.Value("--broker", "mqtt://HOST:PORT", "the broker the gateways publish to", "网关发布数据的代理");
        var mineCode = t.Value("--mine-code", "CODE", "the 12-digit mine code", "12 位煤矿编码");
        var mineName = t.Value("--mine-name", "NAME", "the mine's name for the file header", "文件头中的煤矿名称");
        var outDir = t.Value("--out", "DIR", "folder the collector picks the files up from", "采集程序取文件的文件夹");
        var period = t.Value("--period", "D", "real-time (CDSS) file period (default 10s)", "实时数据（CDSS）文件周期（默认 10s）");
        var points = t.Value("--points", "FILE", "point catalogue: sensor types, locations", "测点目录：传感器类型、位置");
        var topic = t.Value("--topic", "FILTER", "topic filter (default qinshui/v1/#)", "主题过滤器（默认 qinshui/v1/#）");
        var duration = t.Value("--duration", "D", "stop after this long (default: until Ctrl-C)", "运行这么长时间后停止（默认：直到 Ctrl-C）");
        foreach (var o in new Option[] { broker, mineCode, mineName, outDir, period, points, topic, duration }) c.Add(o);
        bridge.Add(c);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            string url = b.Required(broker);
            if (!url.StartsWith("mqtt://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new UsageException($"option --broker: '{url}' is not mqtt://host:port", $"选项 --broker：'{url}' 不是 mqtt://host:port");
            long periodMs = DurationOption(b, period) ?? 10_000;
            long? durationMs = DurationOption(b, duration);
            var options = new Mtt1201RunOptions(uri, b.Value(topic) ?? "qinshui/v1/#", durationMs, b.Required(mineCode), b.Value(mineName) ?? "",
                b.Required(outDir), periodMs, b.Value(points), Duration.Format(periodMs));
            using var cancel = new ConsoleCancel();
            return (int)Mtt1201Run.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, cancel.Token);
        });
        return bridge;
    }

    private static long? DurationOption(Bind b, Option<string> option)
    {
        if (b.Value(option) is not string text) return null;
        if (!Duration.TryParseMs(text, out long ms) || ms <= 0) throw new UsageException($"option {option.Name}: '{text}' is not a duration", $"选项 {option.Name}：'{text}' 不是时长");
        return ms;
    }
}
