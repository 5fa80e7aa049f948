using System.CommandLine;
using System.CommandLine.Invocation;

namespace Qinshui.Edge.Cli;

/// <summary>
/// --help / -h for every command: the description, usage, arguments, options (the command's own
/// and those its parents pass down, such as --lang), subcommands and examples, all in the tree's
/// language.
/// </summary>
public sealed class HelpPage(Texts t) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
        return CommandLine.ExitOk;
    }

    public void Write(Command command, TextWriter w)
    {
        string path = CommandLine.PathOf(command);
        w.WriteLine($"{path} — {command.Description}");
        w.WriteLine();
        w.WriteLine(t.T("Usage:", "用法："));
        string args = string.Concat(command.Arguments.Select(a => $" <{a.Name}>..."));
        w.WriteLine($"  {path}{args} [{t.T("options", "选项")}]{(command.Subcommands.Count > 0 ? $" <{t.T("command", "子命令")}>" : "")}");
        if (command.Arguments.Count > 0)
        {
            Section(w, t.T("Arguments:", "参数："), command.Arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")));
        }
        Section(w, t.T("Options:", "选项："), OptionsOf(command).Select(o => (Label(o), o.Description ?? "")));
        if (command.Subcommands.Count > 0)
        {
            Section(w, t.T("Commands:", "子命令："), command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")));
        }
        var examples = t.Examples(command);
        if (examples.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(t.T("Examples:", "示例："));
            foreach (var e in examples) w.WriteLine($"  {e}");
        }
    }

    /// <summary>The command's options, then the recursive ones of its parents (the root's --lang, --help).</summary>
    public static IEnumerable<Option> OptionsOf(Command command)
    {
        var seen = new HashSet<Option>();
        for (Command? c = command; c != null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var o in c.Options)
            {
                if (o.Hidden || (c != command && !o.Recursive)) continue;
                if (seen.Add(o)) yield return o;
            }
        }
    }

    private static string Label(Option o)
    {
        var names = o.Aliases.Where(a => a.StartsWith('-') && a != "-?").OrderBy(a => a.Length).Append(o.Name).Distinct();
        string value = o.Arity.MaximumNumberOfValues == 0 ? "" : $" <{o.HelpName ?? "VALUE"}>";
        return string.Join(", ", names) + value;
    }

    private static void Section(TextWriter w, string title, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        int width = list.Max(r => r.Left.Length) + 2;
        w.WriteLine();
        w.WriteLine(title);
        foreach (var (left, right) in list) w.WriteLine($"  {left.PadRight(width)}{right}");
    }
}
