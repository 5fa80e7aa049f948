using System.Text.RegularExpressions;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Memory;
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
    /// <summary>docs/memory.md, "The 32-channel example": total and the two items that must shrink for a WROOM.</summary>
    public const int Documented32ChannelBytes = 131_828;
    public const int Documented4ChannelBytes = 62_644;

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
    public void Example32ChannelGateway_MeasuredFootprint_IsTheDocumentedFigure_AndNeedsPsram()
    {
        var (_, walk, budget) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        Assert.InRange(budget.TotalBytes, Documented32ChannelBytes * 98 / 100, Documented32ChannelBytes * 102 / 100);
        // docs/memory.md: a 32-channel gateway does not fit the 40 KB WROOM budget; it needs a WROVER (PSRAM).
        Assert.False(budget.Fits(MemoryBudget.DefaultLimitBytes));
        foreach (var part in new[] { "alarms", "interlocks", "modbus", "mqtt", "journal", "events" }) Assert.True(walk.Parts.ContainsKey(part), part);
    }

    [Fact]
    public void WhatMustShrink_ForAWroom_AreTheZoneCauseStructsAndTheMqttBuffers()
    {
        var (_, walk, _) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        // ZoneState.Live is a Cause[] of structs: nanoFramework boxes every element (NanoHeapCosts.StructArray).
        int causes = walk.Types[("interlocks", "Cause")];
        Assert.True(causes > 20_000, $"Cause structs {causes} B");
        // MqttSession: 16 KB live buffer + 4 KB command buffer + send buffer; TelemetryRecorder batch and message buffers.
        int mqttBuffers = walk.Types[("mqtt", "Byte[]")];
        Assert.True(mqttBuffers > 20_000, $"MQTT buffers {mqttBuffers} B");
        Assert.Equal(causes + mqttBuffers, walk.Types.OrderByDescending(t => t.Value).Take(2).Sum(t => t.Value));
    }

    [Fact]
    public void SmallGateway_FitsAWroom_OnlyOnceTheMqttBuffersShrink()
    {
        var (_, walk, budget) = Measure(ExampleGateways.SmallJson(), "one 4-channel transmitter, 1 zone");
        Assert.InRange(budget.TotalBytes, Documented4ChannelBytes * 98 / 100, Documented4ChannelBytes * 102 / 100);
        Assert.False(budget.Fits(MemoryBudget.DefaultLimitBytes));
        Assert.True(budget.TotalBytes - walk.Types[("mqtt", "Byte[]")] < MemoryBudget.DefaultLimitBytes);
    }

    [Fact]
    public void EventBuffer_IsCappedToOneJournalRecord()
    {
        var (segments, bytes) = FirmwareJournal();
        var runtime = ExampleGateways.Build(ExampleGateways.Read(ExampleGateways.SmallJson()), segments, bytes);
        Assert.Equal(runtime.Journal.MaxPayloadLength, runtime.Events.LastBuffer.Length);
        Assert.True(runtime.Events.LastBuffer.Length < Qinshui.Edge.Core.Events.EventRecorder.DefaultBufferSize);
    }

    [Fact]
    public void AlarmFootprint_AgreesWithTheMeasuredAlarmPart()
    {
        var config = ExampleGateways.Read(ExampleGateways.MineHeadingJson());
        var estimate = new MemoryBudget();
        estimate.Add(new AlarmFootprint(config.Channels, GatewayRuntime.TransitionCapacity));
        var (_, walk, _) = Measure(ExampleGateways.MineHeadingJson(), "mine heading, 32 channels, 4 zones");
        int measured = walk.Parts["alarms"];
        output.WriteLine($"AlarmFootprint {estimate.TotalBytes} B, measured alarms part {measured} B");
        Assert.InRange(estimate.TotalBytes, measured * 85 / 100, measured * 115 / 100);
    }
}
