using System.Text.Json;
using Qinshui.Edge.Simulator.Plant.Modbus;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>The core gateway inside the simulator: real RTU frames on the virtual bus, power cuts, broker outages.</summary>
public sealed class RealGatewayTests
{
    private static ScenarioRun Start(string file) =>
        new(ScenarioLoader.LoadFile(Path.Combine(ScenarioFileTests.ScenarioDirectory, file)), new RealGatewayFactory());

    [Fact]
    public void ModbusTransmitterAndWelder_AnswerTheCoreMaster_WithRealFramesInByteTime()
    {
        var run = Start("weld-card-permit.json");
        var bus = run.Plant.Buses.Single();
        for (int i = 0; i < 200; i++) run.Step(); // 20 s
        // 9600 baud, 11 bits: an 8-byte request and a 9-byte answer take 17 characters ≈ 19.5 ms on the wire.
        Assert.True(bus.CharactersCarried > 17 * 20, $"carried {bus.CharactersCarried}");
        Assert.Equal(0, bus.Collisions);
        var gas = run.View.Channel("ex-bay-1")!;
        Assert.True(gas.HasReading);
        Assert.InRange(gas.Value, 0, 10); // read over Modbus as float32 from the simulated transmitter
        var rt = ((RealGateway)run.Gateway).Runtime!;
        Assert.True(rt.Poller(0).DeviceCount == 2);
    }

    [Fact]
    public void PowerCut_RebuildsTheRuntime_WithBootCounterPlusOne_AndTheEventChainContinuesAcrossBoots()
    {
        var run = Start("mine-power-cut.json");
        var result = run.RunToEnd();
        Assert.Equal(0, result.Failed);
        var g = (RealGateway)run.Gateway;
        Assert.Equal(2, g.BootCounter);
        var events = g.Platform.Inbox.Messages.Where(m => m.Kind == "event")
            .Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.TryGetProperty("hash", out _)).ToList();
        var boot1 = events.Where(e => e.GetProperty("chain_boot").GetInt64() == 1).ToList();
        var boot2 = events.Where(e => e.GetProperty("chain_boot").GetInt64() == 2).ToList();
        Assert.NotEmpty(boot1);
        Assert.NotEmpty(boot2);
        // The first event of boot 2 links to the last event of boot 1 (kept in NVS across the cut).
        Assert.Equal(boot1[^1].GetProperty("hash").GetString(), boot2[0].GetProperty("prev").GetString());
        Assert.True(g.TryCheck("event_chain_intact", out bool intact, out string detail) && intact, detail);
    }

    [Fact]
    public void BrokerOutage_JournalReplaysFlaggedHistorical_WithoutGapsOrDuplicates()
    {
        var run = Start("mqtt-broker-outage.json");
        var result = run.RunToEnd();
        Assert.Equal(0, result.Failed);
        var g = (RealGateway)run.Gateway;
        var data = g.Platform.Inbox.Messages.Where(m => m.Kind == "data").ToList();
        // Nothing arrives while the broker is down (60–180 s); what was journalled then arrives after, flagged historical.
        Assert.DoesNotContain(data, m => m.AtMs > 60_500 && m.AtMs < 180_000);
        var hist = data.Where(m => m.Text.StartsWith("{\"hist\":true,", StringComparison.Ordinal)).ToList();
        Assert.True(hist.Count >= 50, $"{hist.Count} historical data messages"); // 120 s of outage, batches of up to 2 s
        Assert.All(hist, m => Assert.True(m.AtMs >= 180_000));
        Assert.True(g.TryCheck("no_reading_lost", out bool noGap, out string d1) && noGap, d1);
        Assert.True(g.TryCheck("no_duplicates", out bool noDup, out string d2) && noDup, d2);
    }

    [Fact]
    public void ForgedPermit_IsRefusedOverMqtt_AndTheMachineStaysLocked()
    {
        var run = Start("weld-permit-refusals.json");
        var result = run.RunToEnd();
        Assert.Equal(0, result.Failed);
        var g = (RealGateway)run.Gateway;
        Assert.True(g.TryGetReply("p-forged", out bool ok, out string code));
        Assert.False(ok);
        Assert.Equal("permit_forged", code);
    }

    [Fact]
    public void ShortForm_ExpandsToAFullConfig_TheCoreReaderAccepts()
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(ScenarioFileTests.ScenarioDirectory, "modbus-sensor-stale.json"));
        var run = new ScenarioRun(scenario, new RealGatewayFactory());
        var config = ((RealGateway)run.Gateway).Config;
        Assert.Equal("rs485-1", config.BusPorts[0]);
        Assert.Equal(SensorRegisterMap.ProfileId, config.Buses[0].Devices[0].Profile.Id);
        Assert.Equal("relay-heading-fb", config.Interlocks.Outputs[0].FeedbackInputId);
    }

    [Fact]
    public void EverythingTheGatewayPublishes_PassesTheMonitorsChecks_AcrossAnOutage()
    {
        var run = Start("demo-site.json");
        Assert.Equal(0, run.RunToEnd().Failed);
        var checker = new Qinshui.Edge.Simulator.Platform.StreamChecker();
        var messages = ((RealGateway)run.Gateway).Platform.Inbox.Messages;
        Assert.True(messages.Count > 100);
        foreach (var m in messages) checker.Check(m.Topic, m.Payload, retained: false, m.AtMs);
        checker.ExpireGaps(long.MaxValue / 2);
        Assert.Empty(checker.Problems);
        Assert.Contains("birth", checker.PerKind.Keys);
        Assert.Contains("event", checker.PerKind.Keys);
    }
}
