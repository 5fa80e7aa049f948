using Qinshui.Edge.Desktop.Platform;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Tests.Fakes;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>qedge config push end to end: embedded MQTTnet broker, a GatewayRuntime on MqttNetLink, the exact command format.</summary>
public sealed class ConfigPushTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-push-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static Task<(int Exit, string Out, string Err)> Qedge(params string[] args) => Task.Run(() =>
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = CommandLine.Run(args, o, e);
        return (exit, o.ToString(), e.ToString());
    });

    [Fact]
    public async Task Push_GatewayVerifiesAndAcceptsTheConfig_AndRepliesWithItsHash()
    {
        await using var gw = await LiveGateway.StartAsync(Repo.Path("hardware", "examples", "confined-space.json"));
        var root = JsonNode.Parse(File.ReadAllText(Repo.Path("hardware", "examples", "confined-space.json")))!.AsObject();
        root["mqtt"]!["dataBatchIntervalMs"] = 4000;
        string file = Path.Combine(_dir, "next.json");
        File.WriteAllText(file, root.ToJsonString());
        string keyFile = Path.Combine(_dir, "gw.key");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(LiveGateway.Key));

        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", "gw-cs-tank-4", "--key", "@" + keyFile, "--counter", "10", "--timeout-s", "20", file),
            TimeSpan.FromSeconds(30));

        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.NotNull(gw.Runtime.PendingConfig);
        string hash = GatewayConfigReader.HashHex(gw.Runtime.PendingConfig!, 0, gw.Runtime.PendingConfig!.Length);
        Assert.Contains("accepted: Configuration " + hash, r.Out);
        Assert.Contains("config hash " + hash, r.Out);
        Assert.Equal(10, gw.Runtime.PendingConfigCounter);
        Assert.Contains("\"dataBatchIntervalMs\":4000", System.Text.Encoding.UTF8.GetString(gw.Runtime.PendingConfig!));

        // The same counter again is a replay: refused with its reason, the accepted config stays.
        var again = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", "gw-cs-tank-4", "--key", "@" + keyFile, "--counter", "10", "--timeout-s", "20", file),
            TimeSpan.FromSeconds(30));
        Assert.Equal(CommandLine.ExitFailure, again.Exit);
        Assert.Contains("refused (replayed)", again.Err);
        Assert.Equal(10, gw.Runtime.PendingConfigCounter);
    }

    [Fact]
    public async Task Push_WithTheWrongKey_GetsNoAcceptance()
    {
        await using var gw = await LiveGateway.StartAsync(Repo.Path("hardware", "examples", "confined-space.json"));
        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", "gw-cs-tank-4", "--key", new string('a', 64), "--timeout-s", "3",
            "--retries", "1", Repo.Path("hardware", "examples", "confined-space.json")), TimeSpan.FromSeconds(20));
        Assert.Equal(CommandLine.ExitFailure, r.Exit);
        Assert.Null(gw.Runtime.PendingConfig);
    }

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Repo.Examples) data.Add(Path.GetFileName(f));
        return data;
    }

    /// <summary>
    /// Every example, pushed in chunks over the embedded broker, is accepted; the envelope the
    /// device then stores (re-signed from body, counter and issue time, as Program.cs does) is chosen
    /// at the next boot, and the rebuilt gateway's birth carries the hash the push printed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Examples))]
    public async Task EveryExample_IsPushedInChunks_Accepted_AndAppliedAtTheNextBoot(string name)
    {
        string file = Repo.Path("hardware", "examples", name);
        await using var gw = await LiveGateway.StartAsync(file);
        string keyFile = Path.Combine(_dir, "gw.key");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(LiveGateway.Key));
        string id = gw.Config.GatewayId;

        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", id, "--key", "@" + keyFile, "--counter", "20", "--timeout-s", "20", file),
            TimeSpan.FromSeconds(60));
        output.WriteLine(r.Out + r.Err);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        byte[] body = gw.Runtime.PendingConfig!;
        Assert.NotNull(body);
        string hash = GatewayConfigReader.HashHex(body, 0, body.Length);
        Assert.Contains("config hash " + hash, r.Out);
        var chunks = Regex.Match(r.Out, @"in (\d+) chunks? of up to (\d+) bytes");
        Assert.True(chunks.Success, r.Out);
        Assert.Equal(int.Parse(chunks.Groups[1].Value), Regex.Matches(r.Out, @"^chunk \d+/\d+ \(", RegexOptions.Multiline).Count + 1);
        Assert.Equal(0, gw.Ports.Staging.Length);

        // The next boot: the firmware stores the re-signed envelope as the candidate and chooses it.
        byte[] stored = SignedEnvelope.Sign("config", body, id, gw.Runtime.PendingConfigCounter, gw.Runtime.PendingConfigIssuedUtcMs, LiveGateway.Key);
        var selection = ConfigSelection.Choose(stored, null, id, LiveGateway.Key, 0, null);
        Assert.Equal(ConfigSource.Candidate, selection.Source);
        Assert.Equal(hash, selection.Config!.Hash);
        Assert.Equal(gw.Config.Channels.Select(c => c.Id), selection.Config.Channels.Select(c => c.Id));
        Assert.Equal(gw.Config.Interlocks.Zones.Select(z => z.Id), selection.Config.Interlocks.Zones.Select(z => z.Id));
        var clock = new FakeClock();
        var link = new FakeMqttLink { IsConnected = true, AutoAck = true };
        var next = new GatewayRuntime(selection.Config!, new ExamplePorts(selection.Config!, clock, link), new GatewayBoot(LiveGateway.Key, 2, "test"));
        clock.Advance(10);
        next.Scan();
        var birth = link.Published.First(p => p.Kind == "birth");
        Assert.Contains("\"cfg\":\"" + hash + "\"", birth.Text);
    }

    /// <summary>The largest example through a real Mosquitto (its packet handling, QoS 1 retransmission rules), not only MQTTnet's broker.</summary>
    [SkippableFact]
    public async Task Push_ThroughMosquitto_IsAcceptedInChunks()
    {
        using var mosquitto = new Mqtt.MosquittoBroker();
        string file = Repo.Path("hardware", "examples", "welding-bay.json");
        await using var gw = await LiveGateway.StartAsync(file, brokerPort: mosquitto.Port);
        string keyFile = Path.Combine(_dir, "gw.key");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(LiveGateway.Key));
        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", "gw-weld-bay-2", "--key", "@" + keyFile, "--timeout-s", "20", file),
            TimeSpan.FromSeconds(60));
        output.WriteLine(r.Out + r.Err);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Matches(@"in [2-9] chunks", r.Out);
        Assert.NotNull(gw.Runtime.PendingConfig);
        Assert.Contains("config hash " + GatewayConfigReader.HashHex(gw.Runtime.PendingConfig!, 0, gw.Runtime.PendingConfig!.Length), r.Out);
    }

    /// <summary>A configuration far beyond one command (128 channels, generated): many chunks, the same verdict path.</summary>
    [Fact]
    public async Task ALargeConfiguration_IsPushedInManyChunks()
    {
        string file = Path.Combine(_dir, "large.json");
        File.WriteAllBytes(file, Qinshui.Edge.Desktop.Platform.ConfigGenerator.Generate(128));
        await using var gw = await LiveGateway.StartAsync(file);
        string keyFile = Path.Combine(_dir, "gw.key");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(LiveGateway.Key));
        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", gw.Config.GatewayId, "--key", "@" + keyFile, "--timeout-s", "20", file),
            TimeSpan.FromSeconds(60));
        output.WriteLine(r.Out + r.Err);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        var m = Regex.Match(r.Out, @"in (\d+) chunks");
        Assert.True(m.Success && int.Parse(m.Groups[1].Value) >= 8, r.Out);
        Assert.Equal(gw.Config.Hash, GatewayConfigReader.HashHex(gw.Runtime.PendingConfig!, 0, gw.Runtime.PendingConfig!.Length));
    }

    [Fact]
    public async Task Push_LargerThanTheGatewayAccepts_IsRefusedAtTheFirstChunk_AndTheConfigStays()
    {
        string file = Repo.Path("hardware", "examples", "welding-bay.json");
        await using var gw = await LiveGateway.StartAsync(file, stagingCapacity: 1000);
        string keyFile = Path.Combine(_dir, "gw.key");
        File.WriteAllText(keyFile, Convert.ToHexStringLower(LiveGateway.Key));
        var r = gw.Drive(Qedge("config", "push", "--broker", gw.BrokerUrl, "--gateway", "gw-weld-bay-2", "--key", "@" + keyFile, "--timeout-s", "20", file),
            TimeSpan.FromSeconds(30));
        Assert.Equal(CommandLine.ExitFailure, r.Exit);
        Assert.Contains("refused (transfer_too_large)", r.Err);
        Assert.Null(gw.Runtime.PendingConfig);
        Assert.Equal(0, gw.Ports.Staging.Begins);
    }
}
