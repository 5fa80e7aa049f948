using System.Diagnostics;

namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>
/// In-process counters of the kind dotnet-counters shows, sampled every 100 ms on a thread of its own:
/// how long a work item queued to the thread pool waits before it runs (the direct measure of
/// starvation), the pool's threads and queue, and lock contention. A stalled fleet with an idle
/// broker and an idle CPU is a pool that waits; this says whether it did.
/// </summary>
public sealed class ThreadPoolProbe : IDisposable
{
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private readonly LagHistogram _dispatch = new();
    private readonly object _gate = new();
    private readonly long _contention0 = System.Threading.Monitor.LockContentionCount;
    private readonly long _completed0 = ThreadPool.CompletedWorkItemCount;

    public ThreadPoolProbe()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "fleet thread-pool probe" };
        _thread.Start();
    }

    public int MaxThreads { get; private set; }
    public long MaxQueued { get; private set; }
    public long LockContentions => System.Threading.Monitor.LockContentionCount - _contention0;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly int[] _gc0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _pause0 = GC.GetTotalPauseDuration();

    /// <summary>Collections of generation 0/1/2 and the time every thread stood still for them.</summary>
    public string GarbageCollections => $"{GC.CollectionCount(0) - _gc0[0]}/{GC.CollectionCount(1) - _gc0[1]}/{GC.CollectionCount(2) - _gc0[2]} (gen 0/1/2), paused {(GC.GetTotalPauseDuration() - _pause0).TotalMilliseconds:0} ms";
    public double Seconds => _since.Elapsed.TotalSeconds;
    public long WorkItems => ThreadPool.CompletedWorkItemCount - _completed0;

    /// <summary>Queue → start delays of the probe's work items.</summary>
    public long DispatchP99Ms { get { lock (_gate) return _dispatch.Percentile(99); } }
    public long DispatchMaxMs { get { lock (_gate) return _dispatch.MaxObservedMs; } }

    private void Run()
    {
        while (!_stop.Wait(100))
        {
            long queued = Stopwatch.GetTimestamp();
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                long ms = (long)Stopwatch.GetElapsedTime(queued).TotalMilliseconds;
                lock (_gate) _dispatch.Add(ms);
            }, null);
            MaxThreads = Math.Max(MaxThreads, ThreadPool.ThreadCount);
            MaxQueued = Math.Max(MaxQueued, ThreadPool.PendingWorkItemCount);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }
}
