using System.Diagnostics;
using Qinshui.Edge.Desktop.Serial;
using Qinshui.Edge.Simulator.Platform;

namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>
/// qedge fleet: N simulated gateways (the core runtime each, 16 channels sampled at 1 Hz, data
/// batched every second, a real MQTTnet link each) publishing to a broker in real time, and one
/// platform client subscribed to their data. The verdict counts every reading sampled in the whole
/// measured window (<see cref="FleetTally"/>), and the thread-pool probe says whether the tool
/// itself stalled.
/// </summary>
public static class FleetRun
{
    public const string Site = "qinshui-fleet";

    /// <summary>Runs the fleet, prints the figures and returns whether it met the targets.</summary>
    public static async Task<FleetReport> RunAsync(FleetOptions options, TextWriter output, CancellationToken cancel)
    {
        options.Validate();
        await using var broker = await FleetBroker.StartAsync(options).ConfigureAwait(false);
        await using var platform = new FleetPlatform(broker.Host, broker.Port, Site);
        await platform.ConnectAsync().ConfigureAwait(false);
        using var probe = new ThreadPoolProbe();
        var clock = new StopwatchClock();
        var gateways = new FleetGateway[options.Gateways];
        var connecting = Stopwatch.StartNew();
        for (int i = 0; i < gateways.Length; i++) gateways[i] = new FleetGateway(i + 1, options.Channels, broker.Host, broker.Port, clock, Site);
        try
        {
            int connected = 0;
            while (connecting.Elapsed < TimeSpan.FromSeconds(60) && !cancel.IsCancellationRequested)
            {
                connected = gateways.Count(g => g.Connected);
                if (connected == gateways.Length) break;
                await Task.Delay(50, cancel).ConfigureAwait(false);
            }
            output.WriteLine($"{connected}/{gateways.Length} gateways connected to {broker.Name} on {broker.Host}:{broker.Port} in {connecting.ElapsedMilliseconds} ms; " +
                             $"{options.Channels} channels each at 1 Hz; scan every {options.ScanMs} ms; measuring {options.DurationMs / 1000} s; load {LoadAverage()}");
            var report = new FleetReport(options, broker.Name, LoadAverage());
            // A warm-up of two batch intervals: every gateway has sent its birth and closed a first batch.
            await ScanAsync(gateways, options.ScanMs, 2000, report, cancel).ConfigureAwait(false);
            long startUtc = clock.UtcMs;
            var tally = new FleetTally(options.Gateways, options.Channels, startUtc, startUtc + options.DurationMs);
            platform.Count(tally);
            var self = Process.GetCurrentProcess();
            TimeSpan selfCpu0 = self.TotalProcessorTime;
            TimeSpan? brokerCpu0 = broker.ProcessCpu;
            var wall = Stopwatch.StartNew();
            report.ScanLate = 0;
            report.Scans = 0;
            report.ScanBusyMs = 0;
            await ScanAsync(gateways, options.ScanMs, options.DurationMs, report, cancel).ConfigureAwait(false);
            double seconds = wall.Elapsed.TotalSeconds;
            self.Refresh();
            report.SelfCpuShare = (self.TotalProcessorTime - selfCpu0).TotalSeconds / seconds / Environment.ProcessorCount;
            if (brokerCpu0 is TimeSpan b0 && broker.ProcessCpu is TimeSpan b1) report.BrokerCpuShare = (b1 - b0).TotalSeconds / seconds / Environment.ProcessorCount;
            // Batches sampled in the window still travelling: keep scanning (the session publishes in the scan).
            var drain = new FleetReport(options, broker.Name, "");
            await ScanAsync(gateways, options.ScanMs, options.DrainMs, drain, cancel).ConfigureAwait(false);
            report.LoadAfter = LoadAverage();
            report.Reconnects = gateways.Sum(g => Math.Max(0, g.ConnectCount - 1));
            report.LastLinkError = gateways.Select(g => g.LastError).LastOrDefault(e => e != null);
            report.PlatformDisconnects = platform.Disconnects;
            report.PlatformDisconnectReason = platform.LastDisconnectReason;
            report.Probe(probe);
            lock (tally) report.Tally = tally;
            report.Print(output);
            return report;
        }
        finally
        {
            await Task.WhenAll(gateways.Where(g => g != null).Select(g => g.DisposeAsync().AsTask())).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Scans every gateway each <paramref name="scanMs"/> for <paramref name="forMs"/>, counting late
    /// scans, on a thread of its own: after an await the caller may be a thread-pool thread, and a
    /// scan loop that sleeps there holds one of the pool's few threads (two on this machine) for the
    /// whole run while 2,000 links need them for their sockets and PUBACKs.
    /// </summary>
    private static Task ScanAsync(FleetGateway[] gateways, int scanMs, long forMs, FleetReport report, CancellationToken cancel)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                ScanLoop(gateways, scanMs, forMs, report, cancel);
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { Name = "fleet scan", IsBackground = true };
        thread.Start();
        return done.Task;
    }

    private static void ScanLoop(FleetGateway[] gateways, int scanMs, long forMs, FleetReport report, CancellationToken cancel)
    {
        var wall = Stopwatch.StartNew();
        long next = 0;
        while (wall.ElapsedMilliseconds < forMs && !cancel.IsCancellationRequested)
        {
            long t0 = Stopwatch.GetTimestamp();
            foreach (var g in gateways) g.Runtime.Scan();
            report.ScanBusyMs += Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            report.Scans++;
            next += scanMs;
            long sleep = next - wall.ElapsedMilliseconds;
            if (sleep > 0) Thread.Sleep((int)sleep);
            else
            {
                report.ScanLate++;
                next = wall.ElapsedMilliseconds;
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            string[] f = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{f[0]} {f[1]} {f[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
