using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Simulator.Mqtt;
using Qinshui.Edge.Simulator.Tools;
using Qinshui.Edge.Simulator.Tools.Host;
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
}
