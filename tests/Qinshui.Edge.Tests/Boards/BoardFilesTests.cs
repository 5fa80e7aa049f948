using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Boards;

/// <summary>Every board shipped in hardware/boards/ loads and passes the ESP32 pin rules.</summary>
public class BoardFilesTests
{
    private static string[] Files() =>
        Directory.GetFiles(Path.Combine(NanoGate.RepoRoot, "hardware", "boards"), "*.json").Select(f => Path.GetFileName(f)).OrderBy(f => f).ToArray();

    public static TheoryData<string> BoardFiles() => new(Files());

    private static (bool ok, BoardPinMap? board, ValidationErrors errors) Load(string file)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(NanoGate.RepoRoot, "hardware", "boards", file));
        var errors = new ValidationErrors();
        bool ok = BoardLoader.TryLoad(bytes, 0, bytes.Length, "$", errors, out BoardPinMap board);
        return (ok, board, errors);
    }

    [Fact]
    public void AtLeastAWifiAndAnEthernetBoardAreShipped()
    {
        var boards = Files().Select(f => Load(f).board!).ToList();
        Assert.Contains(boards, b => b.UsesWifi && b.Module == Esp32Module.Wrover);
        Assert.Contains(boards, b => b.HasEthernet);
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void BoardFile_PassesPinRules(string file)
    {
        var (ok, board, errors) = Load(file);
        var problems = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Where(e => !e.IsWarning).Select(e => e.ToString());
        Assert.True(ok, file + ": " + string.Join("; ", problems));
        Assert.NotNull(board);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), board!.Id);
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void BoardFile_HasRs485PinsAndAPermissiveRelay(string file)
    {
        var board = Load(file).board!;
        Assert.Equal(PinFunction.UartTx, board.Find("rs485_tx")!.Function);
        Assert.Equal(PinFunction.UartRx, board.Find("rs485_rx")!.Function);
        Assert.Equal(PinFunction.UartRts, board.Find("rs485_de")!.Function);
        Assert.True(board.Count(PinFunction.PermissiveOutput) >= 1);
    }

    [Theory]
    [MemberData(nameof(BoardFiles))]
    public void BoardFile_HasAMarkdownWithAnSvgWiringDiagram(string file)
    {
        string dir = Path.Combine(NanoGate.RepoRoot, "hardware", "boards");
        string stem = Path.GetFileNameWithoutExtension(file);
        string md = Path.Combine(dir, stem + ".md");
        Assert.True(File.Exists(md), md + " is missing");
        string svg = Path.Combine(dir, stem + ".svg");
        Assert.True(File.Exists(svg), svg + " is missing");
        Assert.Contains(stem + ".svg", File.ReadAllText(md));
        var doc = System.Xml.Linq.XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
    }

    [Fact]
    public void DevKitWatchdogFeedOnGpio2_IsWarnedAsStrappingPin()
    {
        var (_, _, errors) = Load("esp32-wrover-devkitc-rs485-relay.json");
        var warning = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Single(e => e.Code == "strapping_pin" && e.Path.EndsWith("]" + ".gpio") && e.English.StartsWith("GPIO2 "));
        Assert.True(warning.IsWarning);
        Assert.Contains("GPIO2", warning.English);
    }
}
