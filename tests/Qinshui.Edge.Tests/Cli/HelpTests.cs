using System.CommandLine;
using System.Text.RegularExpressions;
using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Tests.Cli;

/// <summary>Every qedge command and subcommand answers --help with a description and examples, in English and in Chinese.</summary>
public sealed partial class HelpTests
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    private static (int Code, string Out, string Err) Qedge(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Every command path below the root ("sim", "sim run", "modbus read", …) with the command in the tree of that language.</summary>
    public static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var x in Walk(sub, [.. path, sub.Name])) yield return x;
        }
    }

    private static Command At(Command root, string[] path) => path.Aggregate(root, (c, name) => c.Subcommands.Single(s => s.Name == name));

    public static TheoryData<string> Languages => new() { "en", "zh" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryCommand_Help_ExitsZero_WithItsDescriptionAndAnExample(string lang)
    {
        var root = CommandLine.Build(lang);
        var paths = Walk(root, []).ToList();
        Assert.True(paths.Count > 25, $"only {paths.Count} commands in the tree");
        foreach (var (path, command) in paths)
        {
            var (code, stdout, stderr) = Qedge([.. path, "--help", "--lang", lang]);
            string where = "qedge " + string.Join(' ', path);
            Assert.True(code == 0, $"{where} --help exited {code}: {stderr}");
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"{where} has no description");
            Assert.Contains(command.Description!, stdout);
            int examples = stdout.IndexOf(lang == "zh" ? "示例：" : "Examples:", StringComparison.Ordinal);
            Assert.True(examples >= 0, $"{where} --help shows no examples:\n{stdout}");
            Assert.Contains("\n  ", stdout[examples..]);
            Assert.Matches(@"\n  (eval .*)?qedge", stdout[examples..]);
        }
    }

    [Fact]
    public void EveryCommand_ChineseHelp_IsChinese_AndCarriesNoEnglishDescription()
    {
        var en = CommandLine.Build("en");
        foreach (var (path, command) in Walk(en, []))
        {
            var (code, stdout, _) = Qedge([.. path, "-h", "--lang", "zh"]);
            string where = "qedge " + string.Join(' ', path);
            Assert.Equal(0, code);
            Assert.Matches(Cjk(), stdout);
            var english = new[] { command.Description! }
                .Concat(command.Options.Select(o => o.Description ?? ""))
                .Concat(command.Arguments.Select(a => a.Description ?? ""))
                .Concat(command.Subcommands.Select(s => s.Description ?? ""))
                .Where(d => d.Length > 0 && !Cjk().IsMatch(d));
            foreach (var d in english) Assert.False(stdout.Contains(d, StringComparison.Ordinal), $"{where}: English text in the zh help: {d}");
            Assert.DoesNotContain("Options:", stdout);
            Assert.DoesNotContain("Usage:", stdout);
        }
    }

    [Fact]
    public void Help_InChinese_WithTheEqualsForm_AndTheOldHelpWord()
    {
        var (code, stdout, _) = Qedge("modbus", "scan", "--help", "--lang=zh");
        Assert.Equal(0, code);
        Assert.Contains("查找线路上应答的从站", stdout);
        var (helpWord, modbusHelp, _) = Qedge("modbus", "help");
        Assert.Equal(0, helpWord);
        Assert.Contains("qedge modbus read", modbusHelp);
    }

    [Theory]
    [InlineData("en", "unknown option --famly")]
    [InlineData("zh", "未知选项 --famly")]
    public void UnknownOption_ExitsTwo_NamingIt_InTheChosenLanguage(string lang, string expected)
    {
        var (code, stdout, stderr) = Qedge("profiles", "--famly", "mine_gas", "--lang", lang);
        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains(expected, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void UnknownOption_AmongFiles_IsRefusedByName_NotTakenForAFile()
    {
        var (code, _, stderr) = Qedge("config", "validate", "a.json", "--jsn", "--lang", "en");
        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains("unknown option --jsn", stderr);
    }

    [Fact]
    public void OptionGivenTwice_OrWithoutItsValue_ExitsTwo_NamingIt()
    {
        var (twice, _, twiceErr) = Qedge("profiles", "--family", "a", "--family", "b");
        Assert.Equal(CommandLine.ExitUsage, twice);
        Assert.Contains("--family", twiceErr);
        var (bare, _, bareErr) = Qedge("profiles", "--lang", "zh", "--family");
        Assert.Equal(CommandLine.ExitUsage, bare);
        Assert.Contains("选项 --family 需要一个值", bareErr);
    }

    [Fact]
    public void MissingRequiredOption_ExitsTwo_NamingIt_InChinese()
    {
        var (code, _, stderr) = Qedge("modbus", "read", "--port", "/dev/null-port", "--baud", "9600", "--address", "0", "--lang", "zh");
        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains("缺少必需的选项 --unit", stderr);
    }

    [Fact]
    public void MissingSubcommand_ExitsTwo_ListingThem()
    {
        var (code, _, stderr) = Qedge("bench", "--lang", "en");
        Assert.Equal(CommandLine.ExitUsage, code);
        Assert.Contains("missing subcommand (mqtt, config, reaction)", stderr);
    }

    [Fact]
    public void NoArguments_PrintsTheCommandList_AndExitsTwo()
    {
        var (code, stdout, _) = Qedge();
        Assert.Equal(CommandLine.ExitUsage, code);
        foreach (var name in new[] { "sim", "config", "modbus", "provision", "commission", "run", "monitor", "fleet", "bridge", "completion" })
            Assert.Matches(@"\n  " + name + " ", stdout);
    }

    [Fact]
    public void TheSuggestDirective_CompletesSubcommandsAndOptions()
    {
        var (code, stdout, _) = Qedge("[suggest:13]", "qedge modbus ");
        Assert.Equal(0, code);
        var words = stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("read", words);
        Assert.Contains("scan", words);
        var (_, options, _) = Qedge("[suggest:22]", "qedge modbus read --pa");
        Assert.Equal(["--parity"], options.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _qedge_complete qedge")]
    [InlineData("zsh", "compctl -K _qedge_zsh_complete qedge")]
    public void TheCompletionScript_AsksQedgeThroughTheSuggestDirective(string shell, string registers)
    {
        var (code, stdout, _) = Qedge("completion", shell);
        Assert.Equal(0, code);
        Assert.Contains("qedge \"[suggest:", stdout);
        Assert.Contains(registers, stdout);
    }
}
