using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>qedge run's host: starts, scans, answers commands over MQTT, stops on cancellation with outputs dropped and state saved.</summary>
public sealed class RunHostTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private sealed class Collect : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new L(this);
        public void Dispose() { }

        private sealed class L(Collect c) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                c.Lines.Enqueue(logLevel + ": " + formatter(state, exception));
        }
    }

    private string WriteConfig(Action<JsonObject>? edit = null)
    {
        var root = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["site"] = new JsonObject { ["id"] = "lab" },
            ["gateway"] = new JsonObject { ["id"] = "gw-linux" },
            ["mqtt"] = new JsonObject { ["enabled"] = false },
            ["channels"] = new JsonArray(new JsonObject { ["id"] = "ch4-lab", ["profile"] = "MINE_CH4_FACE" }),
        };
        edit?.Invoke(root);
        string file = Path.Combine(_dir, "config.json");
        File.WriteAllText(file, root.ToJsonString());
        return file;
    }

    /// <summary>Runs the host until condition holds for its runtime (bounded), then stops it; returns the exit code.</summary>
    private static int RunUntil(HostOptions options, ILoggerFactory loggers, Func<GatewayRuntime, bool> condition, Action<GatewayRuntime>? whileRunning = null)
    {
        using var stop = new CancellationTokenSource();
        GatewayRuntime? runtime = null;
        var host = Task.Factory.StartNew(() => GatewayHost.Run(options, loggers, stop.Token, r => Volatile.Write(ref runtime, r)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default); // its own thread: the scan loop blocks
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!host.IsCompleted && DateTime.UtcNow < deadline)
        {
            var r = Volatile.Read(ref runtime);
            if (r != null && condition(r))
            {
                whileRunning?.Invoke(r);
                break;
            }
            host.Wait(5); // bounded wait for the host's condition
        }
        stop.Cancel();
        Assert.True(host.Wait(TimeSpan.FromSeconds(30)), "the host did not stop");
        return host.Result;
    }

    [Fact]
    public void Host_StartsScansAndStops_SavingItsState_AndCountsBoots()
    {
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var options = new HostOptions(WriteConfig(), Path.Combine(_dir, "state"));

        Assert.Equal(0, RunUntil(options, loggers, r => r.Health.ScanCount > 20));
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "state", GatewayHost.StateFile))).RootElement;
        Assert.Equal(1, state.GetProperty("BootCounter").GetInt64());
        Assert.Equal(64, state.GetProperty("LastEventHash").GetString()!.Length);
        Assert.True(File.Exists(Path.Combine(_dir, "state", GatewayHost.JournalFile)));
        Assert.True(File.Exists(Path.Combine(_dir, "state", GatewayHost.KeyFile)));
        Assert.Contains(log.Lines, l => l.Contains("every output de-energised"));

        Assert.Equal(0, RunUntil(options, loggers, r => r.Health.ScanCount > 5));
        state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "state", GatewayHost.StateFile))).RootElement;
        Assert.Equal(2, state.GetProperty("BootCounter").GetInt64());
    }

    [Fact]
    public void Host_WithADamagedStateFile_StartsFromThePreviousCopy_RecordsAnEvent_AndRaisesTheCounterFloor()
    {
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var options = new HostOptions(WriteConfig(), Path.Combine(_dir, "state"));
        Assert.Equal(0, RunUntil(options, loggers, r => r.Health.ScanCount > 5));
        string stateFile = Path.Combine(_dir, "state", GatewayHost.StateFile);
        File.WriteAllBytes(stateFile, [.. File.ReadAllBytes(stateFile).Take(20), 0xC3, 0x28]); // torn, invalid UTF-8

        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(0, RunUntil(options, loggers, r => r.Health.ScanCount > 5));
        var state = JsonDocument.Parse(File.ReadAllText(stateFile)).RootElement;
        Assert.True(state.GetProperty("LastCommandCounter").GetInt64() >= before);
        Assert.Contains(log.Lines, l => l.StartsWith("Error") && l.Contains("damaged") && l.Contains("previous good copy"));
        using var store = new FileRecordStore(Path.Combine(_dir, "state", GatewayHost.JournalFile), 64, 16384);
        var journal = new Qinshui.Edge.Core.Journal.Journal(store);
        journal.Mount();
        var buffer = new byte[journal.MaxPayloadLength];
        var kinds = new List<string>();
        while (journal.TryReadNext(true, buffer, 0, out var e))
            kinds.Add(JsonDocument.Parse(buffer.AsMemory(0, e.PayloadLength)).RootElement.GetProperty("kind").GetString()!);
        Assert.Contains("host_state_restored", kinds);
    }

    [SkippableFact]
    public void Host_WithRelaysButNoGpiochip_RefusesToStart_SayingWhy()
    {
        Skip.If(File.Exists("/dev/gpiochip0"), "this machine has a gpiochip");
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        string config = WriteConfig(root =>
        {
            root["pins"] = new JsonObject { ["lab-power"] = 17 };
            root["interlocks"] = new JsonObject
            {
                ["outputs"] = new JsonArray(new JsonObject { ["id"] = "lab-power" }),
                ["zones"] = new JsonArray(new JsonObject { ["id"] = "lab", ["outputs"] = new JsonArray("lab-power"), ["channels"] = new JsonArray(new JsonObject { ["channel"] = "ch4-lab" }) }),
            };
        });
        int exit = GatewayHost.Run(new HostOptions(config, Path.Combine(_dir, "state")), loggers, CancellationToken.None);
        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains("output 'lab-power'") && l.Contains("/dev/gpiochip0"));
    }

    [Fact]
    public async Task Host_OnTheEmbeddedBroker_AnswersAnAuthenticatedCommand()
    {
        await using var broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        string config = WriteConfig(root => root["mqtt"] = new JsonObject { ["broker"] = "mqtt://127.0.0.1:1883" });
        var options = new HostOptions(config, Path.Combine(_dir, "state"), key, $"mqtt://127.0.0.1:{broker.Port}");
        await using var platform = await PlatformClient.ConnectAsync($"mqtt://127.0.0.1:{broker.Port}", "lab", "gw-linux", null, null, TimeSpan.FromSeconds(10));
        JsonElement? reply = null;

        int exit = RunUntil(options, loggers, r => r.Session != null && r.Session.BirthsPublished > 0, _ =>
        {
            byte[] cmd = CommandEnvelope.Build("gw-linux", "c-1", 7, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000, "rebirth", null, key);
            reply = platform.SendAsync("c-1", cmd, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        });

        Assert.Equal(0, exit);
        Assert.True(reply.HasValue, string.Join("\n", log.Lines));
        Assert.True(reply!.Value.GetProperty("ok").GetBoolean());
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "state", GatewayHost.StateFile))).RootElement;
        Assert.Equal(7, state.GetProperty("LastCommandCounter").GetInt64()); // no replay after a restart
    }

    /// <summary>Starts the host on its own thread; the runtime it runs now is read from the returned box.</summary>
    private static (Task<int> host, Func<GatewayRuntime?> current) Start(HostOptions options, ILoggerFactory loggers, CancellationToken stop)
    {
        GatewayRuntime? runtime = null;
        var host = Task.Factory.StartNew(() => GatewayHost.Run(options, loggers, stop, r => Volatile.Write(ref runtime, r)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return (host, () => Volatile.Read(ref runtime));
    }

    private static void WaitFor(Task<int> host, Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.False(host.IsCompleted, $"the host stopped while waiting for {what}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            host.Wait(10); // bounded wait for the host's condition
        }
    }

    [Fact]
    public async Task Host_AppliesAConfigurationPushedOverMqtt_ByRestartingOnIt_AndKeepsItUntilTheFileChanges()
    {
        await using var broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        int port = broker.Port;
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        JsonObject Mqtt() => new() { ["enabled"] = true, ["broker"] = $"mqtt://127.0.0.1:{port}" };
        string fileA = WriteConfig(root => root["mqtt"] = Mqtt());
        string dirB = Directory.CreateDirectory(Path.Combine(_dir, "b")).FullName;
        string fileB = Path.Combine(dirB, "config.json");
        var b = JsonNode.Parse(File.ReadAllText(fileA))!.AsObject();
        b["channels"]!.AsArray().Add(new JsonObject { ["id"] = "co-lab", ["profile"] = "MINE_CO" });
        File.WriteAllText(fileB, b.ToJsonString());
        var options = new HostOptions(fileA, Path.Combine(_dir, "state"), key);

        using (var stop = new CancellationTokenSource())
        {
            var (host, current) = Start(options, loggers, stop.Token);
            WaitFor(host, () => current() is { Session.BirthsPublished: > 0 } r && r.Alarms.ChannelCount == 1, "the first configuration online");
            var first = current();
            var o = new StringWriter();
            var e = new StringWriter();
            int pushed = Qinshui.Edge.Cli.CommandLine.Run(["config", "push", "--broker", $"mqtt://127.0.0.1:{port}", "--gateway", "gw-linux",
                "--key", Convert.ToHexStringLower(key), "--counter", "5000", "--timeout-s", "20", fileB], o, e);
            Assert.True(pushed == 0, o + "\n" + e + "\n" + string.Join("\n", log.Lines));
            WaitFor(host, () => current() is { } r && !ReferenceEquals(r, first) && r.Alarms.ChannelCount == 2, "the restart on the pushed configuration");
            Assert.Equal(["ch4-lab", "co-lab"], Enumerable.Range(0, 2).Select(current()!.Alarms.ChannelId));
            stop.Cancel();
            Assert.True(await Task.WhenAny(host, Task.Delay(TimeSpan.FromSeconds(30))) == host, "the host did not stop");
            Assert.Equal(0, await host);
        }
        var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "state", GatewayHost.StateFile))).RootElement;
        Assert.Equal(5000, state.GetProperty("PushedConfigCounter").GetInt64());
        Assert.Equal(2, state.GetProperty("BootCounter").GetInt64()); // the restart is a boot, as on the device
        Assert.True(File.Exists(Path.Combine(_dir, "state", GatewayHost.PushedFile)));
        Assert.False(File.Exists(Path.Combine(_dir, "state", GatewayHost.CandidateFile)));
        Assert.Contains(log.Lines, l => l.Contains("every output de-energised") && l.Contains("restart"));

        // Started again with the same --config file: the push stays in force.
        int exit = RunUntil(options, loggers, r => r.Alarms.ChannelCount == 2);
        Assert.Equal(0, exit);
        // The technician edits the file: the file wins over the older push.
        File.WriteAllText(fileA, File.ReadAllText(fileA).Replace("ch4-lab", "ch4-lab-2"));
        exit = RunUntil(options, loggers, r => r.Alarms.ChannelCount == 1 && r.Alarms.ChannelId(0) == "ch4-lab-2");
        Assert.Equal(0, exit);
        Assert.Contains(log.Lines, l => l.Contains("changed since a configuration was pushed"));
    }

    [Fact]
    public void Host_RefusesAPushedConfigurationItCannotRun_AndRunsThePreviousOneAgain()
    {
        var log = new Collect();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        string file = WriteConfig();
        string stateDir = Path.Combine(_dir, "state");
        Directory.CreateDirectory(stateDir);
        // A candidate left by an accepted push that names a relay this host has no gpiochip for.
        var bad = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        bad["pins"] = new JsonObject { ["relay1"] = 17 };
        bad["interlocks"] = new JsonObject
        {
            ["outputs"] = new JsonArray(new JsonObject { ["id"] = "relay1" }),
            ["zones"] = new JsonArray(new JsonObject { ["id"] = "z", ["channels"] = new JsonArray(new JsonObject { ["channel"] = "ch4-lab" }), ["outputs"] = new JsonArray("relay1") }),
        };
        File.WriteAllText(Path.Combine(stateDir, GatewayHost.CandidateFile), bad.ToJsonString());
        var options = new HostOptions(file, stateDir, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), GpioChip: 99);

        int exit = RunUntil(options, loggers, r => r.Alarms.ChannelCount == 1 && r.Zones.ZoneCount == 0);

        Assert.Equal(0, exit);
        Assert.False(File.Exists(Path.Combine(stateDir, GatewayHost.CandidateFile)));
        Assert.False(File.Exists(Path.Combine(stateDir, GatewayHost.PushedFile)));
        Assert.Contains(log.Lines, l => l.Contains("cannot run on this host"));
    }
}
