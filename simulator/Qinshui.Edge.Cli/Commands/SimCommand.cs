using System.Globalization;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge sim: the demo site with the live dashboard and a report; qedge sim run FILE…: scenarios
/// with expectations, exit 1 when any fails (CI), 3 when one could not be evaluated. Binds the
/// options and calls <see cref="SimRunner"/>.
/// </summary>
public sealed class SimCommand : ICommand
{
    public const int ExitNotEvaluable = (int)ToolOutcome.NotEvaluable;

    public string Name => "sim";
    public string Usage => "sim [run FILE...] [--fast] [--duration 30s] [--speed N] [--result out.json] [--report PATH] [--broker URL] [--headless] [--allow-not-evaluable] [--lang zh|en]";
    public string Summary => "run the demo site (no arguments) or scenario files against the gateway on a virtual plant";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--fast", "--headless", "--strict", "--allow-not-evaluable"],
            ["--duration", "--speed", "--result", "--report", "--broker", "--lang"]);
        string lang = Language.Resolve(args.Value("--lang"));
        bool headless = args.Flag("--headless") || Console.IsOutputRedirected || stdout != Console.Out;
        long? duration = null;
        if (args.Value("--duration") is string d)
        {
            if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration (e.g. 30s, 5min)");
            duration = ms;
        }
        double speed = 1;
        if (args.Value("--speed") is string sp && (!double.TryParse(sp, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || speed <= 0 || speed > 10000))
            throw new UsageException($"option --speed: '{sp}' is not a factor from 0 to 10000");
        string? broker = args.Value("--broker");
        if (broker != null && !(broker.StartsWith("mqtt://", StringComparison.Ordinal) || broker.StartsWith("mqtts://", StringComparison.Ordinal)))
            throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        var files = new List<string>();
        if (args.Positional.Count > 0)
        {
            if (args.Positional[0] != "run") throw new UsageException($"unknown sub-command '{args.Positional[0]}' (run)");
            files.AddRange(args.Positional.Skip(1));
            if (files.Count == 0) throw new UsageException("sim run needs at least one scenario file");
        }
        // --strict is kept for old scripts: refusing not-evaluable expectations is now the default.
        var options = new SimOptions(files, args.Flag("--fast"), headless, duration, speed, args.Value("--result"), args.Value("--report"), broker,
            args.Flag("--allow-not-evaluable"), lang);
        using var cancel = new ConsoleCancel();
        return (int)SimRunner.Run(options, stdout, stderr, cancel.Token);
    }
}
