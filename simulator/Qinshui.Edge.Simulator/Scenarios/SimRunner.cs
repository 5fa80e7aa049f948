using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Simulator.Dashboard;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Report;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// What `qedge sim` asks for. No files: the demo site (live dashboard unless Headless, a report in
/// ./qedge-reports). DurationMs null: to the scenario's end. Broker null: the embedded broker for
/// the demo in real time, the in-memory one otherwise. GatewayFactory null: the core's runtime.
/// </summary>
public sealed record SimOptions(IReadOnlyList<string> Files, bool Fast, bool Headless, long? DurationMs, double Speed, string? ResultPath, string? ReportPath,
    string? Broker, bool AllowNotEvaluable, string Lang, ISimulatedGatewayFactory? GatewayFactory = null)
{
    public bool Demo => Files.Count == 0;

    /// <summary>Started on the broker the gateways publish to, before they connect (qedge sim --web: the live web view); disposed at the end.</summary>
    public Func<Uri, IDisposable?>? BrokerWatcher { get; init; }
}

/// <summary>
/// The demo site with the live dashboard and a report, or scenario files with expectations
/// (Failed when any fails; NotEvaluable when one could not be evaluated, unless allowed). Virtual
/// time; real time unless Fast.
/// </summary>
public static class SimRunner
{
    public static ToolOutcome Run(SimOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        string lang = o.Lang;
        bool demo = o.Demo, fast = o.Fast;
        string? broker = o.Broker;
        var files = o.Files;
        var scenarios = new List<Scenario>();
        bool loadFailed = false;
        if (demo) scenarios.Add(LoadDemo());
        foreach (var f in files)
        {
            try
            {
                scenarios.Add(ScenarioLoader.LoadFile(f));
            }
            catch (ScenarioLoadException e)
            {
                foreach (var err in e.Errors) stderr.WriteLine(err);
                loadFailed = true;
            }
        }
        if (loadFailed) return ToolOutcome.Failed;

        // MQTT: the demo in real time runs the embedded MQTTnet broker on a free loopback port (or
        // --broker); scenario runs and --fast use the in-memory broker in virtual time (deterministic).
        EmbeddedBroker? embedded = null;
        IDisposable? watcher = null;
        var factory = o.GatewayFactory ?? new RealGatewayFactory();
        string? brokerNote = null;
        if (factory is RealGatewayFactory real && (broker != null || (demo && !fast)))
        {
            string host;
            int port;
            if (broker != null)
            {
                var uri = new Uri(broker);
                host = uri.Host;
                port = uri.Port > 0 ? uri.Port : 1883;
            }
            else
            {
                host = "127.0.0.1";
                port = FreeLoopbackPort();
                embedded = EmbeddedBroker.StartAsync(port).GetAwaiter().GetResult();
                brokerNote = lang == "zh" ? $"内置 MQTT 代理: mqtt://{host}:{port}（qedge monitor --broker mqtt://{host}:{port}）" : $"embedded MQTT broker: mqtt://{host}:{port} (watch it: qedge monitor --broker mqtt://{host}:{port})";
            }
            watcher = o.BrokerWatcher?.Invoke(new Uri($"mqtt://{host}:{port}"));
            factory = new RealGatewayFactory { PlatformFactory = (ctx, cfg) => new BrokerPlatform(host, port, cfg.SiteId, cfg.GatewayId, () => ctx.Clock.MonotonicMs) };
        }
        try
        {
            if (brokerNote != null) stdout.WriteLine(brokerNote);
            return RunAll(scenarios, factory, o, stdout, stderr, cancel);
        }
        finally
        {
            watcher?.Dispose();
            embedded?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int FreeLoopbackPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static ToolOutcome RunAll(List<Scenario> scenarios, ISimulatedGatewayFactory factory, SimOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        bool demo = o.Demo, fast = o.Fast;
        string lang = o.Lang;
        string? reportPath = o.ReportPath;
        if (demo && reportPath == null) reportPath = Path.Combine(Directory.GetCurrentDirectory(), "qedge-reports");
        var results = new List<RunResult>();
        foreach (var scenario in scenarios)
        {
            ScenarioRun run;
            try
            {
                run = new ScenarioRun(scenario, factory, o.Broker, o.DurationMs);
            }
            catch (ScenarioLoadException e)
            {
                foreach (var err in e.Errors) stderr.WriteLine(err);
                return ToolOutcome.Failed;
            }
            IRunView view = o.Headless ? new HeadlessLog(stdout, lang, verbose: demo || !fast) : new LiveDashboard(lang);
            try
            {
                view.Start(run);
                var pacer = fast ? null : new RealTimePacer(run.Clock, o.Speed);
                var result = view.Run(run, pacer, cancel);
                results.Add(result);
                view.End(result);
            }
            finally
            {
                if (run.Gateway is RealGateway rg) rg.Platform.Dispose();
            }
            if (reportPath != null)
            {
                string target = reportPath.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && scenarios.Count == 1
                    ? reportPath
                    : Path.Combine(reportPath, Path.GetFileNameWithoutExtension(scenario.File) + ".html");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                HtmlReport.Write(results[^1], target, lang);
                stdout.WriteLine(lang == "zh" ? $"报告: {Path.GetFullPath(target)}" : $"report: {Path.GetFullPath(target)}");
            }
        }

        RunSummary.Write(results, stdout, lang);
        if (o.ResultPath is string resultPath)
        {
            using var fs = File.Create(resultPath);
            ResultWriter.Write(results, fs);
            stdout.WriteLine(lang == "zh" ? $"结果: {Path.GetFullPath(resultPath)}" : $"result: {Path.GetFullPath(resultPath)}");
        }
        if (results.Any(r => r.Failed > 0)) return ToolOutcome.Failed;
        // An expectation that could not be evaluated is no pass: the run fails loudly (exit 3) unless
        // the caller says it knows (--allow-not-evaluable). --strict is kept: it is now the default.
        // A run cut short with --duration leaves what it could not reach not evaluable by the caller's choice.
        if (results.Any(r => r.NotEvaluable > 0) && !o.AllowNotEvaluable && o.DurationMs == null)
        {
            stderr.WriteLine(RunSummary.NotEvaluableRefused(lang));
            return ToolOutcome.NotEvaluable;
        }
        return ToolOutcome.Ok;
    }

    public static Scenario LoadDemo()
    {
        using var s = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("demo-site.json")
            ?? throw new InvalidOperationException("demo-site.json is not embedded");
        using var reader = new StreamReader(s);
        return ScenarioLoader.Parse(reader.ReadToEnd(), "demo-site.json");
    }
}
