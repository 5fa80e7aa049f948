using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Qinshui.Edge.Host.Linux;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>`qedge run` as a systemd service: the unit file fits what the host does, and the host speaks sd_notify.</summary>
public sealed class SystemdServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-sd-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static string Unit()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "hardware", "systemd", "qedge.service"))) root = Path.GetDirectoryName(root)!;
        return File.ReadAllText(Path.Combine(root, "hardware", "systemd", "qedge.service"));
    }

    [Fact]
    public void TheUnitFile_IsTypeNotifyWithAWatchdog_AndRunsOptionsQedgeRunAccepts()
    {
        var lines = Unit().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains("Type=notify", lines);
        Assert.Contains(lines, l => l.StartsWith("WatchdogSec="));
        Assert.Contains("KillSignal=SIGTERM", lines); // the host drops its outputs on SIGTERM (RunCommand)
        string exec = lines.Single(l => l.StartsWith("ExecStart="))["ExecStart=".Length..];
        var words = exec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("run", words[1]);
        var run = Qinshui.Edge.Cli.CommandLine.Build("en").Subcommands.Single(c => c.Name == "run");
        foreach (var option in words.Where(w => w.StartsWith("--"))) Assert.Contains(run.Options, o => o.Name == option);
    }

    [Fact]
    public async Task TheHost_SendsReadyAndWatchdog_ToTheNotifySocket_AndStoppingAfterItDroppedItsOutputs()
    {
        string socketPath = Path.Combine(_dir, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, new JsonObject
        {
            ["schemaVersion"] = 1, ["site"] = new JsonObject { ["id"] = "lab" }, ["gateway"] = new JsonObject { ["id"] = "gw-sd" },
            ["mqtt"] = new JsonObject { ["enabled"] = false },
            ["channels"] = new JsonArray(new JsonObject { ["id"] = "ch4", ["profile"] = "MINE_CH4_FACE" }),
        }.ToJsonString());
        var messages = new List<string>();
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", socketPath);
        Environment.SetEnvironmentVariable("WATCHDOG_USEC", "20000"); // pet every 10 ms
        try
        {
            using var stop = new CancellationTokenSource();
            var host = Task.Factory.StartNew(() => GatewayHost.Run(new HostOptions(config, Path.Combine(_dir, "state")), NullLoggerFactory.Instance, stop.Token),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var buffer = new byte[512];
            socket.ReceiveTimeout = 20_000; // bounded wait for the host's datagrams
            while (!messages.Any(m => m.Contains("WATCHDOG=1")))
                messages.Add(Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
            stop.Cancel();
            Assert.True(await Task.WhenAny(host, Task.Delay(TimeSpan.FromSeconds(30))) == host, "the host did not stop");
            Assert.Equal(0, await host);
            while (!messages.Any(m => m.Contains("STOPPING=1")))
                messages.Add(Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
            Environment.SetEnvironmentVariable("WATCHDOG_USEC", null);
        }
        Assert.StartsWith("READY=1", messages[0]);
        Assert.Contains("gw-sd", messages[0]);
    }
}
