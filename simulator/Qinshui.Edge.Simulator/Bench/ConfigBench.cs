using System.Diagnostics;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>What `qedge bench config` asks for: a generated configuration of Channels channels, validated Iterations times.</summary>
public sealed record ConfigBenchOptions(int Channels, int Iterations);

/// <summary>Validation time and memory for a generated configuration (figures printed, not asserted).</summary>
public static class ConfigBench
{
    public static ToolOutcome Run(ConfigBenchOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        int iterations = o.Iterations;
        byte[] json = ConfigGenerator.Generate(o.Channels);

        // Warm up (JIT, catalogue), then measure: the core reader alone (what the device runs) and qedge's whole check.
        var first = ConfigFiles.Check("generated", json, new ValidationErrors(), []);
        if (first.Config == null)
        {
            foreach (var e in ConfigFiles.All(first.Errors)) stderr.WriteLine($"{e.Path}: {e.English}");
            stderr.WriteLine("qedge bench: the generated configuration is invalid");
            return ToolOutcome.Failed;
        }
        var core = Measure(iterations, () => GatewayConfigReader.Read(json, 0, json.Length, new ValidationErrors()));
        var full = Measure(iterations, () => ConfigFiles.Check("generated", json, new ValidationErrors(), []));
        using var process = Process.GetCurrentProcess();
        stdout.WriteLine($"configuration: {o.Channels} channels, {first.Config.Buses.Length} buses, {first.Config.Interlocks.Zones.Length} zones, {json.Length} bytes");
        stdout.WriteLine($"core reader (device code)  : median {core.MedianMs:0.000} ms, min {core.MinMs:0.000} ms, {core.AllocatedBytes:N0} bytes allocated per validation ({iterations} runs)");
        stdout.WriteLine($"qedge check (+board, inline): median {full.MedianMs:0.000} ms, min {full.MinMs:0.000} ms, {full.AllocatedBytes:N0} bytes allocated per validation");
        stdout.WriteLine($"process: peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB, managed heap {GC.GetTotalMemory(false) / 1024:N0} KiB, start to here {(DateTime.Now - process.StartTime).TotalMilliseconds:0} ms");
        return ToolOutcome.Ok;
    }

    private static (double MedianMs, double MinMs, long AllocatedBytes) Measure(int iterations, Func<object?> run)
    {
        for (int i = 0; i < 3; i++) run();
        var times = new double[iterations];
        long allocated = 0;
        for (int i = 0; i < iterations; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var result = run();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(result);
        }
        Array.Sort(times);
        return (times[iterations / 2], times[0], allocated / iterations);
    }
}
