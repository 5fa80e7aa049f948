using Qinshui.Edge.Desktop.Serial;
using System.Diagnostics;
using System.IO.Ports;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>qedge run's host polling a Modbus slave over a real serial line: a socat pty pair, the slave on the other end.</summary>
public sealed class RunHostPtyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-run-pty-").FullName;
    private Process? _socat;

    public void Dispose()
    {
        if (_socat is { HasExited: false })
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }
        _socat?.Dispose();
        Directory.Delete(_dir, true);
    }

    [SkippableFact]
    public void Host_PollsAModbusGasTransmitter_OnAPty()
    {
        string socat = Peers.Socat;
        string a = Path.Combine(_dir, "ttyGW"), b = Path.Combine(_dir, "ttySLAVE");
        _socat = Process.Start(new ProcessStartInfo(socat, ["-d", "-d", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}"]) { RedirectStandardError = true })!;
        var sw = Stopwatch.StartNew();
        while (!(File.Exists(a) && File.Exists(b)) && sw.Elapsed < TimeSpan.FromSeconds(10)) _socat.WaitForExit(10); // bounded wait for the links
        Assert.True(File.Exists(a) && File.Exists(b), "socat did not create the pty pair");

        var gas = new ModbusSlaveDevice(1);
        gas.HoldingRegisters[0] = 35; // 0.35 %vol CH4
        using var slaveLine = new SerialPortLine(b, 9600, Parity.Even);
        using var slave = new ModbusSlaveHost(slaveLine, gas);

        var root = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["site"] = new JsonObject { ["id"] = "lab" },
            ["gateway"] = new JsonObject { ["id"] = "gw-pty" },
            ["mqtt"] = new JsonObject { ["enabled"] = false },
            ["deviceProfiles"] = JsonNode.Parse("""[{"id":"ch4","source":"test map","points":[{"id":"concentration","function":3,"address":0,"type":"s16","scale":0.01,"unit":"%vol"}]}]"""),
            ["buses"] = JsonNode.Parse($$"""[{"id":"rs485-1","port":"{{a}}","baud":9600,"devices":[{"name":"gas-1","unit":1,"profile":"ch4","pollIntervalMs":200}]}]"""),
            ["channels"] = JsonNode.Parse("""[{"id":"ch4-lab","profile":"MINE_CH4_FACE","source":{"bus":"rs485-1","device":"gas-1","point":"concentration"}}]"""),
        };
        string config = Path.Combine(_dir, "config.json");
        File.WriteAllText(config, root.ToJsonString());

        using var stop = new CancellationTokenSource();
        Core.Gateway.GatewayRuntime? runtime = null;
        var host = Task.Factory.StartNew(() => GatewayHost.Run(new HostOptions(config, Path.Combine(_dir, "state")), NullLoggerFactory.Instance, stop.Token, r => Volatile.Write(ref runtime, r)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default); // its own thread: the scan loop blocks
        var deadline = Stopwatch.StartNew();
        bool good = false;
        while (!host.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            var r = Volatile.Read(ref runtime);
            if (r != null && r.Alarms.HasReading(0) && r.Alarms.EffectiveQuality(0) == Quality.Good && Math.Abs(r.Alarms.LastValue(0) - 0.35) < 1e-9)
            {
                good = true;
                break;
            }
            host.Wait(10); // bounded wait for the first good reading
        }
        stop.Cancel();
        Assert.True(host.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(good, "no good reading over the pty");
        Assert.Equal(0, host.Result);
        Assert.True(gas.RequestsHandled > 0);
    }
}
