using System.Text.RegularExpressions;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Memory;
using Qinshui.Edge.Tests.Tools;
using Qinshui.Edge.Tests.Gates;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Memory;

/// <summary>
/// The static footprint of the real GatewayRuntime (every buffer and state object its
/// constructor allocates), measured by walking the built object graph with nanoFramework's
/// heap costs, for the examples of docs/memory.md and the firmware's journal geometry.
/// The figures are held here so docs/memory.md cannot drift from the code: when a part
/// shrinks (or grows), these tests fail and the document is updated with the new figures.
/// </summary>
public class GatewayFootprintTests(ITestOutputHelper output)
{
    /// <summary>
    /// docs/memory.md, "Measured": the figure of each part (namespace) of the real runtime, one
    /// line per part so work on one part changes one line. Each is held within 2 % (or 128 B).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> Documented32Channel = new Dictionary<string, int>
    {
        ["interlocks"] = 4_932,
        ["mqtt"] = 11_052,
        ["alarms"] = 9_672,
        ["modbus"] = 4_764,
        ["journal"] = 4_116,
        ["config"] = 168,
        ["events"] = 836,
        ["validation"] = 24,
        ["gateway"] = 1_472,
        ["welding"] = 560,
        ["clock"] = 72,
    };

    public static readonly IReadOnlyDictionary<string, int> Documented4Channel = new Dictionary<string, int>
    {
        ["mqtt"] = 8_840,
        ["alarms"] = 2_332,
        ["interlocks"] = 1_488,
        ["journal"] = 4_116,
        ["modbus"] = 2_608,
        ["events"] = 836,
        ["config"] = 168,
        ["gateway"] = 1_072,
        ["validation"] = 24,
        ["welding"] = 524,
        ["clock"] = 72,
    };

    public static int Documented32ChannelBytes => Documented32Channel.Values.Sum();
    public static int Documented4ChannelBytes => Documented4Channel.Values.Sum();

    private static void AssertParts(IReadOnlyDictionary<string, int> documented, NanoHeapWalker walk)
    {
        var failures = new List<string>();
        foreach (var part in documented.Keys.Union(walk.Parts.Keys))
        {
            int expected = documented.TryGetValue(part, out var e) ? e : 0;
            int measured = walk.Parts.TryGetValue(part, out var m) ? m : 0;
            int tolerance = Math.Max(128, expected * 2 / 100);
            if (Math.Abs(measured - expected) > tolerance) failures.Add($"{part}: measured {measured} B, documented {expected} B");
        }
        Assert.True(failures.Count == 0, "update docs/memory.md and this table: " + string.Join("; ", failures));
    }

    /// <summary>The firmware's journal geometry, read from Program.cs so the measurement follows the device.</summary>
    private static (int segments, int bytes) FirmwareJournal()
    {
        string program = File.ReadAllText(Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Firmware", "Program.cs"));
        int segments = int.Parse(Regex.Match(program, @"JournalSegments = (\d+);").Groups[1].Value);
        int bytes = int.Parse(Regex.Match(program, @"JournalSegmentBytes = (\d+);").Groups[1].Value);
        return (segments, bytes);
    }

    private (GatewayRuntime runtime, NanoHeapWalker walk, MemoryBudget budget) Measure(string json, string title)
    {
        var (segments, bytes) = FirmwareJournal();
        var runtime = ExampleGateways.Build(ExampleGateways.Read(json), segments, bytes);
        var walk = new NanoHeapWalker(ExampleGateways.IsHostObject);
        walk.Walk(runtime);
        var budget = new MemoryBudget();
        foreach (var p in walk.Parts.OrderByDescending(p => p.Value)) budget.Add(p.Key, "measured", p.Value);
        output.WriteLine($"{title} (journal {segments} × {bytes} B)");
        foreach (var p in walk.Parts.OrderByDescending(p => p.Value)) output.WriteLine($"  {p.Key,-12} {p.Value,7} B");
        output.WriteLine("  largest items:");
        foreach (var t in walk.Types.OrderByDescending(p => p.Value).Take(8)) output.WriteLine($"    {t.Key.part,-12} {t.Key.type,-22} {t.Value,7} B");
        output.WriteLine($"  total {budget.TotalBytes} B (WROOM budget {MemoryBudget.DefaultLimitBytes} B)");
        return (runtime, walk, budget);
    }

    [Fact]
    public void Example32ChannelGateway_MeasuredFootprint_IsTheDocumentedFigurePerPart()
    {
        var (_, walk, _) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        AssertParts(Documented32Channel, walk);
        foreach (var part in new[] { "alarms", "interlocks", "modbus", "mqtt", "journal", "events" }) Assert.True(walk.Parts.ContainsKey(part), part);
    }

    /// <summary>#8: the core's static footprint stays under 40 KB for a 32-channel gateway (a WROOM without PSRAM).</summary>
    [Fact]
    public void Example32ChannelGateway_FitsTheWroomBudget()
    {
        var (runtime, _, budget) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        Assert.True(runtime.IsOperational, runtime.Failure);
        Assert.Equal(32, runtime.Alarms.ChannelCount);
        Assert.True(budget.Fits(MemoryBudget.DefaultLimitBytes), $"{budget.TotalBytes} B > {MemoryBudget.DefaultLimitBytes} B");
    }

    public static TheoryData<string> HardwareExamples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.Examples) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>Each example of hardware/examples, as the device receives it (profiles inlined), fits the WROOM budget.</summary>
    [Theory]
    [MemberData(nameof(HardwareExamples))]
    public void HardwareExample_FitsTheWroomBudget(string name)
    {
        var loaded = Qinshui.Edge.Desktop.Config.ConfigFiles.Load(Repo.Path("hardware", "examples", name));
        Assert.True(loaded.Config != null);
        var (runtime, _, budget) = Measure(System.Text.Encoding.UTF8.GetString(loaded.Bytes), name);
        Assert.True(runtime.IsOperational, runtime.Failure);
        Assert.True(budget.Fits(MemoryBudget.DefaultLimitBytes), $"{name}: {budget.TotalBytes} B > {MemoryBudget.DefaultLimitBytes} B");
    }

    [Fact]
    public void SmallGateway_MeasuredFootprint_IsTheDocumentedFigurePerPart()
    {
        var (_, walk, _) = Measure(ExampleGateways.SmallJson(), "one 4-channel transmitter, 1 zone");
        AssertParts(Documented4Channel, walk);
    }

    [Fact]
    public void EventsAlarmsAndMqtt_ShareOnePayloadBuffer_SizedForACommandOrAJournalRecord()
    {
        var (segments, bytes) = FirmwareJournal();
        var runtime = ExampleGateways.Build(ExampleGateways.Read(ExampleGateways.SmallJson()), segments, bytes);
        Assert.Same(runtime.Session!.PayloadBuffer, runtime.Events.LastBuffer);
        Assert.Equal(Qinshui.Edge.Core.Mqtt.MqttSession.PayloadBytes(runtime.Journal.MaxPayloadLength), runtime.Events.LastBuffer.Length);
        Assert.True(runtime.Events.LastBuffer.Length < Qinshui.Edge.Core.Events.EventRecorder.DefaultBufferSize);
    }

    [Fact]
    public void AlarmFootprint_AgreesWithTheMeasuredAlarmPart()
    {
        var config = ExampleGateways.Read(ExampleGateways.MineHeadingJson());
        var estimate = new MemoryBudget();
        estimate.Add(new AlarmFootprint(config.Channels, GatewayRuntime.TransitionCapacityFor(config.Channels)));
        var (_, walk, _) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        int measured = walk.Parts["alarms"];
        output.WriteLine($"AlarmFootprint {estimate.TotalBytes} B, measured alarms part {measured} B");
        Assert.InRange(estimate.TotalBytes, measured * 85 / 100, measured * 115 / 100);
    }
}
