using System.Text.Json;
using Json.Schema;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>hardware/examples: valid for the schema, qedge and the device's reader; each boots safe in the gateway runtime.</summary>
public sealed class ExampleConfigTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.Examples) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void TheFourExamplesExist()
    {
        Assert.Equal(["coal-mine-heading.json", "confined-space.json", "dust-plant.json", "welding-bay.json"], Repo.Examples.Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_IsValidForQedge_WithoutWarnings(string name)
    {
        var loaded = ConfigFiles.Load(Repo.Path("hardware", "examples", name));
        Assert.True(loaded.Config != null, string.Join("\n", ConfigFiles.All(loaded.Errors)));
        Assert.Empty(ConfigFiles.All(loaded.Errors));
        Assert.NotEmpty(loaded.Config!.PinIds);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_WhatTheDeviceReceives_IsSelfContained(string name)
    {
        var loaded = ConfigFiles.Load(Repo.Path("hardware", "examples", name));
        var errors = new ValidationErrors();
        // The device has no hardware/devices catalogue: no catalogue here either.
        var config = GatewayConfigReader.Read(loaded.Bytes, 0, loaded.Bytes.Length, errors);
        Assert.True(config != null, string.Join("\n", ConfigFiles.All(errors)));
        Assert.Equal(loaded.Config!.Hash, config!.Hash);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_MatchesTheSchema(string name)
    {
        var schema = Repo.Schema;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Repo.Path("hardware", "examples", name)));
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, SchemaAgreementTests.Describe(result));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_BootsSafe_InTheGatewayRuntime(string name)
    {
        var loaded = ConfigFiles.Load(Repo.Path("hardware", "examples", name));
        var config = loaded.Config!;
        var clock = new FakeClock(startMonotonicMs: 0, startUtcMs: 1_790_000_000_000);
        var ports = new ExamplePorts(config, clock, new FakeMqttLink { IsConnected = true, AutoAck = true });
        var runtime = new GatewayRuntime(config, ports, new GatewayBoot(new byte[32], 1, "test"));
        Assert.True(runtime.IsOperational, runtime.Failure);
        var everEnergised = new HashSet<string>();
        for (long t = 0; t < 5_000; t += 10)
        {
            clock.Advance(10);
            runtime.Scan();
            foreach (var (id, relay) in ports.Relays) if (relay.Energised) everEnergised.Add(id);
        }
        Assert.True(runtime.IsOperational, runtime.Failure);
        Assert.Equal(0, runtime.Health.ScanOverruns);
        Assert.NotEqual(0, runtime.Health.ScanCount);
        // Nobody reset a zone, authorised work or tapped a card: nothing may be powered.
        Assert.Empty(everEnergised);
        Assert.True(ports.Relays.Count >= 1);
        for (int z = 0; z < runtime.Zones.ZoneCount; z++) Assert.False(runtime.Zones.IsPermitted(z), $"zone {runtime.Zones.Config(z).Id} permitted at boot");
    }
}
