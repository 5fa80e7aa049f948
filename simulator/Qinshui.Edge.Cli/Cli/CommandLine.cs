using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Qinshui.Edge.Cli.Commands;

namespace Qinshui.Edge.Cli;

/// <summary>
/// qedge's command tree (System.CommandLine) and its one entry point. Each command file builds its
/// command: options, help text in en/zh with examples, and an action that binds the options and
/// calls a library. Exit codes: 0 ok, 1 failed, 2 usage error (named, in the chosen language), 3
/// scenario expectations not evaluable.
/// </summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <summary>The whole tree, in the language given (help and usage errors follow it).</summary>
    public static RootCommand Build(string lang) => Build(new Texts(lang));

    private static RootCommand Build(Texts t)
    {
        var root = new RootCommand(t.T("Qinshui.Edge gateway simulator and technician's tool", "沁水边缘网关模拟器与技术员工具"));
        root.Add(t.LangOption);
        foreach (var o in root.Options)
        {
            if (o is HelpOption help)
            {
                help.Description = t.T("show help and usage information", "显示帮助和用法");
                help.Action = new HelpPage(t);
            }
            else if (o is VersionOption version)
            {
                version.Description = t.T("show the version", "显示版本");
                version.Action = new VersionAction();
            }
        }
        t.SetExamples(root, "qedge sim", "qedge sim run scenarios/*.json --fast", "qedge config validate site.json --lang zh", "qedge modbus --help");
        root.Add(SimCommand.Build(t));
        root.Add(ConfigCommand.Build(t));
        root.Add(ProfilesCommand.Build(t));
        root.Add(ModbusCommand.Build(t));
        root.Add(BenchCommand.Build(t));
        root.Add(ProvisionCommand.Build(t));
        root.Add(CommissionCommand.Build(t));
        root.Add(RunCommand.Build(t));
        root.Add(MonitorCommand.Build(t));
        root.Add(FleetCommand.Build(t));
        root.Add(BridgeCommand.Build(t));
        root.Add(WebCommand.Build(t));
        root.Add(CompletionCommand.Build(t));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var t = new Texts(Language.FromArguments(args));
        var root = Build(t);
        if (args.Length == 0)
        {
            new HelpPage(t).Write(root, stdout);
            return ExitUsage;
        }
        var parse = root.Parse(HelpWord(args, root));
        if (parse.Action is ParseErrorAction)
        {
            ReportErrors(parse, t, stderr);
            return ExitUsage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            string path = PathOf(parse.CommandResult.Command);
            stderr.WriteLine($"{path}: {e.In(t.Lang)}");
            stderr.WriteLine(t.T($"see: {path} --help", $"参见：{path} --help"));
            return ExitUsage;
        }
    }

    /// <summary>"qedge modbus read" for the read command (the root is always qedge, whatever the executable is called).</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c != null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "qedge" : c.Name);
        }
        return string.Join(' ', names);
    }

    /// <summary>`qedge help` and `qedge modbus help` (the words the old tool took) ask for the help page.</summary>
    private static string[] HelpWord(string[] args, Command root)
    {
        if (args[^1] != "help") return args;
        Command c = root;
        for (int i = 0; i < args.Length - 1; i++)
        {
            var next = c.Subcommands.FirstOrDefault(s => s.Name == args[i]);
            if (next == null) return args;
            c = next;
        }
        return [.. args[..^1], "--help"];
    }

    private static void ReportErrors(ParseResult parse, Texts t, TextWriter stderr)
    {
        var command = parse.CommandResult.Command;
        string path = PathOf(command);
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            string names = string.Join(", ", command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name));
            stderr.WriteLine(token.StartsWith('-') ? $"{path}: {t.T($"unknown option {token}", $"未知选项 {token}")}"
                : command.Subcommands.Count > 0 ? $"{path}: {t.T($"unknown command '{token}' ({names})", $"未知命令 '{token}'（{names}）")}"
                : $"{path}: {t.T($"unexpected argument '{token}'", $"多余的参数 '{token}'")}");
        }
        else if (parse.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult) is { SymbolResult: OptionResult option } error)
        {
            string name = option.Option.Name;
            stderr.WriteLine(option.Tokens.Count == 0
                ? $"{path}: {t.T($"option {name} needs a value", $"选项 {name} 需要一个值")}"
                : $"{path}: {t.T($"option {name}: {error.Message}", $"选项 {name} 只能给一次")}");
        }
        else if (command.Subcommands.Count > 0 && command.Action == null)
        {
            string names = string.Join(", ", command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name));
            stderr.WriteLine($"{path}: {t.T($"missing subcommand ({names})", $"缺少子命令（{names}）")}");
            stderr.WriteLine();
            new HelpPage(t).Write(command, stderr);
            return;
        }
        else
        {
            foreach (var e in parse.Errors) stderr.WriteLine($"{path}: {e.Message}");
        }
        stderr.WriteLine(t.T($"see: {path} --help", $"参见：{path} --help"));
    }

    /// <summary>--version prints the assembly version alone (scripts and the tool-package test compare it).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(typeof(CommandLine).Assembly.GetName().Version);
            return ExitOk;
        }
    }
}
