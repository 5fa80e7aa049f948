using System.Text;
using System.Text.RegularExpressions;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Config;

/// <summary>
/// The configuration pipeline (Config/ConfigPipeline.cs): one entry point whose stages run in order,
/// and a table in docs/configuration.md of the codes each stage can give, held to the sources here.
/// </summary>
public class ConfigPipelineTests
{
    private const string Valid =
        "{\"schemaVersion\":1,\"site\":{\"id\":\"qinshui-mine-3\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[{\"id\":\"ch4-face\",\"profile\":\"MINE_CH4_FACE\"}]}";

    /// <summary>The stages' source files, relative to firmware/Qinshui.Edge.Core (the rows of the doc table).</summary>
    private static readonly (string Stage, string[] Files)[] Stages =
    [
        ("parse", ["Json/JsonParser.cs"]),
        ("read", ["Config/GatewayConfigReader.cs", "Config/ConfigReader.cs", "Config/ChannelConfigReader.cs", "Config/InterlockConfigReader.cs",
            "Config/WeldingConfigReader.cs", "Config/LinuxHostConfigReader.cs", "Modbus/ModbusJson.cs"]),
        ("validate core", ["Validation/ChannelValidator.cs", "Interlocks/ZoneValidator.cs", "Modbus/ModbusConfigValidator.cs"]),
        ("validate board/host", ["Boards/ConfigPinCheck.cs", "Boards/Esp32PinRules.cs", "Boards/BoardBinding.cs", "Device/ConfigSelection.cs"]),
        ("tighten against standards", ["Validation/ProfileTightening.cs"]),
    ];

    /// <summary>The parse error is raised by the reader's first step; it belongs to the parse stage.</summary>
    private static string StageOf(string stage, string code) => code == "json_invalid" ? "parse" : stage;

    private static readonly Regex ErrorCall = new(@"\.(Error|Warning)\(\s*[^;]*?,\s*""([a-z0-9_]+)""", RegexOptions.Singleline);

    [Fact]
    public void EveryErrorCodeOfAStage_IsListedInItsRow()
    {
        string core = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Core");
        var rows = File.ReadAllLines(Path.Combine(NanoGate.RepoRoot, "docs", "configuration.md"))
            .Where(l => l.StartsWith("| ") && Stages.Any(s => l.StartsWith("| " + s.Stage + " |")))
            .ToDictionary(l => l.Split('|')[1].Trim(), l => Regex.Matches(l.Split('|')[4], "`([a-z0-9_]+)`").Select(m => m.Groups[1].Value).ToHashSet());
        var missing = new List<string>();
        foreach (var (stage, files) in Stages)
        {
            foreach (var file in files)
            {
                string text = File.ReadAllText(Path.Combine(core, file));
                foreach (Match m in ErrorCall.Matches(text))
                {
                    string code = m.Groups[2].Value;
                    if (code.EndsWith('_')) continue; // built at run time ("unknown_" + kind)
                    string row = StageOf(stage, code);
                    if (!rows.TryGetValue(row, out var listed) || !listed.Contains(code)) missing.Add(row + ": " + code + " (" + file + ")");
                }
            }
        }
        Assert.True(rows.Count == Stages.Length, "docs/configuration.md has " + rows.Count + " stage rows of " + Stages.Length);
        Assert.True(missing.Count == 0, "docs/configuration.md, \"Stages and error codes\", does not list:\n" + string.Join("\n", missing.Distinct()));
    }

    [Fact]
    public void Run_RefusesWholeWhenTheHostCheckFindsAnError()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid);
        var errors = new ValidationErrors();
        var config = ConfigPipeline.Run(bytes, 0, bytes.Length, null, null,
            (c, e) => e.Error("site.id", "wrong_site", "not this site", "不是本现场"), errors);
        Assert.Null(config);
        Assert.Equal("wrong_site", errors[0].Code);
    }

    [Fact]
    public void Run_WithoutBoardOrHostCheck_GivesWhatTheReaderGives()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid);
        var errors = new ValidationErrors();
        var config = ConfigPipeline.Run(bytes, 0, bytes.Length, null, null, null, errors);
        Assert.False(errors.HasErrors);
        Assert.Equal(GatewayConfigReader.HashHex(bytes, 0, bytes.Length), config!.Hash);
    }

    [Fact]
    public void Run_StopsAtTheFirstStageThatFails_TheHostCheckSeesOnlyAReadConfiguration()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,");
        var errors = new ValidationErrors();
        bool hostChecked = false;
        var config = ConfigPipeline.Run(bytes, 0, bytes.Length, null, null, (c, e) => hostChecked = true, errors);
        Assert.Null(config);
        Assert.False(hostChecked);
        Assert.Equal("json_invalid", errors[0].Code);
    }
}
