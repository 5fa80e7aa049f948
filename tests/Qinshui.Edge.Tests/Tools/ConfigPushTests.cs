using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Simulator.Cli;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>qedge config push end to end: embedded MQTTnet broker, a GatewayRuntime on MqttNetLink, the exact command format.</summary>
public sealed class ConfigPushTests : IDisposable
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
            Repo.Path("hardware", "examples", "confined-space.json")), TimeSpan.FromSeconds(20));
        Assert.Equal(CommandLine.ExitFailure, r.Exit);
        Assert.Null(gw.Runtime.PendingConfig);
    }

    [Fact]
    public async Task Push_RefusesLocally_WhatTheGatewayCouldNotReceive()
    {
        // The welding bay with its inlined profiles exceeds the gateway's 4 KB command buffer.
        var r = await Qedge("config", "push", "--broker", "mqtt://127.0.0.1:1", "--gateway", "gw-weld-bay-2", "--key", new string('a', 64),
            Repo.Path("hardware", "examples", "welding-bay.json"));
        Assert.Equal(CommandLine.ExitFailure, r.Exit);
        Assert.Contains("config.json", r.Err);
    }
}
