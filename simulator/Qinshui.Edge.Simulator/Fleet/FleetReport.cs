using System.Globalization;

namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>The figures of one fleet run and its verdict against the targets of <see cref="FleetOptions"/>.</summary>
public sealed class FleetReport(FleetOptions options, string broker, string loadBefore)
{
    public FleetOptions Options { get; } = options;
    public string Broker { get; } = broker;
    public string LoadBefore { get; } = loadBefore;
    public string LoadAfter { get; set; } = "";
    public FleetTally? Tally { get; set; }
    public long Scans { get; set; }
    public long ScanLate { get; set; }
    /// <summary>Wall time spent inside the scans (all gateways), over the window.</summary>
    public double ScanBusyMs { get; set; }
    public long WorkItemsPerSecond { get; private set; }
    public double SelfCpuShare { get; set; }
    public double? BrokerCpuShare { get; set; }
    public long Reconnects { get; set; }
    public string? LastLinkError { get; set; }
    public int PlatformDisconnects { get; set; }
    public string? PlatformDisconnectReason { get; set; }
    public int PoolThreadsMax { get; private set; }
    public long PoolQueueMax { get; private set; }
    public long PoolDispatchP99Ms { get; private set; }
    public long PoolDispatchMaxMs { get; private set; }
    public long LockContentions { get; private set; }
    public string GarbageCollections { get; private set; } = "";

    public void Probe(ThreadPoolProbe p)
    {
        PoolThreadsMax = p.MaxThreads;
        PoolQueueMax = p.MaxQueued;
        PoolDispatchP99Ms = p.DispatchP99Ms;
        PoolDispatchMaxMs = p.DispatchMaxMs;
        LockContentions = p.LockContentions;
        GarbageCollections = p.GarbageCollections;
        WorkItemsPerSecond = (long)(p.WorkItems / Math.Max(1, p.Seconds));
    }

    /// <summary>Met: delivered share over the whole window and over its worst 10 s slice, and the transport p99.</summary>
    public bool Met => Tally != null
        && Tally.DeliveredShare >= Options.MinDeliveredShare
        && Tally.WorstSlice().Share >= Options.MinDeliveredShare
        && Tally.Transport.Count > 0
        && Tally.Transport.Percentile(99) <= Options.MaxTransportP99Ms;

    public void Print(TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        var t = Tally!;
        var (worst, at) = t.WorstSlice();
        o.WriteLine(string.Format(inv, "offered: {0} gateways × {1} channels at 1 Hz = {2:N0} readings/s; window {3:0} s = {4:N0} readings",
            Options.Gateways, Options.Channels, Options.Gateways * Options.Channels, t.WindowSeconds, t.Offered));
        o.WriteLine(string.Format(inv, "delivered: {0:N0} readings sampled in the window in {1:N0} data messages = {2:0.00} % (worst {3} s slice, from {4} s: {5:0.00} %; gateways below 99 %: {6})",
            t.Readings, t.Messages, t.DeliveredShare * 100, FleetTally.SliceSeconds, at, worst * 100, t.GatewaysBelow(0.99)));
        o.WriteLine(string.Format(inv, "transport lag, newest reading of each message → platform: p50 {0} ms, p90 {1} ms, p99 {2} ms, max {3} ms",
            t.Transport.Percentile(50), t.Transport.Percentile(90), t.Transport.Percentile(99), t.Transport.MaxObservedMs));
        o.WriteLine(string.Format(inv, "end-to-end, every reading, sample → platform (with the 1 s batching): p50 {0} ms, p99 {1} ms, max {2} ms",
            t.EndToEnd.Percentile(50), t.EndToEnd.Percentile(99), t.EndToEnd.MaxObservedMs));
        o.WriteLine(string.Format(inv, "scan loop: {0} scans of all gateways every {1} ms, {2} late ({3:0.0} %); one scan of all took {4:0.0} ms on average",
            Scans, Options.ScanMs, ScanLate, 100.0 * ScanLate / Math.Max(1, Scans), ScanBusyMs / Math.Max(1, Scans)));
        o.WriteLine(string.Format(inv, "CPU ({0} cores = 100 %): this process {1:0.0} %{2}; load average before {3}, after {4}",
            Environment.ProcessorCount, SelfCpuShare * 100, BrokerCpuShare is double b ? string.Format(inv, ", broker {0:0.0} %", b * 100) : "", LoadBefore, LoadAfter));
        o.WriteLine(string.Format(inv, "thread pool: up to {0} threads, queue up to {1}, {5:N0} work items/s, work item queued → running p99 {2} ms, max {3} ms; lock contentions {4}; GC {6}",
            PoolThreadsMax, PoolQueueMax, PoolDispatchP99Ms, PoolDispatchMaxMs, LockContentions, WorkItemsPerSecond, GarbageCollections));
        o.WriteLine(string.Format(inv, "links: {0} reconnects{1}; platform disconnects: {2}{3}",
            Reconnects, LastLinkError != null ? " (last error: " + LastLinkError + ")" : "",
            PlatformDisconnects, PlatformDisconnectReason != null ? " (" + PlatformDisconnectReason + ")" : ""));
        o.WriteLine(string.Format(inv, "target: ≥ {0:0} % delivered over the whole window and every {1} s slice, transport p99 ≤ {2} ms: {3}",
            Options.MinDeliveredShare * 100, FleetTally.SliceSeconds, Options.MaxTransportP99Ms, Met ? "met" : "NOT met"));
    }
}
