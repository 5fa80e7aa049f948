using Qinshui.Edge.Cli.Commands;

namespace Qinshui.Edge.Cli;

/// <summary>The qedge command dispatcher. Each command is a class; this table is the list of them.</summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    private static readonly ICommand[] s_commands =
    {
        new ProfilesCommand(),
        new ConfigCommand(),
        new SimCommand(),
        new ModbusCommand(),
        new BenchCommand(),
        new ProvisionCommand(),
        new CommissionCommand(),
        new RunCommand(),
        new MonitorCommand(),
        new FleetCommand(),
        new BridgeCommand(),
        new WebCommand(),
    };

    public static IReadOnlyList<ICommand> Commands => s_commands;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }
        if (args[0] == "--version")
        {
            stdout.WriteLine(typeof(CommandLine).Assembly.GetName().Version);
            return ExitOk;
        }
        foreach (var command in s_commands)
        {
            if (command.Name == args[0])
            {
                try
                {
                    return command.Run(args.Skip(1).ToArray(), stdout, stderr);
                }
                catch (UsageException e)
                {
                    stderr.WriteLine($"qedge {command.Name}: {e.Message}");
                    stderr.WriteLine($"usage: qedge {command.Usage}");
                    return ExitUsage;
                }
            }
        }
        stderr.WriteLine($"qedge: unknown command '{args[0]}'");
        PrintHelp(stderr);
        return ExitUsage;
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("qedge — Qinshui.Edge gateway simulator and technician's tool");
        w.WriteLine();
        w.WriteLine("commands:");
        foreach (var c in s_commands)
        {
            w.WriteLine($"  {c.Usage}");
            w.WriteLine($"      {c.Summary}");
        }
    }
}
