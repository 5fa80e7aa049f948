using System.CommandLine;

namespace Qinshui.Edge.Cli;

/// <summary>
/// The language the command tree is built in (help, descriptions, usage errors), the option
/// factories every command uses, and each command's examples for its help page.
/// </summary>
public sealed class Texts(string lang)
{
    private readonly Dictionary<Command, string[]> _examples = new();

    public string Lang { get; } = lang;

    /// <summary>--lang zh|en, accepted by every command (help and usage errors follow it too).</summary>
    public Option<string> LangOption { get; } = new("--lang")
    {
        HelpName = "zh|en",
        Recursive = true,
        Description = lang == "zh" ? "输出语言：zh 或 en（默认取系统区域设置 LANG/LC_ALL）" : "output language: zh or en (default: the system locale, LANG/LC_ALL)",
    };
    public bool Zh => Lang == "zh";

    /// <summary>The text in the tree's language.</summary>
    public string T(string english, string chinese) => Zh ? chinese : english;

    /// <summary>An option that takes one value, shown in help as NAME &lt;VALUE&gt;.</summary>
    public Option<string> Value(string name, string valueName, string english, string chinese) =>
        new(name) { HelpName = valueName, Description = T(english, chinese) };

    /// <summary>An option that may be given several times, one value each (--name a --name b).</summary>
    public Option<string[]> Values(string name, string valueName, string english, string chinese) =>
        new(name) { HelpName = valueName, Description = T(english, chinese), AllowMultipleArgumentsPerToken = false };

    /// <summary>A flag: present or not, never followed by a value (--json=true is a usage error, as a typo must not pass).</summary>
    public Option<bool> Flag(string name, string english, string chinese) =>
        new(name) { Arity = ArgumentArity.Zero, Description = T(english, chinese) };

    /// <summary>Positional words (files); the command checks how many it needs, with its own message.</summary>
    public Argument<string[]> Words(string name, string english, string chinese) =>
        new(name) { Arity = ArgumentArity.ZeroOrMore, Description = T(english, chinese) };

    /// <summary>A command with its description and at least one example for its help page.</summary>
    public Command Command(string name, string english, string chinese, params string[] examples)
    {
        var c = new Command(name, T(english, chinese));
        _examples[c] = examples;
        return c;
    }

    public void SetExamples(Command command, params string[] examples) => _examples[command] = examples;

    public IReadOnlyList<string> Examples(Command command) => _examples.TryGetValue(command, out var e) ? e : [];
}
