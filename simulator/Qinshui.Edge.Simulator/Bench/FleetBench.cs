using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Serial;
using Qinshui.Edge.Simulator.Platform;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>
/// What `qedge fleet` asks for: Gateways simulated gateways of Channels channels for DurationMs,
/// against the loopback broker at Host:Port, or (StartMosquitto) a Mosquitto it starts itself.
/// </summary>
public sealed record FleetBenchOptions(int Gateways, int Channels, long DurationMs, string Host, int Port, bool StartMosquitto);

/// <summary>
/// N simulated gateways (the core runtime each, 16 channels sampled at 1 Hz, data batched every
/// second) publishing to a real broker in real time, and one platform client subscribed to their
/// data. Prints whether the fleet kept up, the CPU share of the simulator (and of the broker when
/// it starts /usr/sbin/mosquitto on a free 127.0.0.1 port) and the end-to-end latency of readings
/// (sample time → arrival at the platform).
/// </summary>
public static class FleetBench
{
    public static ToolOutcome Run(FleetBenchOptions o, TextWriter stdout, CancellationToken cancel = default)
    {
        Process? mosquitto = null;
        string host = o.Host;
        int port = o.Port;
        if (o.StartMosquitto)
        {
            host = "127.0.0.1";
            port = FreePort();
            string conf = Path.Combine(Path.GetTempPath(), $"qedge-fleet-{Environment.ProcessId}.conf");
            // No logging: a log nobody reads would fill the pipe and stall the broker (one line per connection).
            File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 10000\nlog_dest none\n");
            mosquitto = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", $"-c {conf}") { UseShellExecute = false })
                        ?? throw new InvalidOperationException("cannot start /usr/sbin/mosquitto");
            WaitForPort(host, port);
        }
        try
        {
            return RunFleet(o.Gateways, o.Channels, o.DurationMs, host, port, mosquitto, stdout);
        }
        finally
        {
            if (mosquitto != null && !mosquitto.HasExited)
            {
                mosquitto.Kill();
                mosquitto.WaitForExit(5000);
            }
            mosquitto?.Dispose();
        }
    }

    private static ToolOutcome RunFleet(int n, int channels, long durationMs, string host, int port, Process? broker, TextWriter stdout)
    {
        const string site = "qinshui-fleet";
        var clock = new StopwatchClock();
        var latencies = new List<long>();
        var transport = new List<long>();
        long dataMessages = 0, readings = 0;
        var gate = new object();
        var factory = new MqttClientFactory();
        using var platform = factory.CreateMqttClient();
        // Data batches arrive in the compact encoding (docs/mqtt.md): read as the platform does, through the transcoder.
        var transcoder = new Qinshui.Edge.Desktop.Mqtt.CompactDataTranscoder();
        platform.ApplicationMessageReceivedAsync += e =>
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using var doc = JsonDocument.Parse(transcoder.Normalize(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
            var root = doc.RootElement;
            if (!root.TryGetProperty("r", out var r) || !root.TryGetProperty("ts", out var ts)) return Task.CompletedTask;
            long t0 = ts.GetInt64();
            lock (gate)
            {
                dataMessages++;
                long newest = long.MaxValue;
                foreach (var row in r.EnumerateArray())
                {
                    readings++;
                    long l = now - (t0 + row[1].GetInt64());
                    latencies.Add(l);
                    newest = Math.Min(newest, l);
                }
                if (newest != long.MaxValue) transport.Add(newest);
            }
            return Task.CompletedTask;
        };
        platform.ConnectAsync(factory.CreateClientOptionsBuilder().WithTcpServer(host, port).WithClientId("qedge-fleet-platform").WithCleanSession(true).Build()).GetAwaiter().GetResult();
        platform.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"qinshui/v1/{site}/+/data").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build()).GetAwaiter().GetResult();

        var gateways = new FleetGateway[n];
        for (int i = 0; i < n; i++) gateways[i] = new FleetGateway(i + 1, channels, host, port, clock, site);
        var wait = Stopwatch.StartNew();
        while (gateways.Any(g => !g.Connected) && wait.ElapsedMilliseconds < 30_000) Thread.Sleep(50);
        stdout.WriteLine($"{gateways.Count(g => g.Connected)}/{n} gateways connected to mqtt://{host}:{port} in {wait.ElapsedMilliseconds} ms; {channels} channels each at 1 Hz; running {Duration.Format(durationMs)}");

        var self = Process.GetCurrentProcess();
        TimeSpan selfCpu0 = self.TotalProcessorTime;
        TimeSpan brokerCpu0 = broker != null ? ProcessCpu(broker.Id) : TimeSpan.Zero;
        lock (gate)
        {
            latencies.Clear();
            transport.Clear();
            dataMessages = 0;
            readings = 0;
        }
        var wall = Stopwatch.StartNew();
        long scans = 0, lateScans = 0;
        const int scanMs = 50;
        long next = 0;
        while (wall.ElapsedMilliseconds < durationMs)
        {
            long start = wall.ElapsedMilliseconds;
            foreach (var g in gateways) g.Runtime.Scan();
            scans++;
            next += scanMs;
            long sleep = next - wall.ElapsedMilliseconds;
            if (sleep > 0) Thread.Sleep((int)sleep);
            else
            {
                lateScans++;
                next = wall.ElapsedMilliseconds;
            }
        }
        double seconds = wall.Elapsed.TotalSeconds;
        self.Refresh();
        double selfShare = (self.TotalProcessorTime - selfCpu0).TotalSeconds / seconds / Environment.ProcessorCount * 100;
        double brokerShare = broker != null ? (ProcessCpu(broker.Id) - brokerCpu0).TotalSeconds / seconds / Environment.ProcessorCount * 100 : double.NaN;
        Thread.Sleep(1500); // the last batches in flight
        foreach (var g in gateways) g.DisposeAsync().AsTask().GetAwaiter().GetResult();
        platform.DisconnectAsync().GetAwaiter().GetResult();

        long[] sorted, newestSorted;
        long msgs, rows;
        lock (gate)
        {
            sorted = latencies.OrderBy(x => x).ToArray();
            newestSorted = transport.OrderBy(x => x).ToArray();
            msgs = dataMessages;
            rows = readings;
        }
        double expected = n * channels * seconds;
        stdout.WriteLine($"gateways × channels: {n} × {channels} at 1 Hz = {n * channels} readings/s offered");
        stdout.WriteLine($"received: {rows} readings in {msgs} data messages over {seconds:0.0} s = {rows / seconds:0} readings/s ({rows / expected * 100:0.0} % of offered)");
        stdout.WriteLine($"scan loop: {scans} scans of all gateways every {scanMs} ms, {lateScans} late ({(double)lateScans / Math.Max(1, scans) * 100:0.0} %)");
        stdout.WriteLine($"CPU ({Environment.ProcessorCount} cores = 100 %): simulator {selfShare:0.0} %" + (broker != null ? $", mosquitto {brokerShare:0.0} %" : ""));
        if (sorted.Length > 0)
        {
            stdout.WriteLine($"end-to-end latency, every reading, sample → platform (includes the 1–2 s data batching): p50 {P(sorted, 50)} ms, p90 {P(sorted, 90)} ms, p99 {P(sorted, 99)} ms, max {sorted[^1]} ms");
            stdout.WriteLine($"newest reading of each message (batch closed → journal → MQTT → platform): p50 {P(newestSorted, 50)} ms, p90 {P(newestSorted, 90)} ms, p99 {P(newestSorted, 99)} ms, max {newestSorted[^1]} ms");
        }
        bool kept = rows >= expected * 0.95 && lateScans <= scans / 20;
        stdout.WriteLine(kept ? "sustained in real time: yes" : "sustained in real time: NO");
        return kept ? ToolOutcome.Ok : ToolOutcome.Failed;
    }

    private static long P(long[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    /// <summary>CPU time of a process from /proc (utime + stime, clock ticks of 1/100 s on Linux).</summary>
    private static TimeSpan ProcessCpu(int pid)
    {
        try
        {
            return Process.GetProcessById(pid).TotalProcessorTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    private static int FreePort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void WaitForPort(string host, int port)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 10_000)
        {
            try
            {
                using var c = new System.Net.Sockets.TcpClient();
                c.Connect(host, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"mosquitto did not listen on {host}:{port}");
    }
}
