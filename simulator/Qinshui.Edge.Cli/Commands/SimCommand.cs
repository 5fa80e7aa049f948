using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Dashboard;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Report;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge sim: the demo site with the live dashboard and a report; qedge sim run FILE…: scenarios
/// with expectations, exit 1 when any fails (CI). Virtual time; real time unless --fast.
/// </summary>
public sealed class SimCommand : ICommand
{
    public const int ExitNotEvaluable = 3;

    /// <summary>The gateway that runs inside the simulator: the core's GatewayRuntime on the plant's ports.</summary>
    public static ISimulatedGatewayFactory GatewayFactory { get; set; } = new RealGatewayFactory();

    public string Name => "sim";
    public string Usage => "sim [run FILE...] [--fast] [--duration 30s] [--speed N] [--result out.json] [--report PATH] [--broker URL] [--headless] [--allow-not-evaluable] [--lang zh|en]";
    public string Summary => "run the demo site (no arguments) or scenario files against the gateway on a virtual plant";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--fast", "--headless", "--strict", "--allow-not-evaluable"],
            ["--duration", "--speed", "--result", "--report", "--broker", "--lang"]);
        string lang = Language.Resolve(args.Value("--lang"));
        bool fast = args.Flag("--fast");
        bool headless = args.Flag("--headless") || Console.IsOutputRedirected || stdout != Console.Out;
        long? duration = null;
        if (args.Value("--duration") is string d)
        {
            if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration (e.g. 30s, 5min)");
            duration = ms;
        }
        double speed = 1;
        if (args.Value("--speed") is string sp && (!double.TryParse(sp, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out speed) || speed <= 0 || speed > 10000))
            throw new UsageException($"option --speed: '{sp}' is not a factor from 0 to 10000");
        string? broker = args.Value("--broker");
        if (broker != null && !(broker.StartsWith("mqtt://", StringComparison.Ordinal) || broker.StartsWith("mqtts://", StringComparison.Ordinal)))
            throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");

        var files = new List<string>();
        bool demo = args.Positional.Count == 0;
        if (!demo)
        {
            if (args.Positional[0] != "run") throw new UsageException($"unknown sub-command '{args.Positional[0]}' (run)");
            files.AddRange(args.Positional.Skip(1));
            if (files.Count == 0) throw new UsageException("sim run needs at least one scenario file");
        }

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
        if (loadFailed) return CommandLine.ExitFailure;

        // MQTT: the demo in real time runs the embedded MQTTnet broker on a free loopback port (or
        // --broker); scenario runs and --fast use the in-memory broker in virtual time (deterministic).
        EmbeddedBroker? embedded = null;
        var factory = GatewayFactory;
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
            factory = new RealGatewayFactory { PlatformFactory = (ctx, cfg) => new BrokerPlatform(host, port, cfg.SiteId, cfg.GatewayId, () => ctx.Clock.MonotonicMs) };
        }
        try
        {
            if (brokerNote != null) stdout.WriteLine(brokerNote);
            return RunAll(scenarios, factory, broker, duration, headless, demo, fast, speed, lang, args, stdout, stderr);
        }
        finally
        {
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

    private static int RunAll(List<Scenario> scenarios, ISimulatedGatewayFactory factory, string? broker, long? duration, bool headless, bool demo, bool fast,
        double speed, string lang, Arguments args, TextWriter stdout, TextWriter stderr)
    {
        string? reportPath = args.Value("--report");
        if (demo && reportPath == null) reportPath = Path.Combine(Directory.GetCurrentDirectory(), "qedge-reports");
        var results = new List<RunResult>();
        foreach (var scenario in scenarios)
        {
            ScenarioRun run;
            try
            {
                run = new ScenarioRun(scenario, factory, broker, duration);
            }
            catch (ScenarioLoadException e)
            {
                foreach (var err in e.Errors) stderr.WriteLine(err);
                return CommandLine.ExitFailure;
            }
            IRunView view = headless ? new HeadlessLog(stdout, lang, verbose: demo || !fast) : new LiveDashboard(lang);
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                view.Start(run);
                var pacer = fast ? null : new RealTimePacer(run.Clock, speed);
                var result = view.Run(run, pacer, cancel.Token);
                results.Add(result);
                view.End(result);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
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
        if (args.Value("--result") is string resultPath)
        {
            using var fs = File.Create(resultPath);
            ResultWriter.Write(results, fs);
            stdout.WriteLine(lang == "zh" ? $"结果: {Path.GetFullPath(resultPath)}" : $"result: {Path.GetFullPath(resultPath)}");
        }
        if (results.Any(r => r.Failed > 0)) return CommandLine.ExitFailure;
        // An expectation that could not be evaluated is no pass: the run fails loudly (exit 3) unless
        // the caller says it knows (--allow-not-evaluable). --strict is kept: it is now the default.
        // A run cut short with --duration leaves what it could not reach not evaluable by the caller's choice.
        if (results.Any(r => r.NotEvaluable > 0) && !args.Flag("--allow-not-evaluable") && args.Value("--duration") == null)
        {
            stderr.WriteLine(RunSummary.NotEvaluableRefused(lang));
            return ExitNotEvaluable;
        }
        return CommandLine.ExitOk;
    }

    public static Scenario LoadDemo()
    {
        using var s = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("demo-site.json")
            ?? throw new InvalidOperationException("demo-site.json is not embedded");
        using var reader = new StreamReader(s);
        return ScenarioLoader.Parse(reader.ReadToEnd(), "demo-site.json");
    }
}
