using System.CommandLine;
using System.Globalization;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge sim: the demo site with the live dashboard and a report; qedge sim run FILE…: scenarios
/// with expectations, exit 1 when any fails (CI), 3 when one could not be evaluated. Binds the
/// options and calls <see cref="SimRunner"/>.
/// </summary>
public static class SimCommand
{
    public const int ExitNotEvaluable = (int)ToolOutcome.NotEvaluable;

    public static Command Build(Texts t)
    {
        var sim = t.Command("sim", "run the demo site (no arguments) or scenario files against the gateway on a virtual plant",
            "在虚拟工厂上运行演示现场（不带参数）或场景文件，检验网关",
            "qedge sim", "qedge sim --lang zh --speed 10", "qedge sim --fast --duration 5min --report out/");
        var fast = t.Flag("--fast", "run in virtual time as fast as possible (no pacing, in-memory broker)", "以虚拟时间全速运行（不按实时节拍，使用内存代理）");
        var headless = t.Flag("--headless", "print a log instead of the live dashboard", "输出日志而不是实时仪表盘");
        var strict = t.Flag("--strict", "kept for old scripts: refusing not-evaluable expectations is the default", "为旧脚本保留：默认即拒绝无法评估的期望");
        strict.Hidden = true;
        var allowNe = t.Flag("--allow-not-evaluable", "accept expectations that could not be evaluated (exit 0 instead of 3)", "接受无法评估的期望（退出码 0 而不是 3）");
        var duration = t.Value("--duration", "D", "stop after this virtual time (e.g. 30s, 5min)", "运行这么长的虚拟时间后停止（如 30s、5min）");
        var speed = t.Value("--speed", "N", "real-time factor (1 = real time, up to 10000)", "实时倍率（1 = 实时，最大 10000）");
        var result = t.Value("--result", "FILE", "write the results as JSON", "把结果写成 JSON 文件");
        var report = t.Value("--report", "PATH", "write the HTML report here (a folder, or a .html file for one scenario)", "HTML 报告的位置（文件夹，或单个场景时的 .html 文件）");
        var broker = t.Value("--broker", "URL", "publish to this MQTT broker (mqtt://host:port or mqtts://)", "发布到此 MQTT 代理（mqtt://host:port 或 mqtts://）");
        var web = t.Flag("--web", "also start the live web view on the broker (real-time demo or --broker)", "同时在代理上启动实时网页视图（实时演示或 --broker）");
        foreach (var o in new Option[] { fast, headless, strict, allowNe, duration, speed, result, report, broker, web })
        {
            o.Recursive = true;
            sim.Add(o);
        }
        var run = t.Command("run", "run scenario files with expectations; exit 1 when any fails, 3 when one is not evaluable",
            "运行带期望的场景文件；有失败时退出码 1，有无法评估时退出码 3",
            "qedge sim run scenarios/mine-ch4-face-trip.json --fast", "qedge sim run scenarios/*.json --fast --result results.json");
        var files = t.Words("FILE", "scenario files", "场景文件");
        run.Add(files);
        sim.Add(run);

        int Action(ParseResult p, IReadOnlyList<string> scenarioFiles, TextWriter stdout, TextWriter stderr)
        {
            var b = new Bind(p);
            string lang = b.Lang(t.LangOption);
            long? durationMs = null;
            if (b.Value(duration) is string d)
            {
                if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration (e.g. 30s, 5min)", $"选项 --duration：'{d}' 不是时长（如 30s、5min）");
                durationMs = ms;
            }
            double factor = 1;
            if (b.Value(speed) is string sp && (!double.TryParse(sp, NumberStyles.Float, CultureInfo.InvariantCulture, out factor) || factor <= 0 || factor > 10000))
                throw new UsageException($"option --speed: '{sp}' is not a factor from 0 to 10000", $"选项 --speed：'{sp}' 不是 0 到 10000 之间的倍率");
            string? url = b.Value(broker);
            if (url != null && !(url.StartsWith("mqtt://", StringComparison.Ordinal) || url.StartsWith("mqtts://", StringComparison.Ordinal)))
                throw new UsageException($"option --broker: '{url}' is not mqtt://host:port", $"选项 --broker：'{url}' 不是 mqtt://host:port");
            bool isHeadless = b.Flag(headless) || Console.IsOutputRedirected || stdout != Console.Out;
            var options = new SimOptions(scenarioFiles, b.Flag(fast), isHeadless, durationMs, factor, b.Value(result), b.Value(report), url, b.Flag(allowNe), lang)
            {
                BrokerWatcher = b.Flag(web) ? uri => Qinshui.Edge.Web.WebView.Start(new Qinshui.Edge.Web.WebOptions { Broker = uri, Language = lang }, stdout, stderr) : null,
            };
            using var cancel = new ConsoleCancel();
            return (int)SimRunner.Run(options, stdout, stderr, cancel.Token);
        }

        sim.SetAction(p => Action(p, [], p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        run.SetAction(p =>
        {
            var list = new Bind(p).Words(files);
            if (list.Count == 0) throw new UsageException("sim run needs at least one scenario file", "sim run 至少需要一个场景文件");
            return Action(p, list, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return sim;
    }
}
